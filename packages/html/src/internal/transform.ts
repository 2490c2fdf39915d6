// The three shapes of `transform()`: a string gives a string and bytes give an
// ArrayBuffer, both rewritten synchronously; a Response gives a Response at
// once, whose body the rewrite fills as the input arrives.
import { bunCoded } from "@dx-compat/shared/errors";
import type { Registration } from "./handlers.ts";
import { Rewrite } from "./rewrite.ts";

function rewriteBytes(registrations: readonly Registration[], input: Uint8Array): Buffer {
  // lol-html writes many small chunks (several per rewritten tag): keep the total for one concat.
  const chunks: Uint8Array[] = [];
  let length = 0;
  const rewrite = new Rewrite(registrations, true, (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  try {
    rewrite.runSync(input);
  } finally {
    rewrite.free();
  }
  return Buffer.concat(chunks, length);
}

export function transformString(registrations: readonly Registration[], input: string): string {
  // Lone surrogates become U+FFFD, as Bun encodes them.
  return rewriteBytes(registrations, Buffer.from(input, "utf8")).toString("utf8");
}

export function transformBytes(registrations: readonly Registration[], input: ArrayBufferView | ArrayBuffer): ArrayBuffer {
  const bytes = ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
  const output = rewriteBytes(registrations, bytes);
  const result = new ArrayBuffer(output.length);
  new Uint8Array(result).set(output);
  return result;
}

/** Whether `value` is a Response: the running global's, or any other realm's or library's by its brand. */
export function isResponse(value: unknown): value is Response {
  return value instanceof Response || Object.prototype.toString.call(value) === "[object Response]";
}

/**
 * A Response whose body is the rewritten input. As in Bun, the rewrite starts
 * at once and runs to the end whether or not the body is read (the output is
 * buffered), the status and headers are the input's as they are, and a failing
 * handler errors the body instead of throwing here.
 */
export function transformResponse(registrations: readonly Registration[], input: Response): Response {
  // Bun's code for it, though not the usual one for a used body.
  if (input.bodyUsed) throw bunCoded("Response body already used", "ERR_INVALID_ARG_TYPE", TypeError);
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  // Nothing is written into a cancelled body: a throw there would land inside the wasm call.
  const rewrite = new Rewrite(registrations, false, (chunk) => {
    if (!cancelled) controller.enqueue(chunk);
  });
  const reader = input.body?.getReader();
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    cancel(reason) {
      cancelled = true;
      return reader?.cancel(reason);
    },
  });
  void (async () => {
    try {
      for (;;) {
        const next = reader === undefined ? { done: true as const } : await reader.read();
        if (cancelled) return;
        if (next.done) break;
        await rewrite.write(chunkBytes(next.value));
      }
      await rewrite.end();
      if (!cancelled) controller.close();
    } catch (error) {
      if (!cancelled) controller.error(error);
      await reader?.cancel(error).catch(() => undefined);
    } finally {
      rewrite.free();
    }
  })();
  return new Response(body, { status: input.status, statusText: input.statusText, headers: input.headers });
}

function chunkBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new TypeError("HTMLRewriter.transform: the input body gave a chunk that is not bytes");
}
