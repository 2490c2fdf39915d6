// Bun.resolveSync / Bun.resolve argument rules (Bun 1.4.5): both arguments
// are required and not null, an optional third must be a boolean (true: the
// import resolution, false: require's), and the first two become strings.
import { invalidArgType } from "../../errors.ts";
import type { ResolveRequest } from "./resolve.ts";

function asString(value: unknown): string {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return String(value);
}

export function resolveRequest(args: ArrayLike<unknown>): ResolveRequest {
  if (args.length < 1) throw invalidArgType("Expected a specifier and a from path");
  const specifier = args[0];
  if (specifier === undefined || specifier === null) throw invalidArgType("specifier must be a string");
  if (args.length < 2) throw invalidArgType("Expected a from path");
  const from = args[1];
  if (from === undefined || from === null) throw invalidArgType("from must be a string");
  let isESM = true;
  if (args.length > 2) {
    if (typeof args[2] !== "boolean") throw invalidArgType("esm must be a boolean");
    isESM = args[2];
  }
  return { specifier: asString(specifier), from: asString(from), isESM };
}
