// The cookie workloads' shared loop: for each of 256 distinct Cookie headers,
// read the cookies, change two and delete one, and produce the Set-Cookie
// header values; print {"ops", "ms"} where ops counts request cycles. A
// checksum of the output lengths goes to stderr so nothing is optimised away.

/** 256 realistic Cookie headers: a session id, preferences, an encoded value, tracking ids. */
export function cookieHeaders() {
  return Array.from({ length: 256 }, (_, i) =>
    [`session=${(i * 2654435761 >>> 0).toString(16).padStart(8, "0")}abcdef0123456789`, `theme=${i % 2 ? "dark" : "light"}`, `lang=en-US`, `cart=item%20${i}%2Citem%20${i + 1}`, `_ga=GA1.2.${i}.1700000000`, `_gid=GA1.2.${i * 7}.1700000000`].join("; "),
  );
}

function time(cycle, headers, rounds) {
  let check = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < headers.length; i++) check = (check + cycle(headers[i], i)) | 0;
  }
  return { ms: performance.now() - start, check };
}

/** Runs `cycle(header, i)` (returns a number for the checksum) over the headers; prints ops/ms. */
export function runCycles(cycle, { rounds = 400 } = {}) {
  const headers = cookieHeaders();
  time(cycle, headers, 40);
  const { ms, check } = time(cycle, headers, rounds);
  process.stderr.write(`check ${check}\n`);
  console.log(JSON.stringify({ ops: rounds * headers.length, ms }));
}
