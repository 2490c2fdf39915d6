// Bun's hasher classes are native: called without `new` they throw Bun's
// ERR_ILLEGAL_CONSTRUCTOR (a JS class would throw V8's own message), and their
// members are enumerable and not configurable. This gives a JS class that shape.
import { illegalConstructor } from "./errors.ts";

// Bun's hasher constructors take at most two arguments.
type HasherClass = new (first?: never, second?: never) => object;

/**
 * Makes `members` of `target` enumerable and fixed, as Bun's native members
 * are, and (re)defines them in the given order, which is Bun's key order.
 */
function fixMembers(target: object, members: readonly string[]): void {
  for (const member of members) {
    const descriptor = Object.getOwnPropertyDescriptor(target, member)!;
    Reflect.deleteProperty(target, member);
    Object.defineProperty(target, member, { ...descriptor, enumerable: true, configurable: false });
  }
}

/** `fn` with the `length` Bun gives it. */
export function withLength<F extends (...args: never[]) => unknown>(fn: F, length: number): F {
  return Object.defineProperty(fn, "length", { value: length });
}

interface ClassShape {
  name: string;
  /** Prototype members (methods and getters). */
  members: readonly string[];
  /** Static members (methods and getters). */
  statics: readonly string[];
  /** Bun's `length` of methods whose JS parameter count differs (optional parameters count in JS). */
  lengths: { readonly prototype?: Record<string, number>; readonly static?: Record<string, number> };
}

function fixLengths(target: object, lengths: Record<string, number> | undefined): void {
  for (const [method, length] of Object.entries(lengths ?? {})) {
    withLength((target as Record<string, (...args: never[]) => unknown>)[method]!, length);
  }
}

/**
 * A constructor function standing for `Impl`: `new` constructs an `Impl`
 * (directly, or with `new.target` for a subclass); a call without `new` throws
 * Bun's error. Statics are moved onto it; its prototype is `Impl.prototype`.
 */
export function bunClass<T extends HasherClass>(Impl: T, shape: ClassShape): T {
  const { name } = shape;
  const constructor = {
    [name]: function (first?: never, second?: never): object {
      if (new.target === undefined) throw illegalConstructor(name);
      // The plain `new` is the hot path (a hasher per message): no Reflect.construct.
      return new.target === constructor ? new Impl(first, second) : Reflect.construct(Impl, [first, second], new.target);
    },
  }[name]!;
  withLength(constructor, 0);
  fixLengths(Impl, shape.lengths.static);
  fixLengths(Impl.prototype, shape.lengths.prototype);
  for (const member of shape.statics) {
    Object.defineProperty(constructor, member, Object.getOwnPropertyDescriptor(Impl, member)!);
  }
  fixMembers(constructor, shape.statics);
  Object.defineProperty(constructor, "prototype", { value: Impl.prototype, writable: false, enumerable: false, configurable: false });
  fixMembers(Impl.prototype, shape.members);
  // Bun lists `constructor` after the members.
  Reflect.deleteProperty(Impl.prototype, "constructor");
  Object.defineProperty(Impl.prototype, "constructor", { value: constructor, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(Impl.prototype, Symbol.toStringTag, { value: name, configurable: true });
  return constructor as unknown as T;
}
