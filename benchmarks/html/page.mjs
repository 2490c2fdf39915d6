// The HTML workloads' page and loop: a ~70 KB article page (links, images,
// paragraphs, a script) rewritten `rounds` times after a warm-up; prints
// {"ops", "ms"} with ops = pages. A checksum of the output goes to stderr.

/** About 70 KB of article markup: 400 paragraphs, each with a link, every fourth with an image. */
export function articlePage() {
  let body = "";
  for (let i = 0; i < 400; i++) {
    body += `<p class="para">Paragraph ${i} with <a href="http://example.test/item/${i}">a link</a> and some &amp; text.</p>\n`;
    if (i % 4 === 0) body += `<img src="/img/${i}.png" alt="picture ${i}">\n`;
  }
  return `<!doctype html><html><head><title>Article</title><script>var x = "<a href=nope>";</script></head><body><main>${body}</main></body></html>`;
}

export async function run(rewrite, { rounds = 200, warmup = 20 } = {}) {
  const page = articlePage();
  let check = 0;
  for (let r = 0; r < warmup; r++) check = (check + (await rewrite(page)).length) | 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) check = (check + (await rewrite(page)).length) | 0;
  const ms = performance.now() - start;
  process.stderr.write(`check ${check}\n`);
  console.log(JSON.stringify({ ops: rounds, ms }));
}
