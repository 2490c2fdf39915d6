// The order in which a Headers object's names were first added. Node's Headers
// (undici) keeps it, but only shows it through its util.inspect hook, which
// formats a plain object of `name: value` in insertion order. Asking that hook
// with our own `stylize` hands us each formatted value and key in turn, without
// parsing any output. Anything unexpected falls back to the sorted order.
import { inspect } from "node:util";

type InspectHook = (depth: number, options: object, inspectFn: typeof inspect) => unknown;

/** Strips the quotes util.inspect puts around a key that is not an identifier (a header name holds no escapes). */
function unquote(text: string, style: string): string {
  return style === "string" ? text.slice(1, -1) : text;
}

function namesFromInspect(headers: Headers): string[] | undefined {
  const hook = (headers as unknown as Record<symbol, unknown>)[inspect.custom];
  if (typeof hook !== "function") return undefined;
  const styled: Array<[string, string]> = [];
  const options = {
    stylize: (text: string, style: string): string => {
      styled.push([text, style]);
      return text;
    },
    breakLength: Infinity,
    maxStringLength: Infinity,
    colors: false,
    depth: 0,
  };
  (hook as InspectHook).call(headers, 0, options, inspect);
  // Each property is formatted value first, then key.
  const names: string[] = [];
  for (let index = 1; index < styled.length; index += 2) {
    const [text, style] = styled[index] as [string, string];
    names.push(unquote(text, style).toLowerCase());
  }
  return names;
}

function sameNames(found: readonly string[], expected: ReadonlySet<string>): boolean {
  return found.length === expected.size && found.every((name) => expected.has(name));
}

/** The lowercase names of `headers`, each once, in the order they were first added (sorted when that cannot be learnt). */
export function namesInInsertionOrder(headers: Headers): string[] {
  const sorted = new Set<string>();
  for (const [name] of headers) sorted.add(name);
  let found: string[] | undefined;
  try {
    found = namesFromInspect(headers);
  } catch {
    found = undefined;
  }
  return found && sameNames(found, sorted) ? found : [...sorted];
}
