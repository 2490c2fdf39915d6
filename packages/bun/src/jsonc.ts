// Bun.JSONC: JSON with comments and trailing commas, read as Bun reads
// tsconfig.json (see internal/parsers/jsonc.ts for its leniencies).
import { invalidArgType } from "./internal/errors.ts";
import { toText } from "./internal/parsers/input.ts";
import { parseJsonc } from "./internal/parsers/jsonc.ts";

type BunJsonc = typeof import("bun").JSONC;

function parse(input: unknown): unknown {
  if (input === null || input === undefined) throw invalidArgType("input must be a string");
  return parseJsonc(toText(input));
}

export const JSONC: BunJsonc = { parse };
