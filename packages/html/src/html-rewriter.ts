// HTMLRewriter, Bun's streaming HTML rewriter (Cloudflare's lol-html), on
// html-rewriter-wasm: lol-html compiled to WebAssembly, loaded on first use.
import { bunCoded } from "@dx-compat/shared/errors";
import type { BunHTMLRewriter, BunHTMLRewriterClass } from "./internal/bun-types.ts";
import { invalidThis, lolHtml, stringArgument } from "./internal/args.ts";
import { freeEngine } from "./internal/engine.ts";
import { documentHandlerNames, elementHandlerNames, readHandlers, type Registration } from "./internal/handlers.ts";
import { isResponse, transformBytes, transformResponse, transformString } from "./internal/transform.ts";

const registrations = new WeakMap<object, Registration[]>();

function registrationsOf(receiver: unknown): Registration[] {
  const list = typeof receiver === "object" && receiver !== null ? registrations.get(receiver) : undefined;
  if (list === undefined) throw invalidThis(receiver);
  return list;
}

/** Parses `selector` with lol-html now, so a bad one throws from `on()` as in Bun. */
function checkSelector(selector: string): void {
  const scratch = new (freeEngine().glue.HTMLRewriter)(() => undefined);
  try {
    lolHtml(() => scratch.on(selector, {}));
  } finally {
    scratch.free();
  }
}

/**
 * Bun's `HTMLRewriter`: register handlers with `on(selector, handlers)` and
 * `onDocument(handlers)`, then `transform()` a string (to a string), bytes (to
 * an ArrayBuffer) or a Response (to a Response streaming the rewritten body).
 * One rewriter can transform any number of inputs.
 *
 * A function rather than a class so that calling it without `new` gets Bun's
 * message rather than V8's.
 *
 * @example
 * ```ts
 * import { HTMLRewriter } from "@dx-compat/html";
 *
 * const html = new HTMLRewriter()
 *   .on("a[href]", { element(a) { a.setAttribute("rel", "noopener"); } })
 *   .transform('<a href="/x">x</a>'); // '<a href="/x" rel="noopener">x</a>'
 * ```
 */
export const HTMLRewriter: BunHTMLRewriterClass = function HTMLRewriter(this: object): void {
  if (new.target === undefined) {
    throw bunCoded("HTMLRewriter constructor cannot be invoked without 'new'", "ERR_ILLEGAL_CONSTRUCTOR", TypeError);
  }
  registrations.set(this, []);
} as unknown as BunHTMLRewriterClass;

const methods: Pick<BunHTMLRewriter, "on" | "onDocument" | "transform"> = {
  on(this: BunHTMLRewriter, selector: string, handlers: HTMLRewriterTypes.HTMLRewriterElementContentHandlers): BunHTMLRewriter {
    const list = registrationsOf(this);
    const text = stringArgument(selector);
    checkSelector(text);
    list.push(readHandlers(text, handlers, elementHandlerNames));
    return this;
  },
  onDocument(this: BunHTMLRewriter, handlers: HTMLRewriterTypes.HTMLRewriterDocumentContentHandlers): BunHTMLRewriter {
    registrationsOf(this).push(readHandlers(null, handlers, documentHandlerNames));
    return this;
  },
  // One implementation behind Bun's three overloads.
  transform: function transform(this: BunHTMLRewriter, input: unknown): unknown {
    const list = registrationsOf(this);
    if (typeof input === "string") return transformString(list, input);
    if (ArrayBuffer.isView(input) || input instanceof ArrayBuffer) return transformBytes(list, input);
    if (isResponse(input)) return transformResponse(list, input);
    throw bunCoded("Expected Response or Body", "ERR_INVALID_ARG_TYPE", TypeError);
  } as BunHTMLRewriter["transform"],
};

// Bun's surface: enumerable methods listed before `constructor`, and `[object HTMLRewriter]`.
Reflect.deleteProperty(HTMLRewriter.prototype, "constructor");
for (const [name, value] of Object.entries(methods)) {
  Object.defineProperty(HTMLRewriter.prototype, name, { value, writable: true, enumerable: true, configurable: false });
}
Object.defineProperty(HTMLRewriter.prototype, "constructor", { value: HTMLRewriter, writable: true, enumerable: false, configurable: true });
Object.defineProperty(HTMLRewriter.prototype, Symbol.toStringTag, { value: "HTMLRewriter", configurable: true });
