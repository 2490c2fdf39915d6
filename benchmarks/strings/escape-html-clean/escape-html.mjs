// The npm alternative: escape-html on the same text.
import escapeHtml from "escape-html";
import { cleanSnippets, run } from "../lib.mjs";

run((text) => escapeHtml(text), cleanSnippets(), { rounds: 2000, warmup: 100 });
