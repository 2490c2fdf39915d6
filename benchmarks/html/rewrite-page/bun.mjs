// Bun and Node + dx-compat: the global HTMLRewriter, string in, string out.
import { run } from "../page.mjs";

const rewriter = new HTMLRewriter()
  .on("a[href^='http:']", {
    element(a) {
      a.setAttribute("href", a.getAttribute("href").replace("http:", "https:"));
    },
  })
  .on("img", {
    element(img) {
      img.setAttribute("loading", "lazy");
    },
  });
await run((page) => rewriter.transform(page));
