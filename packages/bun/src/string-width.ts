import { toBunString } from "./internal/strings/coerce.ts";
import { ownOrInheritedOption, truthyOption } from "./internal/strings/options.ts";
import { printableAsciiPrefix } from "./internal/strings/printable-ascii.ts";
import { codePointInfo } from "./internal/strings/width-data.ts";
import { perCodePointVisibleWidth, visibleWidth } from "./internal/strings/width.ts";

type StringWidth = typeof import("bun").stringWidth;

/** Bun.stringWidth: terminal columns, by grapheme cluster, escape sequences skipped unless counted. */
export const stringWidth: StringWidth = function stringWidth(input: string, options?: import("bun").StringWidthOptions): number {
  if (input === undefined) return 0;
  const text = toBunString(input);
  if (text.length === 0) return 0;
  let countAnsi = false;
  let ambiguousIsNarrow = true;
  let perCodePoint = false;
  if ((typeof options === "object" && options !== null) || typeof options === "function") {
    countAnsi = truthyOption(ownOrInheritedOption(options, "countAnsiEscapeCodes"), false);
    ambiguousIsNarrow = truthyOption(ownOrInheritedOption(options, "ambiguousIsNarrow"), true);
    perCodePoint = truthyOption(ownOrInheritedOption(options, "perCodePoint"), false);
  }
  // Printable ASCII is one column a character: the common case, kept off the tables.
  const asciiPrefix = printableAsciiPrefix(text);
  if (asciiPrefix === text.length) return asciiPrefix;
  if (perCodePoint) return perCodePointVisibleWidth(text, !countAnsi, !ambiguousIsNarrow);
  return visibleWidth(text, !countAnsi, !ambiguousIsNarrow, codePointInfo(), false, asciiPrefix);
};
