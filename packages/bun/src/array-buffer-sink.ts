import { arrayBufferSinkConstructor } from "./internal/belt/array-buffer-sink.ts";

/**
 * `Bun.ArrayBufferSink`: an incremental writer that becomes one ArrayBuffer.
 * `write(chunk)` (string as UTF-8, any view or ArrayBuffer) returns the bytes
 * written; `end()` returns everything as an ArrayBuffer (a Uint8Array after
 * `start({ asUint8Array: true })`) and resets the sink; with
 * `start({ stream: true })`, `flush()` returns what was written since the last
 * flush (otherwise it returns 0). Bun's return values and errors throughout
 * (see internal/belt/array-buffer-sink.ts).
 *
 * @example
 * ```ts
 * import { ArrayBufferSink } from "@dx-compat/bun";
 * const sink = new ArrayBufferSink();
 * sink.write("hello ");
 * sink.write(new Uint8Array([119, 111, 114, 108, 100]));
 * new TextDecoder().decode(sink.end()); // "hello world"
 * ```
 */
export const ArrayBufferSink: typeof import("bun").ArrayBufferSink = arrayBufferSinkConstructor() as unknown as typeof import("bun").ArrayBufferSink;
