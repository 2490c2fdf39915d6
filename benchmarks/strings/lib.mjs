// The string workloads' shared inputs and loop: call `fn` on every input,
// `rounds` times after a warm-up, and print {"ops", "ms"} with ops = calls.
// A checksum of the results goes to stderr so no call can be optimised away.

import { timed } from "../lib/timed.mjs";

function random(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const WORDS = ["build", "server", "request", "the", "of", "cache", "node_modules", "✔", "→", "…", "café", "naïve", "日本語", "中文", "한국어", "Ж", "€", "😀", "👍🏽", "🇺🇸", "👨‍👩‍👧", "e\u0301", "ｱｲｳ", "—", "«quoted»"];
const STYLES = ["\x1b[31m", "\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[38;5;82m", "\x1b[39m", "\x1b[22m", "\x1b[0m"];

/** 1 024 terminal lines: words of Latin, CJK, emoji and symbols, a third of them coloured. */
export function mixedLines() {
  const next = random(7);
  return Array.from({ length: 1024 }, () => {
    let line = "";
    const words = 4 + Math.floor(next() * 12);
    for (let i = 0; i < words; i++) {
      if (next() < 0.15) line += STYLES[Math.floor(next() * STYLES.length)];
      line += WORDS[Math.floor(next() * WORDS.length)] + " ";
    }
    return line;
  });
}

/** 1 024 printable-ASCII log lines, 40–120 characters. */
export function asciiLines() {
  const next = random(11);
  return Array.from({ length: 1024 }, (_, i) => {
    const length = 40 + Math.floor(next() * 80);
    let line = `${i.toString().padStart(5, "0")} GET /api/v1/items?page=${i} 200 `;
    while (line.length < length) line += "abcdefghijklmnopqrstuvwxyz0123456789 "[Math.floor(next() * 37)];
    return line.slice(0, length);
  });
}

/** 1 024 HTML-ish snippets: text with tags, attributes, quotes and ampersands. */
export function htmlSnippets() {
  const next = random(13);
  const parts = ["<b>", "</b>", '<a href="/x?a=1&b=2">', "</a>", "Tom & Jerry", "it's", '"quoted"', "plain text here ", "naïve café ", "日本語 ", "1 < 2 > 0 "];
  return Array.from({ length: 1024 }, () => {
    let text = "";
    const count = 4 + Math.floor(next() * 12);
    for (let i = 0; i < count; i++) text += parts[Math.floor(next() * parts.length)];
    return text;
  });
}

/** 1 024 strings with nothing to escape (the fast path). */
export function cleanSnippets() {
  return asciiLines().map((line) => line.replaceAll("=", " ").replaceAll("&", " ").replaceAll("?", " "));
}

export function run(fn, inputs, { rounds = 200, warmup = 20 } = {}) {
  let check = 0;
  const pass = () => {
    for (let i = 0; i < inputs.length; i++) {
      const result = fn(inputs[i]);
      check = (check + (typeof result === "number" ? result : result.length)) | 0;
    }
  };
  for (let r = 0; r < warmup; r++) pass();
  return timed(() => {
    const start = performance.now();
    for (let r = 0; r < rounds; r++) pass();
    const ms = performance.now() - start;
    process.stderr.write(`check ${check}\n`);
    return { ops: rounds * inputs.length, ms };
  });
}
