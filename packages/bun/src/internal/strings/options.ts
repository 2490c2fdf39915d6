// Option reading as Bun's native string functions do it.

/**
 * `options[key]`, except that a value found only on Object.prototype is
 * ignored (Bun's prototype-pollution-safe lookup); getters run with `options`
 * as the receiver.
 */
export function ownOrInheritedOption(options: object, key: string): unknown {
  for (let holder: object | null = options; holder !== null && holder !== Object.prototype; holder = Object.getPrototypeOf(holder) as object | null) {
    if (Object.prototype.hasOwnProperty.call(holder, key)) return Reflect.get(options, key);
  }
  return undefined;
}

/** Bun's "truthy option": undefined, null and falsy strings keep the default. */
export function truthyOption(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === "") return fallback;
  return Boolean(value);
}
