// @dx-compat/compile: `bun build --compile` on Node.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
