import { fetch as bunFetch } from "./fetch.ts";
import { coded } from "./internal/fetch/errors.ts";
import { closeSessionConnections, registerSession } from "./internal/fetch/session.ts";

type BunFetchSession = typeof import("bun").FetchSession;
type SessionFetch = InstanceType<BunFetchSession>["fetch"];

/** The session's fetch: Bun's, with `session` set to this session whatever init says. */
function boundFetch(session: object): SessionFetch {
  const fetch = function fetch(...args: unknown[]): Promise<Response> {
    // No arguments: Bun's "fetch() expects a string…" error.
    if (args.length === 0) return (bunFetch as unknown as () => Promise<Response>)();
    const [input, init] = args as Parameters<SessionFetch>;
    const options = typeof init === "object" && init !== null ? { ...init, session } : { session };
    return bunFetch(input, options as RequestInit);
  };
  // Bun's is a bound function: "bound fetch", length 1.
  Object.defineProperties(fetch, { name: { value: "bound fetch" }, length: { value: 1 } });
  return fetch;
}

class Session implements InstanceType<BunFetchSession> {
  readonly #fetch: SessionFetch;

  constructor(init?: import("bun").FetchSessionInit) {
    registerSession(this, init);
    this.#fetch = boundFetch(this);
  }

  get fetch(): SessionFetch {
    if (!(#fetch in this)) throw new TypeError("The FetchSession.fetch getter can only be used on instances of FetchSession");
    return this.#fetch;
  }

  close(): void {
    closeSessionConnections(this);
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Bun.FetchSession: connection settings (`tls`, `proxy`, `unix`, `keepAlive`)
 * and a keep-alive pool of its own, shared by the requests that name it.
 * `session.fetch` is bound; `close()` closes the idle connections and leaves
 * the session usable.
 *
 * @example
 * ```ts
 * const session = new FetchSession({ unix: "/var/run/docker.sock" });
 * const containers = await (await session.fetch("http://localhost/containers/json")).json();
 * session.close();
 * ```
 */
export const FetchSession: BunFetchSession = function FetchSession(...args: [init?: import("bun").FetchSessionInit]): object {
  if (new.target === undefined) throw coded(new TypeError("FetchSession constructor cannot be invoked without 'new'"), "ERR_ILLEGAL_CONSTRUCTOR");
  return Reflect.construct(Session, args, new.target) as object;
} as unknown as BunFetchSession;

// A function constructor, so that a call without `new` gets Bun's error rather than V8's.
(FetchSession as { prototype: object }).prototype = Session.prototype;
Object.defineProperties(Session.prototype, {
  constructor: { value: FetchSession, writable: true, configurable: true, enumerable: false },
  [Symbol.toStringTag]: { value: "FetchSession", configurable: true },
});
