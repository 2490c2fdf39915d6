import { toBunString } from "./internal/strings/coerce.ts";
import { toIntegerOrInfinity } from "./internal/strings/integer.ts";
import { sliceAnsiText } from "./internal/strings/slice.ts";
import { visibleWidth } from "./internal/strings/width.ts";

type SliceAnsi = typeof import("bun").sliceAnsi;
type SliceAnsiOptions = import("bun").SliceAnsiOptions;

interface Resolved {
  ellipsis: string;
  wide: boolean;
}

/**
 * The 4th argument: a string is the ellipsis, a boolean ambiguousIsNarrow,
 * an object both; the 5th is ambiguousIsNarrow when the 4th is a string or
 * undefined. Nothing is coerced except the object's ambiguousIsNarrow.
 */
function resolveOptions(options: unknown, ambiguousIsNarrow: unknown): Resolved {
  const resolved: Resolved = { ellipsis: "", wide: false };
  if (typeof options === "string" || options === undefined) {
    if (typeof options === "string") resolved.ellipsis = options;
    if (typeof ambiguousIsNarrow === "boolean") resolved.wide = !ambiguousIsNarrow;
  } else if (typeof options === "boolean") {
    resolved.wide = !options;
  } else if ((typeof options === "object" && options !== null) || typeof options === "function") {
    const { ellipsis } = options as SliceAnsiOptions;
    if (typeof ellipsis === "string") resolved.ellipsis = ellipsis;
    const narrow = (options as SliceAnsiOptions).ambiguousIsNarrow;
    if (narrow !== undefined) resolved.wide = !narrow;
  }
  return resolved;
}

/** Bun.sliceAnsi: `String.prototype.slice` by terminal columns, escape sequences kept and balanced. */
export const sliceAnsi: SliceAnsi = function sliceAnsi(input: string, start?: number, end?: number, options?: string | boolean | SliceAnsiOptions, ambiguousIsNarrow?: boolean): string {
  const text = toBunString(input);
  if (text.length === 0) return "";
  const startD = start === undefined ? 0 : toIntegerOrInfinity(start);
  const endD = end === undefined ? Infinity : toIntegerOrInfinity(end);
  const { ellipsis, wide } = resolveOptions(options, ambiguousIsNarrow);
  const ellipsisWidth = ellipsis.length === 0 ? 0 : visibleWidth(ellipsis, true, wide);
  return sliceAnsiText(text, startD, endD, ellipsis, ellipsisWidth, wide) ?? text;
};
