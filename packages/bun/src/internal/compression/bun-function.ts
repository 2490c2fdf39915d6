/**
 * `implementation` with Bun's `name` and `length` for it. Set as properties,
 * not through a named function expression: bundlers (esbuild, so tsup and the
 * register hook's transpiler) rename a function expression that shares its
 * name with the exported binding (`gzipSync` would become `gzipSync2`).
 */
export function bunFunction<F extends (...args: never[]) => unknown>(name: string, length: number, implementation: F): F {
  Object.defineProperty(implementation, "name", { value: name });
  Object.defineProperty(implementation, "length", { value: length });
  return implementation;
}
