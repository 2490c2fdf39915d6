// @dx-compat/macro: Bun macros (`with { type: "macro" }`) on Node.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
