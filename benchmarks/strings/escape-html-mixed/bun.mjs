// Bun and Node + dx-compat: Bun.escapeHTML on HTML-ish snippets (tags, quotes, ampersands).
import { htmlSnippets, run } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { escapeHTML } = Bun;
run((text) => escapeHTML(text), htmlSnippets(), { rounds: 1000, warmup: 50 });
