// @dx-compat/bun: The `Bun.*` namespace on Node.js.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
