// Bun and Node + dx-compat: Bun.escapeHTML on text with nothing to escape (the fast path).
import { cleanSnippets, run } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { escapeHTML } = Bun;
run((text) => escapeHTML(text), cleanSnippets(), { rounds: 2000, warmup: 100 });
