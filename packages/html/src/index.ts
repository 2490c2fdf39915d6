// @dx-compat/html: `HTMLRewriter` on html-rewriter-wasm.
export { HTMLRewriter } from "./html-rewriter.ts";
