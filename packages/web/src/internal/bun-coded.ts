// Errors as Bun's native validators make them (its TLSOptions checks, its
// Headers init conversion): no own `code`; `name`, `code` and a `toString`
// that shows the code live on a prototype between the error and its class's,
// so `String(error)` reads "TypeError [ERR_INVALID_ARG_TYPE]: <message>" and
// `Object.keys(error)` is empty.

type ErrorClass = new (message: string) => Error;

const prototypes = new Map<string, object>();

function codedPrototype(code: string, ErrorClass: ErrorClass): object {
  const key = `${ErrorClass.name} ${code}`;
  let prototype = prototypes.get(key);
  if (prototype === undefined) {
    const property = (value: unknown): PropertyDescriptor => ({ value, writable: true, enumerable: true, configurable: true });
    prototype = Object.create(ErrorClass.prototype, {
      name: property(ErrorClass.name),
      code: property(code),
      toString: property(function toString(this: Error & { code: string }): string {
        return `${this.name} [${this.code}]: ${this.message}`;
      }),
    }) as object;
    prototypes.set(key, prototype);
  }
  return prototype;
}

export function bunCoded<T extends Error>(message: string, code: string, ErrorClass: new (message: string) => T): T & { code: string } {
  const error = new ErrorClass(message);
  Object.setPrototypeOf(error, codedPrototype(code, ErrorClass));
  return error as T & { code: string };
}
