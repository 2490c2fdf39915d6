// @dx-compat/html: `HTMLRewriter` on html-rewriter-wasm.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
