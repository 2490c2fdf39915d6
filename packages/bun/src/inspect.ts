import { Formatter } from "./internal/inspect/formatter.ts";
import { readInspectOptions } from "./internal/inspect/options.ts";
import { printTable } from "./internal/inspect/table.ts";
import { getTag, inspectCustom } from "./internal/inspect/tag.ts";

type Inspect = typeof import("bun").inspect;

/**
 * `Bun.inspect(value, options?)`: `value` as Bun's `console.log` prints it (but
 * with top-level strings quoted), as a string. Options: `depth` (default 8),
 * `colors`, `sorted`, `compact`; or the positional `(value, depth, colors)`.
 * `Bun.inspect.custom` is `Symbol.for("nodejs.util.inspect.custom")`; such a
 * method is called with `(depth, { stylize, depth, colors }, inspect)`.
 *
 * @example
 * ```ts
 * import { inspect } from "@dx-compat/bun";
 * inspect({ a: 1, b: [1, 2] }); // '{\n  a: 1,\n  b: [ 1, 2 ],\n}'
 * inspect.table([{ a: 1 }]);
 * ```
 */
function inspectValue(...args: unknown[]): string {
  if (args.length === 0) return "";
  const value = args[0];
  const settings = readInspectOptions(args.slice(1), { colors: false, depth: 8, sorted: false, compact: false });
  const formatter = new Formatter({
    colors: settings.colors,
    maxDepth: settings.depth,
    singleLine: settings.compact,
    orderedProperties: settings.sorted,
    quoteStrings: true,
  });
  try {
    formatter.format(getTag(value, { hideGlobal: false, disableCustom: false }), value);
  } catch (error) {
    // JavaScriptCore words a stack overflow with a final period.
    if (error instanceof RangeError && error.message === "Maximum call stack size exceeded") throw new RangeError("Maximum call stack size exceeded.");
    throw error;
  }
  return formatter.output();
}

function table(tabularData: unknown, properties?: unknown, options?: unknown): string {
  return printTable(tabularData, properties, options);
}

// Bun's `inspect` and `inspect.table` report Bun's arities.
Object.defineProperty(inspectValue, "name", { value: "inspect" });
Object.defineProperty(inspectValue, "length", { value: 2 });
Object.defineProperty(table, "length", { value: 3 });

export const inspect: Inspect = Object.assign(inspectValue as (arg: unknown, options?: import("bun").BunInspectOptions) => string, {
  custom: inspectCustom,
  table: table as Inspect["table"],
}) as Inspect;
