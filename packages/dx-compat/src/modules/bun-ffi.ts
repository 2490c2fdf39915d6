// What `bun:ffi` resolves to under `dx-compat/register`.
export * from "../internal/generated/bun-ffi.ts";
export { default } from "../internal/generated/bun-ffi.ts";
