// Built-in operations captured once, so that a value's own properties (a
// shadowing `size`, `source` or `get`) cannot change what Bun's comparisons
// read: Bun compares Maps, Sets, RegExps and typed arrays through engine
// internals, never through properties a program can replace.

function getter<T>(target: object, key: PropertyKey): (this: T) => unknown {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor?.get === undefined) throw new TypeError(`no getter for ${String(key)}`);
  return descriptor.get as (this: T) => unknown;
}

interface Intrinsics {
  mapSize: (map: Map<unknown, unknown>) => number;
  mapGet: (map: Map<unknown, unknown>, key: unknown) => unknown;
  mapEntries: (map: Map<unknown, unknown>) => IterableIterator<[unknown, unknown]>;
  setSize: (set: Set<unknown>) => number;
  setHas: (set: Set<unknown>, key: unknown) => boolean;
  setValues: (set: Set<unknown>) => IterableIterator<unknown>;
  regExpSource: (regExp: RegExp) => string;
  regExpFlags: (regExp: RegExp) => string;
  typedArrayKind: (view: ArrayBufferView) => string | undefined;
  dateValue: (date: Date) => number;
  arrayBufferByteLength: (buffer: ArrayBuffer) => number;
  sharedArrayBufferByteLength: (buffer: SharedArrayBuffer) => number;
  stringObjectValue: (value: object) => string;
  numberObjectValue: (value: object) => number;
  booleanObjectValue: (value: object) => boolean;
  symbolObjectValue: (value: object) => symbol;
  bigIntObjectValue: (value: object) => bigint;
}

let captured: Intrinsics | undefined;

function capture(): Intrinsics {
  const mapSize = getter<Map<unknown, unknown>>(Map.prototype, "size");
  const setSize = getter<Set<unknown>>(Set.prototype, "size");
  const source = getter<RegExp>(RegExp.prototype, "source");
  const typedArrayTag = getter<ArrayBufferView>(Object.getPrototypeOf(Uint8Array.prototype) as object, Symbol.toStringTag);
  const arrayBufferByteLength = getter<ArrayBuffer>(ArrayBuffer.prototype, "byteLength");
  const sharedByteLength = getter<SharedArrayBuffer>(SharedArrayBuffer.prototype, "byteLength");
  const flagGetters = (["hasIndices", "global", "ignoreCase", "multiline", "dotAll", "unicode", "unicodeSets", "sticky"] as const)
    .filter((name) => Object.getOwnPropertyDescriptor(RegExp.prototype, name)?.get !== undefined)
    .map((name) => [getter<RegExp>(RegExp.prototype, name), { hasIndices: "d", global: "g", ignoreCase: "i", multiline: "m", dotAll: "s", unicode: "u", unicodeSets: "v", sticky: "y" }[name]] as const);
  const { get: mapGet, entries: mapEntries } = Map.prototype;
  const { has: setHas, values: setValues } = Set.prototype;
  return {
    mapSize: (map) => mapSize.call(map) as number,
    mapGet: (map, key) => mapGet.call(map, key),
    mapEntries: (map) => mapEntries.call(map),
    setSize: (set) => setSize.call(set) as number,
    setHas: (set, key) => setHas.call(set, key),
    setValues: (set) => setValues.call(set),
    regExpSource: (regExp) => source.call(regExp) as string,
    // The flags getter reads (overridable) properties; each flag's own getter reads the internal slot.
    regExpFlags: (regExp) => flagGetters.map(([flag, letter]) => (flag.call(regExp) === true ? letter : "")).join(""),
    typedArrayKind: (view) => typedArrayTag.call(view) as string | undefined,
    dateValue: (date) => Date.prototype.getTime.call(date),
    arrayBufferByteLength: (buffer) => arrayBufferByteLength.call(buffer) as number,
    sharedArrayBufferByteLength: (buffer) => sharedByteLength.call(buffer) as number,
    stringObjectValue: (value) => String.prototype.valueOf.call(value),
    numberObjectValue: (value) => Number.prototype.valueOf.call(value),
    booleanObjectValue: (value) => Boolean.prototype.valueOf.call(value),
    symbolObjectValue: (value) => Symbol.prototype.valueOf.call(value),
    bigIntObjectValue: (value) => BigInt.prototype.valueOf.call(value),
  };
}

/** The captured built-ins (captured on first use, not at import). */
export function intrinsics(): Intrinsics {
  captured ??= capture();
  return captured;
}
