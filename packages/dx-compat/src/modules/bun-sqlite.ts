// What `bun:sqlite` resolves to under `dx-compat/register`.
export * from "../internal/generated/bun-sqlite.ts";
export { default } from "../internal/generated/bun-sqlite.ts";
