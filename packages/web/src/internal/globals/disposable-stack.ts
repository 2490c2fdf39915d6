// DisposableStack, AsyncDisposableStack and SuppressedError (ES2026 explicit
// resource management) for Node 22, whose V8 lacks them; Node 24 and Bun have
// them built in. The spec's algorithms, with JavaScriptCore's messages, so a
// program behaves as under Bun. Installed only where missing (./index).

type DisposeMethod = ((this: unknown) => unknown) | undefined;

interface Resource {
  value: unknown;
  method: DisposeMethod;
}

const disposeSymbol: symbol = Symbol.dispose;
const asyncDisposeSymbol: symbol = Symbol.asyncDispose;

/** `SuppressedError(error, suppressed, message)`: callable with or without `new`, as Error is. */
export interface SuppressedErrorInstance extends Error {
  error: unknown;
  suppressed: unknown;
}

interface SuppressedErrorConstructor {
  new (error: unknown, suppressed: unknown, message?: string): SuppressedErrorInstance;
  (error: unknown, suppressed: unknown, message?: string): SuppressedErrorInstance;
  readonly prototype: SuppressedErrorInstance;
}

function hidden(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: true, enumerable: false, configurable: true });
}

export const SuppressedError = function SuppressedError(this: unknown, error: unknown, suppressed: unknown, message?: string): SuppressedErrorInstance {
  const prototype = (new.target as { prototype?: object } | undefined)?.prototype ?? SuppressedError.prototype;
  const instance = Reflect.construct(Error, message === undefined ? [] : [String(message)], new.target ?? SuppressedError) as SuppressedErrorInstance;
  Object.setPrototypeOf(instance, prototype);
  hidden(instance, "error", error);
  hidden(instance, "suppressed", suppressed);
  return instance;
} as unknown as SuppressedErrorConstructor;
Object.setPrototypeOf(SuppressedError, Error);
Object.setPrototypeOf(SuppressedError.prototype, Error.prototype);
hidden(SuppressedError.prototype, "name", "SuppressedError");
hidden(SuppressedError.prototype, "message", "");

/** Runs the resources last-in first-out; errors pile up as Suppressed­Errors, the latest outermost. */
function disposeAll(resources: Resource[]): void {
  let failed = false;
  let failure: unknown;
  for (let index = resources.length - 1; index >= 0; index--) {
    const { value, method } = resources[index] as Resource;
    try {
      method?.call(value);
    } catch (error) {
      failure = failed ? new SuppressedError(error, failure) : error;
      failed = true;
    }
  }
  if (failed) throw failure;
}

async function disposeAllAsync(resources: Resource[]): Promise<void> {
  let failed = false;
  let failure: unknown;
  for (let index = resources.length - 1; index >= 0; index--) {
    const { value, method } = resources[index] as Resource;
    try {
      await method?.call(value);
    } catch (error) {
      failure = failed ? new SuppressedError(error, failure) : error;
      failed = true;
    }
  }
  if (failed) throw failure;
}

function disposeMethodOf(value: unknown, asynchronous: boolean): DisposeMethod {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "object" && typeof value !== "function") throw new TypeError("Disposable value must be an object");
  const holder = value as Record<symbol, unknown>;
  if (asynchronous) {
    const method = holder[asyncDisposeSymbol] ?? holder[disposeSymbol];
    if (typeof method !== "function") throw new TypeError("@@asyncDispose and @@dispose must not be undefined or null");
    if (holder[asyncDisposeSymbol] === undefined || holder[asyncDisposeSymbol] === null) {
      // A sync @@dispose in an async stack: called, its result not awaited.
      return function (this: unknown) {
        (method as (this: unknown) => unknown).call(this);
      };
    }
    return method as DisposeMethod;
  }
  const method = holder[disposeSymbol];
  if (typeof method !== "function") throw new TypeError("@@dispose must not be undefined or null");
  return method as DisposeMethod;
}

/** The shared state and checks of both stacks; `kind` names the class in messages. */
class StackState {
  resources: Resource[] = [];
  disposed = false;
  readonly kind: "DisposableStack" | "AsyncDisposableStack";

  constructor(kind: "DisposableStack" | "AsyncDisposableStack") {
    this.kind = kind;
  }

  pending(method: string): Resource[] {
    if (this.disposed) throw new ReferenceError(`${this.kind}.prototype.${method} requires that |this| be a pending ${this.kind} object`);
    return this.resources;
  }

  callable(method: string, onDispose: unknown): (value: unknown) => unknown {
    if (typeof onDispose !== "function") throw new TypeError(`${this.kind}.prototype.${method} requires that onDispose argument be a callable`);
    return onDispose as (value: unknown) => unknown;
  }

