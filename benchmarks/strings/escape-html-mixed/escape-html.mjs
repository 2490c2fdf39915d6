// The npm alternative: escape-html on the same snippets.
import escapeHtml from "escape-html";
import { htmlSnippets, run } from "../lib.mjs";

run((text) => escapeHtml(text), htmlSnippets(), { rounds: 1000, warmup: 50 });
