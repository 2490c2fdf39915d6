// What `on()` and `onDocument()` record: the handler functions, read and
// checked once, as Bun reads them, and the object they are called on.
import { bunCoded } from "@dx-compat/shared/errors";

type Handler = (token: object) => unknown;

/** One `on(selector, handlers)` (selector set) or `onDocument(handlers)` (selector null). */
export interface Registration {
  readonly selector: string | null;
  /** The user's handlers object: `this` in every handler, as in Bun. */
  readonly receiver: object;
  readonly element?: Handler;
  readonly comments?: Handler;
  readonly text?: Handler;
  readonly doctype?: Handler;
  readonly end?: Handler;
}

export const elementHandlerNames = ["element", "comments", "text"] as const;
export const documentHandlerNames = ["doctype", "comments", "text", "end"] as const;

/** Reads Bun's handler members in Bun's order: absent or undefined is no handler, anything else must be a function. */
export function readHandlers(
  selector: string | null,
  handlers: unknown,
  names: ReadonlyArray<"element" | "comments" | "text" | "doctype" | "end">,
): Registration {
  if ((typeof handlers !== "object" && typeof handlers !== "function") || handlers === null) {
    throw bunCoded("Expected object", "ERR_INVALID_ARG_TYPE", TypeError);
  }
  const registration: Record<string, unknown> = { selector, receiver: handlers };
  for (const name of names) {
    const handler = (handlers as Record<string, unknown>)[name];
    if (handler === undefined) continue;
    if (typeof handler !== "function") throw bunCoded(`${name} must be a function`, "ERR_INVALID_ARG_TYPE", TypeError);
    registration[name] = handler;
  }
  return registration as unknown as Registration;
}
