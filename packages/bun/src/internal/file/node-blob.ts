// Node's own Blob consumers — `new Blob([file])`, `new File([file])`,
// `structuredClone`, `URL.createObjectURL`, FormData (through `new File`) —
// do not call a blob's methods: they read its internal handle, length and
// type, which Node's Blob constructor keeps in symbol-keyed own properties.
// A BunFile is lazy and has no bytes of its own, so it replaces those three
// properties with getters that hand over a real Node Blob made from the
// file's bytes at that moment. Without this, Node would see an empty blob.
const internalNames = new Set(["kHandle", "kLength", "kType"]);
const internals: readonly symbol[] = Object.getOwnPropertySymbols(new Blob([])).filter((symbol) =>
  internalNames.has(symbol.description ?? ""),
);

/**
 * Makes `prototype`'s instances answer Node's internal reads from
 * `materialize(instance)`. The setters swallow the empty handle Node's Blob
 * constructor assigns, so instances never carry one of their own.
 */
export function lazyNodeInternals(prototype: object, materialize: (instance: object) => Blob): void {
  for (const symbol of internals) {
    Object.defineProperty(prototype, symbol, {
      configurable: true,
      get(this: object) {
        return (materialize(this) as unknown as Record<symbol, unknown>)[symbol];
      },
      set() {},
    });
  }
}
