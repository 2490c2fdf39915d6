import { toBunString } from "./internal/strings/coerce.ts";
import { toIntegerOrInfinity } from "./internal/strings/integer.ts";
import { wrapText, type WrapOptions } from "./internal/strings/wrap.ts";

type WrapAnsi = typeof import("bun").wrapAnsi;

function readOptions(options: unknown): WrapOptions {
  const resolved: WrapOptions = { hard: false, wordWrap: true, trim: true, wide: false };
  if ((typeof options !== "object" || options === null) && typeof options !== "function") return resolved;
  const source = options as Record<string, unknown>;
  const hard = source["hard"];
  if (hard !== undefined) resolved.hard = Boolean(hard);
  const wordWrap = source["wordWrap"];
  if (wordWrap !== undefined) resolved.wordWrap = Boolean(wordWrap);
  const trim = source["trim"];
  if (trim !== undefined) resolved.trim = Boolean(trim);
  const narrow = source["ambiguousIsNarrow"];
  if (narrow !== undefined) resolved.wide = !narrow;
  return resolved;
}

/** Bun.wrapAnsi: wrap-ansi's word wrapping with Bun's widths, escape sequences kept. */
export const wrapAnsi: WrapAnsi = function wrapAnsi(input: string, columns: number, options?: import("bun").WrapAnsiOptions): string {
  const text = toBunString(input);
  if (text.length === 0) return "";
  const width = columns === undefined ? 0 : toIntegerOrInfinity(columns);
  const resolved = readOptions(options);
  // Zero columns (or NaN) leaves the text alone; a negative count wraps nothing either.
  if (width === 0) return text;
  return wrapText(text, width < 0 ? Infinity : width, resolved);
};
