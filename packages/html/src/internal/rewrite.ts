// One run of lol-html over one input: the wasm rewriter built from the
// registrations, the handlers adapted to Bun's tokens, and the promise policy.
//
// Synchronous runs (string and byte inputs) call the wasm exports directly, so a
// throw comes back as a throw rather than as html-rewriter-wasm's rejected
// promise; a handler's promise must already have settled (Node cannot run
// microtasks from inside a call). Asynchronous runs (Response inputs) go
// through html-rewriter-wasm's Asyncify wrappers, which wait for a handler's
// promise with the wasm stack unwound.
import type * as Glue from "html-rewriter-wasm";
import { codes, coded } from "@dx-compat/shared/errors";
import { promiseResultOrSelf, promiseState } from "@dx-compat/shared/promise-state";
import { types } from "node:util";
import { CommentToken, DocumentEndToken, DoctypeToken, ElementToken, Lifetime, TextToken, type TokenHost } from "./content.ts";
import { engineIdle, freeEngine, type Engine } from "./engine.ts";
import type { Registration } from "./handlers.ts";
import { lolHtml } from "./args.ts";

type RawHandler = (raw: never) => Promise<void> | undefined;
type MakeToken = (raw: never, host: TokenHost, lifetime: Lifetime) => object;

interface WasmExports {
  memory: WebAssembly.Memory;
  __wbindgen_malloc(size: number): number;
  htmlrewriter_write(rewriter: number, pointer: number, length: number): void;
  htmlrewriter_end(rewriter: number): void;
}

const tokenMakers: Record<string, MakeToken> = {
  element: (raw: Glue.Element, host, lifetime) => new ElementToken(raw, host, lifetime),
  comments: (raw: Glue.Comment, _host, lifetime) => new CommentToken(raw, lifetime),
  text: (raw: Glue.TextChunk, _host, lifetime) => new TextToken(raw, lifetime),
  doctype: (raw: Glue.Doctype, host, lifetime) => new DoctypeToken(raw, host, lifetime),
  end: (_raw: Glue.DocumentEnd, host, lifetime) => new DocumentEndToken(host, lifetime),
};

function ignore(): void {}

/** Text as lol-html escapes it for text content: `&`, `<` and `>`. */
function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (character) => (character === "&" ? "&amp;" : character === "<" ? "&lt;" : "&gt;"));
}

const doctypeOpening = Buffer.from("<!doctype", "latin1");

/** Whether `chunk` is a doctype's serialisation: `<!doctype`, in any case. */
function isDoctype(chunk: Uint8Array): boolean {
  if (chunk.length < doctypeOpening.length) return false;
  for (let index = 0; index < doctypeOpening.length; index++) {
    // ASCII lower-casing: set bit 0x20 on letters only.
    const byte = chunk[index]!;
    const lower = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
    if (lower !== doctypeOpening[index]) return false;
  }
  return true;
}

function stillPending(): Error {
  return coded(
    "[dx-compat] HTMLRewriter.transform: a content handler returned a Promise that had not settled when it returned. " +
      "Bun runs microtasks inside a synchronous transform; Node cannot, so only a settled Promise can be used here. " +
      "Pass a Response instead and await its body",
    codes.notImplemented,
    TypeError,
  );
}

export class Rewrite implements TokenHost {
  readonly #engine: Engine;
  readonly #sync: boolean;
  readonly #rewriter: Glue.HTMLRewriter;
  readonly #output: (chunk: Uint8Array) => void;
  #dropChunk = false;
  readonly #endAppends: Uint8Array[] = [];
  #suspending = false;
  #freed = false;
  /**
   * A rejected handler promise leaves the wasm call it suspended never resumed,
   * and the rewriter borrowed on the Rust side: freeing it would throw. It is
   * left to the garbage collector with its retired engine.
   */
  #abandoned = false;

  constructor(registrations: readonly Registration[], sync: boolean, output: (chunk: Uint8Array) => void) {
    this.#engine = freeEngine();
    this.#sync = sync;
    this.#output = output;
    this.#rewriter = new this.#engine.glue.HTMLRewriter((chunk: Uint8Array) => this.#receive(chunk));
    try {
      for (const registration of registrations) this.#register(registration);
    } catch (error) {
      this.free();
      throw error;
    }
  }

