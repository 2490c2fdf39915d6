// `Bun.inspect(value, options)` option reading, as Bun's `FormatOptions.fromJS`:
// an options object (`depth`, `colors`, `sorted`, `compact`), or the legacy
// positional form `(value, depth, colors)`.
import { invalidArgType } from "../errors.ts";

export interface InspectSettings {
  colors: boolean;
  depth: number;
  sorted: boolean;
  compact: boolean;
}

const MAX_DEPTH = 65_535;

function formatNumber(value: number): string {
  return Number.isInteger(value) && Math.abs(value) >= 1e21 ? BigInt(value).toString() : String(value);
}

/** A numeric depth: integers clamp to 0..65535, infinities mean "no limit", anything else throws as Bun does. */
function readDepth(value: number): number {
  if (Number.isInteger(value)) {
    if (value < 0) throw invalidArgType(`expected depth to be greater than or equal to 0, got ${formatNumber(value)}`);
    return Math.min(value, MAX_DEPTH);
  }
  if (value === Infinity || value === -Infinity) return MAX_DEPTH;
  throw invalidArgType(`expected depth to be an integer, got ${formatNumber(value)}`);
}

function readFlag(options: object, key: string): boolean | undefined {
  const value: unknown = (options as Record<string, unknown>)[key];
  return value === undefined ? undefined : Boolean(value);
}

export function readInspectOptions(args: readonly unknown[], defaults: InspectSettings): InspectSettings {
  const settings = { ...defaults };
  if (args.length === 0) return settings;
  const options = args[0];
  if (options !== null && (typeof options === "object" || typeof options === "function")) {
    const depth: unknown = (options as { depth?: unknown }).depth;
    if (typeof depth === "number") settings.depth = readDepth(depth);
    settings.colors = readFlag(options, "colors") ?? settings.colors;
    settings.sorted = readFlag(options, "sorted") ?? settings.sorted;
    settings.compact = readFlag(options, "compact") ?? settings.compact;
    return settings;
  }
  if (typeof options === "number") settings.depth = readDepth(options);
  const colors = args[1];
  if (args.length > 1 && colors !== undefined && colors !== null) settings.colors = Boolean(colors);
  return settings;
}
