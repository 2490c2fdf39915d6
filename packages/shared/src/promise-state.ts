// Reading a promise's state and result synchronously, which JavaScript itself
// cannot do. Bun asks its engine directly; on Node the one public door to the
// engine's internal slots is the inspector protocol: a session connected to
// this very thread answers `session.post()` synchronously, and
// `Runtime.getProperties` reports `[[PromiseState]]` and `[[PromiseResult]]`.
// An object result comes back as a remote reference; `Runtime.callFunctionOn`
// hands it back into JavaScript through a private slot on globalThis, so the
// caller gets the very object (identity kept). Nothing is awaited, nothing is
// marked handled: a rejected promise stays unhandled, as with Bun.peek.
//
// Cost: three to four protocol round trips, roughly 50–100 µs. A settled
// promise never changes, so its answer is cached (weakly) and the next peek
// is a WeakMap lookup.
//
// Other inspector clients (a debugger attached through --inspect) are
// unaffected: the inspector serves many sessions at once, and this one never
// enables the debugger domain. Where the inspector cannot be had (a Node
// built without it, or --permission without --allow-inspector), reading
// throws ERR_DX_COMPAT_NOT_IMPLEMENTED with the reason.
import type { Session } from "node:inspector";
import { notImplemented } from "@dx-compat/shared/errors";

export type PromiseState = "pending" | "fulfilled" | "rejected";

interface Settled {
  readonly state: "fulfilled" | "rejected";
  readonly result: unknown;
}

interface RemoteObject {
  type: string;
  subtype?: string;
  value?: unknown;
  unserializableValue?: string;
  objectId?: string;
}

interface InternalProperty {
  name: string;
  value?: RemoteObject;
}

const slotKey = Symbol.for("dx-compat.peek");
const slotExpression = 'globalThis[Symbol.for("dx-compat.peek")]';
const objectGroup = "dx-compat-peek";

interface Slot {
  promise: unknown;
  result: unknown;
}

let session: Session | undefined;
const settled = new WeakMap<object, Settled>();

function slot(): Slot {
  let value = (globalThis as Record<symbol, Slot | undefined>)[slotKey];
  if (value === undefined) {
    value = { promise: undefined, result: undefined };
    Object.defineProperty(globalThis, slotKey, { value, configurable: true, enumerable: false, writable: false });
  }
  return value;
}

function connect(api: string): Session {
  if (session !== undefined) return session;
  let inspector: typeof import("node:inspector");
  try {
    inspector = process.getBuiltinModule("node:inspector");
  } catch (error) {
    throw notImplemented(api, `reading a promise synchronously needs node:inspector, which this Node lacks (${(error as Error).message})`);
  }
  const candidate = new inspector.Session();
  try {
    candidate.connect();
  } catch (error) {
    throw notImplemented(api, `reading a promise synchronously needs an inspector session, which was refused (${(error as Error).message})`);
  }
  session = candidate;
  return candidate;
}

function post<T>(api: string, method: string, params: object): T {
  const connected = connect(api);
  let answered = false;
  let failure: Error | null = null;
  let result: T | undefined;
  connected.post(method, params, (error: Error | null, value?: object) => {
    answered = true;
    failure = error;
    result = value as T;
  });
  if (!answered) throw notImplemented(api, "the inspector did not answer synchronously");
  if (failure !== null) throw failure as Error;
  return result as T;
}

/** A primitive as the protocol describes it by value. */
function primitiveOf(remote: RemoteObject): unknown {
  if (remote.type === "undefined") return undefined;
  if (remote.subtype === "null") return null;
  const unserializable = remote.unserializableValue;
  if (unserializable !== undefined) return unserializable.endsWith("n") ? BigInt(unserializable.slice(0, -1)) : Number(unserializable);
  return remote.value;
}

function inspect(api: string, promise: Promise<unknown>): { state: PromiseState; result?: unknown } {
  const cached = settled.get(promise);
  if (cached) return cached;
  const handoff = slot();
  handoff.promise = promise;
  try {
    const { result: promiseRef } = post<{ result: RemoteObject }>(api, "Runtime.evaluate", { expression: `${slotExpression}.promise`, objectGroup, silent: true });
    if (promiseRef.objectId === undefined) throw notImplemented(api, "the inspector gave no reference to the promise");
    const { internalProperties = [] } = post<{ internalProperties?: InternalProperty[] }>(api, "Runtime.getProperties", { objectId: promiseRef.objectId, ownProperties: true });
    const state = internalProperties.find((property) => property.name === "[[PromiseState]]")?.value?.value as PromiseState | undefined;
    const resultRef = internalProperties.find((property) => property.name === "[[PromiseResult]]")?.value;
    if (state === undefined || resultRef === undefined) throw notImplemented(api, "the inspector did not report the promise's state");
    if (state === "pending") return { state };
    let result: unknown;
    if (resultRef.objectId === undefined) result = primitiveOf(resultRef);
    else {
      // Strict mode keeps a symbol result a symbol (sloppy mode would box `this`).
      post(api, "Runtime.callFunctionOn", { objectId: resultRef.objectId, functionDeclaration: `function () { "use strict"; ${slotExpression}.result = this; }`, objectGroup, silent: true });
      result = handoff.result;
    }
    const answer: Settled = { state, result };
    settled.set(promise, answer);
    return answer;
  } finally {
    handoff.promise = undefined;
    handoff.result = undefined;
    if (session !== undefined) post(api, "Runtime.releaseObjectGroup", { objectGroup });
  }
}

/** The state of a native promise (any realm, any subclass), read without awaiting it. */
export function promiseState(api: string, promise: Promise<unknown>): PromiseState {
  return inspect(api, promise).state;
}

/** The promise's result if it has settled (value or reason), else the promise itself. */
export function promiseResultOrSelf(api: string, promise: Promise<unknown>): unknown {
  const answer = inspect(api, promise);
  return answer.state === "pending" ? promise : answer.result;
}