  settle(result: unknown, done: () => void): Promise<void> | undefined {
    if (!types.isPromise(result)) {
      done();
      return undefined;
    }
    if (!this.#sync) {
      this.#suspending = true;
      return result.then(done, (error: unknown) => {
        done();
        throw error;
      });
    }
    done();
    const api = "HTMLRewriter.transform";
    const settled = promiseResultOrSelf(api, result);
    if (settled === result) {
      result.then(undefined, ignore);
      throw stillPending();
    }
    if (promiseState(api, result) === "rejected") {
      result.then(undefined, ignore);
      throw settled;
    }
    return undefined;
  }

  dropNextChunk(): void {
    this.#dropChunk = true;
  }

  appendAtEnd(content: string, html: boolean): void {
    this.#endAppends.push(Buffer.from(html ? content : escapeText(content), "utf8"));
  }

  /** Synchronous: feeds all of `bytes` and ends the document. */
  runSync(bytes: Uint8Array): void {
    // Both are public in the glue, though not in its typings: `__wasm` is the instance's exports, `ptr` the rewriter's address.
    const wasm = (this.#engine.glue as unknown as { __wasm: WasmExports }).__wasm;
    const pointer = (this.#rewriter as unknown as { ptr: number }).ptr;
    this.#guard(() => {
      if (bytes.length > 0) {
        // What the glue's own write does before entering Asyncify: the wasm side takes ownership of the copy.
        const copy = wasm.__wbindgen_malloc(bytes.length);
        new Uint8Array(wasm.memory.buffer, copy, bytes.length).set(bytes);
        wasm.htmlrewriter_write(pointer, copy, bytes.length);
      }
      wasm.htmlrewriter_end(pointer);
    });
    this.#flushEndAppends();
  }

  /** Asynchronous: one chunk, waiting for whatever is suspended in this engine first. */
  async write(bytes: Uint8Array): Promise<void> {
    await this.#step(() => this.#rewriter.write(bytes));
  }

  async end(): Promise<void> {
    await this.#step(() => this.#rewriter.end());
    this.#flushEndAppends();
  }

  free(): void {
    if (this.#freed) return;
    this.#freed = true;
    if (!this.#abandoned) this.#rewriter.free();
  }

  async #step(call: () => Promise<void>): Promise<void> {
    await engineIdle(this.#engine);
    this.#suspending = false;
    const step = this.#guard(call);
    if (this.#suspending) {
      const engine = this.#engine;
      const done = step.then(ignore, ignore).then(() => {
        if (engine.suspended === done) engine.suspended = null;
      });
      engine.suspended = done;
    }
    try {
      await step;
    } catch (error) {
      if (this.#suspending) this.#abandon();
      throw error;
    }
  }

  #guard<T>(call: () => T): T {
    try {
      return lolHtml(call);
    } catch (error) {
      // A trap leaves the instance in an unknown state: it is not used again.
      if (error instanceof WebAssembly.RuntimeError) this.#abandon();
      throw error;
    }
  }

  #abandon(): void {
    this.#abandoned = true;
    this.#engine.retired = true;
  }

  #flushEndAppends(): void {
    for (const chunk of this.#endAppends) if (chunk.length > 0) this.#output(chunk);
    this.#endAppends.length = 0;
  }

  #receive(chunk: Uint8Array): void {
    if (this.#dropChunk && chunk.length > 0) {
      this.#dropChunk = false;
      // lol-html calls the doctype handler even for a doctype inside removed content,
      // which it then never writes: only drop what is that doctype.
      if (isDoctype(chunk)) return;
    }
    // The glue copies each chunk out of the wasm memory into an ArrayBuffer of its own: kept as is.
    if (chunk.length > 0) this.#output(chunk);
  }

  #register(registration: Registration): void {
    const adapted: Record<string, RawHandler> = {};
    for (const name of Object.keys(tokenMakers)) {
      const handler = registration[name as keyof Registration] as ((token: object) => unknown) | undefined;
      if (typeof handler === "function") adapted[name] = this.#adapt(handler, registration.receiver, tokenMakers[name]!);
    }
    if (registration.selector === null) this.#rewriter.onDocument(adapted);
    else {
      const selector = registration.selector;
      lolHtml(() => this.#rewriter.on(selector, adapted));
    }
  }

  #adapt(handler: (token: object) => unknown, receiver: object, make: MakeToken): RawHandler {
    return (raw: never) => {
      const lifetime = new Lifetime();
      let result: unknown;
      try {
        result = handler.call(receiver, make(raw, this, lifetime));
      } catch (error) {
        lifetime.live = false;
        throw error;
      }
      return this.settle(result, () => (lifetime.live = false));
    };
  }
}
