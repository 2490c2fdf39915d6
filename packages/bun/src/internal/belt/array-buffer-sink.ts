// Bun's ArrayBufferSink: an incremental writer that hands its bytes back as
// one ArrayBuffer (or Uint8Array). Measured against Bun 1.4.5:
// - write() takes strings (UTF-8; a lone surrogate is EF BF BD), views and
//   (Shared)ArrayBuffers, copies them and returns the byte count;
// - flush() returns 0, except with `stream: true`, where it returns what was
//   written since the last flush (and forgets it);
// - end() returns what is left and marks the sink ended: later writes are
//   still taken (a streaming flush() returns them) but a second end() returns
//   an empty ArrayBuffer, until start() clears the sink and the mark;
// - start() with an options object sets `asUint8Array` and `stream` (only the
//   boolean true turns either on); without one it keeps them; highWaterMark
//   is only a size hint;
// - close() closes for good: every later call but close() throws.
import { bunCoded } from "../errors.ts";
import { concatInto, viewBytes } from "./buffers.ts";

const closedMessage = 'This ArrayBufferSink has already been closed. A "direct" ReadableStream terminates its underlying socket once `async pull()` returns.';

interface SinkState {
  chunks: Uint8Array[];
  length: number;
  asUint8Array: boolean;
  stream: boolean;
  ended: boolean;
  closed: boolean;
}

const states = new WeakMap<object, SinkState>();

function stateOf(sink: unknown): SinkState {
  const state = states.get(sink as object);
  if (state === undefined) throw new TypeError("Expected this to be an ArrayBufferSink");
  return state;
}

function openState(sink: unknown): SinkState {
  const state = stateOf(sink);
  if (state.closed) throw new Error(closedMessage);
  return state;
}

function take(state: SinkState): ArrayBuffer | Uint8Array<ArrayBuffer> {
  const buffer = concatInto(state.chunks, state.length);
  state.chunks = [];
  state.length = 0;
  return state.asUint8Array ? new Uint8Array(buffer) : buffer;
}

const writeExpects = "write() expects a string, ArrayBufferView, or ArrayBuffer";

function bytesOf(chunk: unknown): Uint8Array {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (chunk === undefined || chunk === null) throw bunCoded(writeExpects, "ERR_STREAM_NULL_VALUES", TypeError);
  const view = viewBytes(chunk);
  if (view === undefined) throw bunCoded(writeExpects, "ERR_INVALID_ARG_TYPE", TypeError);
  return view.slice();
}

// In Bun's order (the prototype lists them so).
const methods = {
  close(this: unknown): undefined {
    const state = stateOf(this);
    state.closed = true;
    state.chunks = [];
    state.length = 0;
    return undefined;
  },
  flush(this: unknown, _wait?: unknown): number | ArrayBuffer | Uint8Array<ArrayBuffer> {
    const state = openState(this);
    return state.stream ? take(state) : 0;
  },
  end(this: unknown): ArrayBuffer | Uint8Array<ArrayBuffer> {
    const state = openState(this);
    if (state.ended) return new ArrayBuffer(0);
    state.ended = true;
    return take(state);
  },
  start(this: unknown, options?: unknown): undefined {
    const state = openState(this);
    state.chunks = [];
    state.length = 0;
    state.ended = false;
    if (typeof options === "object" && options !== null) {
      const given = options as { asUint8Array?: unknown; stream?: unknown };
      state.asUint8Array = given.asUint8Array === true;
      state.stream = given.stream === true;
    }
    return undefined;
  },
  write(this: unknown, chunk: unknown): number {
    const state = openState(this);
    // A missing chunk is its own error in Bun.
    if (arguments.length === 0) throw bunCoded(writeExpects, "ERR_MISSING_ARGS", TypeError);
    const bytes = bytesOf(chunk);
    if (bytes.byteLength > 0) {
      state.chunks.push(bytes);
      state.length += bytes.byteLength;
    }
    return bytes.byteLength;
  },
  ref(this: unknown): undefined {
    stateOf(this);
    return undefined;
  },
  unref(this: unknown): undefined {
    stateOf(this);
    return undefined;
  },
  _getFd(this: unknown): null {
    stateOf(this);
    return null;
  },
};

/**
 * The constructor. Like Bun's, it works with or without `new`, has no
 * `prototype` property (so `instanceof ArrayBufferSink` throws, as in Bun),
 * and its instances share a prototype whose members are enumerable and
 * read-only, with `constructor` pointing back at it.
 */
export function arrayBufferSinkConstructor(): new () => object {
  const prototype: object = {};
  for (const [name, method] of Object.entries(methods)) {
    Object.defineProperty(prototype, name, { value: method, enumerable: true, writable: false, configurable: false });
  }
  Object.defineProperty(prototype, "sinkId", { value: 0, enumerable: false, writable: false, configurable: true });
  Object.defineProperty(prototype, Symbol.toStringTag, { value: "ArrayBufferSink", enumerable: false, writable: false, configurable: true });
  function create(): object {
    const sink = Object.create(prototype) as object;
    states.set(sink, { chunks: [], length: 0, asUint8Array: false, stream: false, ended: false, closed: false });
    return sink;
  }
  create.prototype = undefined;
  // A bound function has no `prototype` of its own; called or constructed, it makes a sink.
  const bound = create.bind(undefined) as unknown as new () => object;
  Object.defineProperty(bound, "name", { value: "ArrayBufferSink" });
  Object.defineProperty(prototype, "constructor", { value: bound, enumerable: false, writable: true, configurable: true });
  return bound;
}
