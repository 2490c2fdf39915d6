// The npm alternative on plain Node: html-rewriter-wasm's own API (a new
// rewriter per page, bytes in, output chunks collected), with the same handlers.
import { HTMLRewriter } from "html-rewriter-wasm";
import { run } from "../page.mjs";

const handlers = [
  ["a[href^='http:']", { element: (a) => void a.setAttribute("href", a.getAttribute("href").replace("http:", "https:")) }],
  ["img", { element: (img) => void img.setAttribute("loading", "lazy") }],
];
await run(async (page) => {
  const chunks = [];
  const rewriter = new HTMLRewriter((chunk) => chunks.push(chunk.slice()));
  for (const [selector, handler] of handlers) rewriter.on(selector, handler);
  try {
    await rewriter.write(Buffer.from(page));
    await rewriter.end();
  } finally {
    rewriter.free();
  }
  return Buffer.concat(chunks).toString();
});
