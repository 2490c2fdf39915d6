// The content tokens handlers receive, with Bun's surface over html-rewriter-wasm's.
//
// A token is live while its handler runs (until the promise it returned settles).
// Afterwards Bun's tokens answer with undefined or null, member by member, and do
// nothing; html-rewriter-wasm's would throw, so each wrapper keeps its own flag.
// Arguments are converted here, before anything reaches the wasm glue.
import type * as Glue from "html-rewriter-wasm";
import { notImplemented } from "@dx-compat/shared/errors";
import { contentOptions, lolHtml, stringArgument, stringValue } from "./args.ts";

/** How long a token is live: the handler that received it ends it. */
export class Lifetime {
  live = true;
}

const xhtml = "http://www.w3.org/1999/xhtml";

/** The HTML elements lol-html (0.3 and Bun's alike) gives no end tag, measured by its own refusal. */
const voidElements = new Set(["area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]);

/** What a token needs from the rewrite it belongs to. */
export interface TokenHost {
  /** Runs a handler's result through the rewrite's promise policy; `done` expires the token. */
  settle(result: unknown, done: () => void): Promise<void> | undefined;
  /** The doctype being handled was removed: drop its serialisation, the next output chunk. */
  dropNextChunk(): void;
  /** Content for the end of the document, written after everything lol-html writes. */
  appendAtEnd(content: string, html: boolean): void;
}

type Content = (content: string, options: { html: boolean }) => unknown;

/**
 * A content method (`before`, `append`, …): the argument is converted first, as in
 * Bun, then inserted while the token is live. `expired` is what Bun's token of this
 * kind answers afterwards (undefined or null).
 */
function insertContent<T>(token: T, raw: object, lifetime: Lifetime, method: string, content: unknown, options: unknown, expired: null | undefined): T | null | undefined {
  const text = stringArgument(content);
  if (!lifetime.live) return expired;
  const how = contentOptions(options);
  lolHtml(() => (raw as Record<string, Content>)[method]!(text, how));
  return token;
}

/** `remove()` (and `removeAndKeepContent()`): the token while live, then `expired`. */
function removeToken<T>(token: T, lifetime: Lifetime, remove: () => void, expired: null | undefined): T | null | undefined {
  if (!lifetime.live) return expired;
  remove();
  return token;
}

/** Bun's shape for a token prototype: no `constructor`, members in alphabetical order, `[object <tag>]`. */
function shapeAsBun(prototype: object, tag: string): void {
  Reflect.deleteProperty(prototype, "constructor");
  const names = Object.getOwnPropertyNames(prototype).sort();
  const descriptors = Object.getOwnPropertyDescriptors(prototype);
  for (const name of names) Reflect.deleteProperty(prototype, name);
  for (const name of names) Object.defineProperty(prototype, name, descriptors[name]!);
  Object.defineProperty(prototype, Symbol.toStringTag, { value: tag, configurable: true });
}

/** Bun's `element.attributes`: an iterator over [name, value] pairs that is its own iterable. */
function attributeIterator(pairs: Array<[string, string]>): IterableIterator<[string, string]> {
  const inner = pairs[Symbol.iterator]();
  const iterator = {
    next: () => inner.next(),
    [Symbol.iterator]() {
      return iterator;
    },
  };
  Object.defineProperty(iterator, Symbol.toStringTag, { value: "AttributeIterator", configurable: true });
  return iterator as IterableIterator<[string, string]>;
}

export class ElementToken {
  #raw: Glue.Element;
  #host: TokenHost;
  #lifetime: Lifetime;
  #endTagHandler: ((tag: EndTagToken) => unknown) | undefined;
  /** Whether lol-html took the end-tag dispatcher: undefined until asked, false for elements without an end tag. */
  #hasEndTag: boolean | undefined;

  constructor(raw: Glue.Element, host: TokenHost, lifetime: Lifetime) {
    this.#raw = raw;
    this.#lifetime = lifetime;
    this.#host = host;
  }

  get tagName(): string | undefined {
    return this.#lifetime.live ? this.#raw.tagName : undefined;
  }

  set tagName(name: unknown) {
    const value = stringValue(name);
    if (this.#lifetime.live) lolHtml(() => (this.#raw.tagName = value));
  }

  get attributes(): IterableIterator<[string, string]> | undefined {
    return this.#lifetime.live ? attributeIterator([...this.#raw.attributes]) : undefined;
  }

  get removed(): boolean | undefined {
    return this.#lifetime.live ? this.#raw.removed : undefined;
  }

  get selfClosing(): boolean | undefined {
    if (!this.#lifetime.live) return undefined;
    throw notImplemented(
      "HTMLRewriter element.selfClosing",
      "html-rewriter-wasm (lol-html 0.3) does not report whether a start tag was written self-closing",
    );
  }

  get canHaveContent(): boolean | undefined {
    if (!this.#lifetime.live) return undefined;
    // Asking lol-html (registering the end-tag dispatcher) would replace an end-tag
    // handler another rule's token set on this element; HTML elements need not ask.
    if (this.#raw.namespaceURI === xhtml) return !voidElements.has(this.#raw.tagName);
    return this.#takesEndTag();
  }

  get namespaceURI(): string | undefined {
    return this.#lifetime.live ? this.#raw.namespaceURI : undefined;
  }

  getAttribute(name: unknown): string | null {
    const key = stringArgument(name);
    return this.#lifetime.live ? this.#raw.getAttribute(key) : null;
  }

  hasAttribute(name: unknown): boolean {
    const key = stringArgument(name);
    return this.#lifetime.live ? this.#raw.hasAttribute(key) : false;
  }

  setAttribute(name: unknown, value: unknown): this | undefined {
    const key = stringArgument(name);
    const text = stringArgument(value);
    if (!this.#lifetime.live) return undefined;
    lolHtml(() => this.#raw.setAttribute(key, text));
    return this;
  }

  removeAttribute(name: unknown): this | undefined {
    const key = stringArgument(name);
    if (!this.#lifetime.live) return undefined;
    this.#raw.removeAttribute(key);
    return this;
  }

  before(content: unknown, options?: unknown): this | undefined {
    return this.#insert("before", content, options);
  }

  after(content: unknown, options?: unknown): this | undefined {
    return this.#insert("after", content, options);
  }

  prepend(content: unknown, options?: unknown): this | undefined {
    return this.#insert("prepend", content, options);
  }

  append(content: unknown, options?: unknown): this | undefined {
    return this.#insert("append", content, options);
  }

  replace(content: unknown, options?: unknown): this | undefined {
    return this.#insert("replace", content, options);
  }

  setInnerContent(content: unknown, options?: unknown): this | undefined {
    return this.#insert("setInnerContent", content, options);
  }

  remove(): this | undefined {
    return removeToken(this, this.#lifetime, () => this.#raw.remove(), undefined) as this | undefined;
  }

  removeAndKeepContent(): this | undefined {
    return removeToken(this, this.#lifetime, () => this.#raw.removeAndKeepContent(), undefined) as this | undefined;
  }

  /** As in Bun (and lol-html), a later handler replaces an earlier one. */
  onEndTag(handler: unknown): this | null {
    if (!this.#lifetime.live) return null;
    if (typeof handler !== "function") throw new TypeError("Expected a function");
    // lol-html's own refusal ("No end tag.") for an element without one.
    if (!this.#takesEndTag()) lolHtml(() => this.#raw.onEndTag(() => undefined));
    this.#endTagHandler = handler as (tag: EndTagToken) => unknown;
    return this;
  }

  #insert(method: string, content: unknown, options: unknown): this | undefined {
    return insertContent(this, this.#raw, this.#lifetime, method, content, options, undefined) as this | undefined;
  }

  /**
   * Registers the one end-tag dispatcher lol-html keeps per element. lol-html
   * refuses it for elements that have no end tag, which is exactly Bun's
   * `canHaveContent`: void elements, and self-closing ones in SVG or MathML.
   */
  #takesEndTag(): boolean {
    if (this.#hasEndTag === undefined) {
      try {
        this.#raw.onEndTag((raw: Glue.EndTag) => this.#dispatchEndTag(raw));
        this.#hasEndTag = true;
      } catch {
        this.#hasEndTag = false;
      }
    }
    return this.#hasEndTag;
  }

  #dispatchEndTag(raw: Glue.EndTag): Promise<void> | undefined {
    const handler = this.#endTagHandler;
    if (handler === undefined) return undefined;
    const lifetime = new Lifetime();
    let result: unknown;
    try {
      result = handler.call(undefined, new EndTagToken(raw, lifetime));
    } catch (error) {
      lifetime.live = false;
      throw error;
    }
    return this.#host.settle(result, () => (lifetime.live = false));
  }
}
shapeAsBun(ElementToken.prototype, "Element");

export class EndTagToken {
  #raw: Glue.EndTag;
  #lifetime: Lifetime;

  constructor(raw: Glue.EndTag, lifetime: Lifetime) {
    this.#raw = raw;
    this.#lifetime = lifetime;
  }

  get name(): string | undefined {
    return this.#lifetime.live ? this.#raw.name : undefined;
  }

  set name(name: unknown) {
    const value = stringValue(name);
    if (this.#lifetime.live) lolHtml(() => (this.#raw.name = value));
  }

  before(content: unknown, options?: unknown): this | null {
    return this.#insert("before", content, options);
  }

  after(content: unknown, options?: unknown): this | null {
    return this.#insert("after", content, options);
  }

  remove(): this | undefined {
    return removeToken(this, this.#lifetime, () => this.#raw.remove(), undefined) as this | undefined;
  }

  #insert(method: string, content: unknown, options: unknown): this | null {
    return insertContent(this, this.#raw, this.#lifetime, method, content, options, null) as this | null;
  }
}
shapeAsBun(EndTagToken.prototype, "EndTag");

export class TextToken {
  #raw: Glue.TextChunk;
  #lifetime: Lifetime;

  constructor(raw: Glue.TextChunk, lifetime: Lifetime) {
    this.#raw = raw;
    this.#lifetime = lifetime;
  }

  get text(): string | undefined {
    return this.#lifetime.live ? this.#raw.text : undefined;
  }

  get lastInTextNode(): boolean | undefined {
    return this.#lifetime.live ? this.#raw.lastInTextNode : undefined;
  }

  get removed(): boolean | undefined {
    return this.#lifetime.live ? this.#raw.removed : undefined;
  }

  before(content: unknown, options?: unknown): this | undefined {
    return this.#insert("before", content, options);
  }

  after(content: unknown, options?: unknown): this | undefined {
    return this.#insert("after", content, options);
  }

  replace(content: unknown, options?: unknown): this | undefined {
    return this.#insert("replace", content, options);
  }

  remove(): this | undefined {
    return removeToken(this, this.#lifetime, () => this.#raw.remove(), undefined) as this | undefined;
  }

  #insert(method: string, content: unknown, options: unknown): this | undefined {
    return insertContent(this, this.#raw, this.#lifetime, method, content, options, undefined) as this | undefined;
  }
}
shapeAsBun(TextToken.prototype, "TextChunk");

export class CommentToken {
  #raw: Glue.Comment;
  #lifetime: Lifetime;

  constructor(raw: Glue.Comment, lifetime: Lifetime) {
    this.#raw = raw;
    this.#lifetime = lifetime;
  }

  get text(): string | null {
    return this.#lifetime.live ? this.#raw.text : null;
  }

  set text(text: unknown) {
    const value = stringValue(text);
    if (this.#lifetime.live) lolHtml(() => (this.#raw.text = value));
  }

  get removed(): boolean | undefined {
    return this.#lifetime.live ? this.#raw.removed : undefined;
  }

  before(content: unknown, options?: unknown): this | null {
    return this.#insert("before", content, options);
  }

  after(content: unknown, options?: unknown): this | null {
    return this.#insert("after", content, options);
  }

  replace(content: unknown, options?: unknown): this | null {
    return this.#insert("replace", content, options);
  }

  remove(): this | null {
    return removeToken(this, this.#lifetime, () => this.#raw.remove(), null) as this | null;
  }

  #insert(method: string, content: unknown, options: unknown): this | null {
    return insertContent(this, this.#raw, this.#lifetime, method, content, options, null) as this | null;
  }
}
shapeAsBun(CommentToken.prototype, "Comment");

/**
 * html-rewriter-wasm's doctype cannot be removed; its serialisation is always
 * the next output chunk after the handler, so removing drops that chunk.
 */
export class DoctypeToken {
  #raw: Glue.Doctype;
  #host: TokenHost;
  #lifetime: Lifetime;
  #removed = false;

  constructor(raw: Glue.Doctype, host: TokenHost, lifetime: Lifetime) {
    this.#raw = raw;
    this.#lifetime = lifetime;
    this.#host = host;
  }

  get name(): string | null | undefined {
    return this.#lifetime.live ? this.#raw.name : undefined;
  }

  get publicId(): string | null | undefined {
    return this.#lifetime.live ? this.#raw.publicId : undefined;
  }

  get systemId(): string | null | undefined {
    return this.#lifetime.live ? this.#raw.systemId : undefined;
  }

  get removed(): boolean | undefined {
    return this.#lifetime.live ? this.#removed : undefined;
  }

  remove(): this | undefined {
    if (!this.#lifetime.live) return undefined;
    if (!this.#removed) this.#host.dropNextChunk();
    this.#removed = true;
    return this;
  }
}
shapeAsBun(DoctypeToken.prototype, "DocType");

/**
 * The end of the document. Its appends are written by the rewrite after lol-html
 * has finished: lol-html 0.3 swallows them when the document ends inside an
 * element being removed or replaced, where Bun's lol-html still writes them.
 * In every other case the bytes and their order are the same.
 */
export class DocumentEndToken {
  #host: TokenHost;
  #lifetime: Lifetime;

  constructor(host: TokenHost, lifetime: Lifetime) {
    this.#host = host;
    this.#lifetime = lifetime;
  }

  append(content: unknown, options?: unknown): this | null {
    const text = stringArgument(content);
    if (!this.#lifetime.live) return null;
    this.#host.appendAtEnd(text, contentOptions(options).html);
    return this;
  }
}
shapeAsBun(DocumentEndToken.prototype, "DocEnd");