  take(): Resource[] {
    const resources = this.resources;
    this.resources = [];
    this.disposed = true;
    return resources;
  }

  use<T>(value: T): T {
    this.pending("use").push({ value, method: disposeMethodOf(value, this.kind === "AsyncDisposableStack") });
    return value;
  }

  adopt<T>(value: T, onDispose: unknown): T {
    const resources = this.pending("adopt");
    const callback = this.callable("adopt", onDispose);
    resources.push({ value: undefined, method: () => callback(value) });
    return value;
  }

  defer(onDispose: unknown): void {
    const resources = this.pending("defer");
    resources.push({ value: undefined, method: this.callable("defer", onDispose) as DisposeMethod });
  }

  /** Hands every resource to `fresh` (a new stack's state) and ends this one. */
  moveTo(fresh: StackState): void {
    this.pending("move");
    fresh.resources = this.take();
  }
}

const states = new WeakMap<object, StackState>();

function stateOf(target: unknown, kind: StackState["kind"], member: string): StackState {
  const state = typeof target === "object" && target !== null ? states.get(target) : undefined;
  if (state === undefined || state.kind !== kind) throw new TypeError(`${kind}.prototype.${member} requires that |this| be a ${kind} object`);
  return state;
}

class DisposableStackImpl {
  constructor() {
    states.set(this, new StackState("DisposableStack"));
  }

  get disposed(): boolean {
    return stateOf(this, "DisposableStack", "disposed getter").disposed;
  }

  use<T>(value: T): T {
    return stateOf(this, "DisposableStack", "use").use(value);
  }

  adopt<T>(value: T, onDispose: (value: T) => void): T {
    return stateOf(this, "DisposableStack", "adopt").adopt(value, onDispose);
  }

  defer(onDispose: () => void): void {
    stateOf(this, "DisposableStack", "defer").defer(onDispose);
  }

  move(): DisposableStackImpl {
    const moved = new DisposableStackImpl();
    stateOf(this, "DisposableStack", "move").moveTo(states.get(moved) as StackState);
    return moved;
  }

  dispose(): void {
    const state = stateOf(this, "DisposableStack", "dispose");
    if (state.disposed) return;
    disposeAll(state.take());
  }
}

class AsyncDisposableStackImpl {
  constructor() {
    states.set(this, new StackState("AsyncDisposableStack"));
  }

  get disposed(): boolean {
    return stateOf(this, "AsyncDisposableStack", "disposed getter").disposed;
  }

  use<T>(value: T): T {
    return stateOf(this, "AsyncDisposableStack", "use").use(value);
  }

  adopt<T>(value: T, onDispose: (value: T) => unknown): T {
    return stateOf(this, "AsyncDisposableStack", "adopt").adopt(value, onDispose);
  }

  defer(onDispose: () => unknown): void {
    stateOf(this, "AsyncDisposableStack", "defer").defer(onDispose);
  }

  move(): AsyncDisposableStackImpl {
    const moved = new AsyncDisposableStackImpl();
    stateOf(this, "AsyncDisposableStack", "move").moveTo(states.get(moved) as StackState);
    return moved;
  }

  disposeAsync(): Promise<void> {
    let state: StackState;
    try {
      state = stateOf(this, "AsyncDisposableStack", "disposeAsync");
    } catch (error) {
      return Promise.reject(error);
    }
    if (state.disposed) return Promise.resolve();
    return disposeAllAsync(state.take());
  }
}

/**
 * A class called without `new`: V8 would throw its own words before any code
 * of ours ran, so the class is handed out through a proxy that answers a call
 * with JavaScriptCore's TypeError (construction and `extends` pass through).
 */
function constructOnly<C extends new () => object>(implementation: C, kind: string): C {
  const exposed = new Proxy(implementation, {
    apply(): never {
      throw new TypeError(`calling ${kind} constructor without new is invalid`);
    },
  });
  hidden(implementation.prototype as object, "constructor", exposed);
  Object.defineProperty(implementation, "name", { value: kind, configurable: true });
  Object.defineProperty(implementation.prototype, Symbol.toStringTag, { value: kind, configurable: true });
  return exposed;
}

// @@dispose / @@asyncDispose are the same functions as dispose / disposeAsync, as in the spec.
hidden(DisposableStackImpl.prototype, disposeSymbol as unknown as string, DisposableStackImpl.prototype.dispose);
hidden(AsyncDisposableStackImpl.prototype, asyncDisposeSymbol as unknown as string, AsyncDisposableStackImpl.prototype.disposeAsync);

export const DisposableStack: typeof DisposableStackImpl = constructOnly(DisposableStackImpl, "DisposableStack");
export const AsyncDisposableStack: typeof AsyncDisposableStackImpl = constructOnly(AsyncDisposableStackImpl, "AsyncDisposableStack");
