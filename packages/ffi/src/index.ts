// @dx-compat/ffi: `bun:ffi` on koffi.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
