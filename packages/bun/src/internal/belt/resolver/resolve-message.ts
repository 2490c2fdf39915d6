// Bun's ResolveMessage: what Bun.resolveSync throws when a module cannot be
// found. An Error by prototype, whose fields are enumerable getters on the
// prototype (an instance has no own properties), as in Bun 1.4.5.

type ImportKind = "import-statement" | "require-call";

interface ResolveMessageFields {
  message: string;
  code: string;
  specifier: string;
  referrer: string;
  importKind: ImportKind;
  requireStack: string[] | undefined;
  stack?: string;
}

const fields = new WeakMap<object, ResolveMessageFields>();

function fieldsOf(target: unknown): ResolveMessageFields {
  const found = fields.get(target as object);
  if (!found) throw new TypeError("Expected a ResolveMessage");
  return found;
}

/** The class behind `ResolveMessage` instances; `new ResolveMessage()` is Bun's "Illegal constructor". */
const ResolveMessage: new () => Error = Object.defineProperty(
  function (): never {
    throw new TypeError("Illegal constructor");
  },
  "name",
  { value: "ResolveMessage" },
) as unknown as new () => Error;

let prototypeReady = false;

function preparePrototype(): void {
  if (prototypeReady) return;
  prototypeReady = true;
  Object.setPrototypeOf(ResolveMessage.prototype, Error.prototype);
  const getter = (get: (f: ResolveMessageFields) => unknown): PropertyDescriptor => ({
    get(this: unknown) {
      return get(fieldsOf(this));
    },
    enumerable: true,
    configurable: false,
  });
  Object.defineProperties(ResolveMessage.prototype, {
    code: getter((f) => f.code),
    column: getter(() => 0),
    importKind: getter((f) => f.importKind),
    level: getter(() => "error"),
    line: getter(() => 0),
    message: { ...getter((f) => f.message), set(this: unknown, value: unknown) { fieldsOf(this).message = String(value); } },
    position: getter(() => null),
    referrer: getter((f) => f.referrer),
    requireStack: getter((f) => f.requireStack),
    specifier: getter((f) => f.specifier),
    stack: { ...getter((f) => f.stack), set(this: unknown, value: unknown) { fieldsOf(this).stack = String(value); } },
    toJSON: {
      value: function toJSON(this: unknown) {
        const f = fieldsOf(this);
        return { name: "ResolveMessage", position: null, message: f.message, level: "error", specifier: f.specifier, importKind: f.importKind, referrer: f.referrer };
      },
      writable: true,
      enumerable: true,
      configurable: false,
    },
    toString: {
      value: function toString(this: unknown) {
        return `ResolveMessage: ${fieldsOf(this).message}`;
      },
      writable: true,
      enumerable: true,
      configurable: false,
    },
    name: { value: "ResolveMessage", writable: false, enumerable: true, configurable: true },
    [Symbol.toPrimitive]: {
      value: function toPrimitive(this: unknown) {
        return `ResolveMessage: ${fieldsOf(this).message}`;
      },
      writable: false,
      enumerable: false,
      configurable: true,
    },
  });
}

/** A ResolveMessage carrying `fields`, with a stack trace like an Error's. */
export function resolveMessage(init: ResolveMessageFields): Error {
  preparePrototype();
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, resolveMessage);
  const frames = (holder.stack ?? "").split("\n").slice(1).join("\n");
  const error = Object.create(ResolveMessage.prototype) as Error;
  fields.set(error, { ...init, stack: `ResolveMessage: ${init.message}${frames === "" ? "" : `\n${frames}`}` });
  return error;
}
