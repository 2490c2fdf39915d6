// Bun's ServerWebSocket on a Node socket: ws's Receiver parses incoming frames,
// outgoing frames are built here and written straight to the socket so that
// send() can answer with Bun's status (bytes sent, -1 backpressure, 0 dropped).
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { ServerWebSocket, WebSocketHandler } from "bun";
import { readBlobSync } from "../../blob-sync.ts";
import { describeReceived, invalidArgType } from "../../errors.ts";
import {
  OPCODE_BINARY,
  OPCODE_PING,
  OPCODE_PONG,
  OPCODE_TEXT,
  binaryFrame,
  closeFrame,
  frameLength,
  textFrame,
  truncateUtf8,
  type Frame,
} from "./frame.ts";
import { isThenable, reportHandlerFailure } from "../../handler-failure.ts";
import type { WebSocketConfig } from "./options.ts";
import { ws, type PerMessageDeflateInstance, type ReceiverInstance, type SenderInstance } from "./ws-internals.ts";

type BinaryType = "nodebuffer" | "arraybuffer" | "uint8array" | "blob";
type Payload = string | ArrayBufferView | ArrayBuffer | SharedArrayBuffer | Blob;
type BinaryPayload = Parameters<ServerWebSocket<unknown>["sendBinary"]>[0];

/** What a socket needs from the hub that owns it. */
export interface SocketOwner {
  readonly handler: WebSocketHandler<unknown>;
  readonly config: WebSocketConfig;
  subscribe(socket: BunServerWebSocket, topic: string): void;
  unsubscribe(socket: BunServerWebSocket, topic: string): void;
  publishFrom(topic: string, opcode: number, payload: Buffer | string, compress: boolean, from: BunServerWebSocket | undefined): number;
  forget(socket: BunServerWebSocket): void;
}

/** uWS's cork buffer: inside a corked callback, sends past this many bytes report backpressure as Bun does. */
const CORK_BUFFER = 16 * 1024;
const MAX_CLOSE_REASON = 123;

/** ws's message without its "Invalid WebSocket frame: " prefix. */
const frameProblem = (error: Error): string => error.message.replace(/^Invalid WebSocket frame: /, "");

/** uWS's reason for a frame with a bad opcode, told apart by ws's message ("invalid opcode N"). */
function opcodeReason(message: string): string {
  if (message === "invalid opcode 0") return "Received continuation frame outside a fragmented message";
  if (message === "invalid opcode 1" || message === "invalid opcode 2") return "Received new message inside a fragmented message";
  return "Received invalid opcode";
}

/** The close codes and reasons uWS sends (the close handler gets the reason with code 1006) when a client breaks the protocol. */
function protocolErrorReason(error: Error & { code?: string }): [number, string] {
  switch (error.code) {
    case "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH":
    case "WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH":
      return [1009, "Received too big message"];
    case "WS_ERR_INVALID_UTF8":
      return [1007, "Received invalid UTF-8"];
    case "WS_ERR_UNEXPECTED_RSV_1":
      return [1002, "Received unexpected RSV1 bit"];
    case "WS_ERR_UNEXPECTED_RSV_2_3":
      return [1002, "Received unexpected RSV2 or RSV3 bit"];
    case "WS_ERR_EXPECTED_MASK":
      return [1002, "Received an incorrectly masked frame"];
    case "WS_ERR_EXPECTED_FIN":
      return [1002, "Received fragmented control frame"];
    case "WS_ERR_INVALID_CLOSE_CODE":
      return [1002, "Received invalid close code"];
    case "WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH":
      // The one control payload length that is wrong without being too long: a close frame's 1 byte.
      return [1002, frameProblem(error) === "invalid payload length 1" ? "Received invalid close payload" : "Received too big control frame"];
    case "WS_ERR_INVALID_OPCODE":
      return [1002, opcodeReason(frameProblem(error))];
    default:
      // zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR, ...): a compressed message that does not inflate.
      if (error.code?.startsWith("Z_") === true) return [1007, "Received invalid compressed data"];
      return [1002, "Received invalid WebSocket frame"];
  }
}

/**
 * The bytes uWS would call buffered: those the kernel has not taken yet.
 * Node's writableLength counts a write in progress whole, even the part the
 * kernel already took; libuv's write queue size knows what is left of it.
 */
function unsentBytes(socket: Duplex): number {
  const length = socket.writableLength;
  const state = (socket as { _writableState?: { writing?: boolean; writelen?: number } })._writableState;
  const queued = (socket as { _handle?: { writeQueueSize?: unknown } | null })._handle?.writeQueueSize;
  if (state?.writing !== true || typeof state.writelen !== "number" || typeof queued !== "number") return length;
  return length - state.writelen + queued;
}

function toBuffer(data: ArrayBufferView | ArrayBuffer | SharedArrayBuffer | Blob): Buffer {
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && data instanceof SharedArrayBuffer)) return Buffer.from(data);
  if (data instanceof Blob) {
    const bytes = readBlobSync(data);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  throw invalidArgType("The \"data\" argument must be of type string, ArrayBuffer, TypedArray, DataView or Blob");
}

function isBinary(data: unknown): data is ArrayBufferView | ArrayBuffer | SharedArrayBuffer | Blob {
  return ArrayBuffer.isView(data) || data instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && data instanceof SharedArrayBuffer) || data instanceof Blob;
}

/** What Bun sends for send(data): bytes as binary, null/undefined refused, anything else as its string. */
export function messagePayload(data: unknown, method: string): Buffer | string {
  if (typeof data === "string") return data;
  if (isBinary(data)) return toBuffer(data);
  if (data === null || data === undefined) throw new Error(`${method} requires a non-empty message`);
  return String(data as string);
}

function binaryPayload(data: unknown, method: string): Buffer {
  if (!isBinary(data)) throw new Error(`${method} expects a Blob or BufferSource`);
  return toBuffer(data);
}

function textPayload(data: unknown, method: string): string {
  if (typeof data !== "string") throw new Error(`${method} expects a string`);
  return data;
}

function topicName(topic: unknown, method: string, argumentCount: number): string {
  if (argumentCount === 0) throw new Error(`${method} requires at least 1 argument`);
  if (typeof topic !== "string") throw invalidArgType(`The "topic" argument must be of type string. ${describeReceived(topic)}`);
  return topic;
}

/** Control frames carry at most 125 bytes (RFC 6455 §5.5). */
function controlPayload(data: unknown): Buffer {
  const payload = data === undefined ? Buffer.alloc(0) : typeof data === "string" ? Buffer.from(data) : isBinary(data) ? toBuffer(data) : Buffer.from(String(data as string));
  if (payload.length > 125) throw new RangeError(`The data size must not be greater than 125 bytes. Received ${payload.length} bytes.`);
  return payload;
}

function binaryFor(data: Buffer, type: BinaryType): Buffer | ArrayBuffer | Uint8Array | Blob {
  switch (type) {
    case "nodebuffer":
      return data;
    case "arraybuffer":
      return data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer;
    case "uint8array":
      // A copy: `data` may be a view into a larger receive buffer.
      return new Uint8Array(data);
    default:
      return new Blob([data]);
  }
}

export class BunServerWebSocket implements ServerWebSocket<unknown> {
  data: unknown;
  readonly #socket: Duplex;
  readonly #owner: SocketOwner;
  readonly #receiver: ReceiverInstance;
  readonly #deflate: PerMessageDeflateInstance | undefined;
  /** A send went past backpressureLimit with closeOnBackpressureLimit: the close is on its way. */
  #closingOnBackpressure = false;
  /** ws's Sender, only for sockets that negotiated permessage-deflate (it keeps compressed frames in order). */
  readonly #sender: SenderInstance | undefined;
  readonly #remoteAddress: string;
  #closed = false;
  #topics: Set<string> | undefined;
  #binaryType: BinaryType = "nodebuffer";
  #paused = false;
  #needsDrain = false;
  #corkDepth = 0;
  #bufferedAtCork = 0;
  #corkedBytes = 0;
  #corkOverflow = false;
  /** Idle ticks (of the hub's 4 s clock) since the last frame from the client. */
  idleTicks = 0;
  #pinged = false;

  constructor(socket: Duplex, owner: SocketOwner, data: unknown, deflate: PerMessageDeflateInstance | undefined) {
    this.#socket = socket;
    this.#owner = owner;
    this.data = data;
    this.#deflate = deflate;
    this.#remoteAddress = (socket as Socket).remoteAddress ?? "";
    const extensions = deflate === undefined ? {} : { "permessage-deflate": deflate };
    this.#sender = deflate === undefined ? undefined : new (ws().Sender)(socket, extensions);
    const maxPayload = owner.config.maxPayloadLength;
    this.#receiver = new (ws().Receiver)({
      allowSynchronousEvents: true,
      binaryType: "nodebuffer",
      extensions,
      isServer: true,
      // ws reads 0 as "no limit" and keeps the limit in an int32.
      maxPayload: maxPayload === 0 ? 0 : Math.min(maxPayload, 0x7fff_ffff),
      skipUTF8Validation: false,
    });
    this.#listen();
  }

  #listen(): void {
    const socket = this.#socket;
    const receiver = this.#receiver;
    receiver.on("message", (data, isBinary) => this.#onMessage(data, isBinary));
    receiver.on("ping", (data) => this.#onPing(data));
    receiver.on("pong", (data) => this.#onControl("pong", data));
    receiver.on("conclude", (code, reason) => this.#onCloseFrame(code, reason));
    receiver.on("error", (error) => this.#onProtocolError(error));
    receiver.on("drain", () => {
      if (!this.#paused) socket.resume();
    });
    socket.on("data", (chunk: Buffer) => {
      // Once closed (by the program, or by a throw from `open`), input is no longer read, as in uWS.
      if (this.#closed) return;
      this.idleTicks = 0;
      this.#pinged = false;
      // One cork for everything a chunk of input triggers (as uWS does): the
      // answers to many small messages leave in one write.
      if (!this.cork(() => receiver.write(chunk))) socket.pause();
    });
    socket.on("drain", () => this.#onDrain());
    socket.on("end", () => {
      if (!socket.writableEnded) socket.end();
    });
    socket.on("close", () => this.#finish(1006, "", undefined));
    // A reset peer shows up as 'close' right after; the error itself is not the program's business.
    socket.on("error", () => {});
  }

  /** Feed bytes that arrived with the upgrade request (node:http's `head`). */
  receive(head: Buffer): void {
    if (head.length > 0 && !this.#closed) this.#receiver.write(head);
  }

  // --- events -------------------------------------------------------------

  /**
   * Run a handler corked, as Bun does for open/message/drain/close (handlers
   * are called as Bun calls them, with `this` undefined). As in Bun, a throw
   * goes to the `error` handler, or is printed without one (the connection and
   * the server go on); a rejected promise is printed. A throw from `open` first
   * closes the connection (the client sees 1006).
   */
  call(run: () => unknown, closeOnThrow = false): void {
    let result: unknown;
    try {
      result = this.cork(run);
    } catch (error) {
      if (closeOnThrow) this.terminate();
      this.#handlerFailed(error);
      return;
    }
    if (isThenable(result)) result.then(undefined, reportHandlerFailure);
  }

  #handlerFailed(error: unknown): void {
    const onError = this.#owner.handler.error;
    if (onError === undefined) {
      reportHandlerFailure(error);
      return;
    }
    try {
      const result: unknown = onError.call(undefined, error as Error, this as ServerWebSocket<unknown>);
      if (isThenable(result)) result.then(undefined, reportHandlerFailure);
    } catch (again) {
      reportHandlerFailure(again);
    }
  }

  #onMessage(data: Buffer, isBinary: boolean): void {
    if (this.#closed) return;
    const { handler, config } = this.#owner;
    if (config.maxPayloadLength === 0 && data.length > 0) {
      this.#onProtocolError(Object.assign(new Error("too big"), { code: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" }));
      return;
    }
    const onMessage = handler.message;
    if (onMessage === undefined) return;
    const message = isBinary ? binaryFor(data, this.#binaryType) : data.toString();
    this.call(() => onMessage.call(undefined, this, message as string));
  }

  #onPing(data: Buffer): void {
    if (this.#closed) return;
    // Like uWS, answer every ping with a pong carrying the same payload.
    this.#write(binaryFrame(data, OPCODE_PONG), data.length);
    this.#onControl("ping", data);
  }

  #onControl(kind: "ping" | "pong", data: Buffer): void {
    if (this.#closed) return;
    const { handler } = this.#owner;
    const listener = handler[kind];
    if (listener === undefined) return;
    const payload = binaryFor(data, this.#binaryType);
    this.call(() => listener.call(undefined, this, payload as Buffer));
  }

  #onDrain(): void {
    if (!this.#needsDrain || this.#closed) return;
    this.#needsDrain = false;
    const { handler } = this.#owner;
    const onDrain = handler.drain;
    if (onDrain !== undefined) this.call(() => onDrain.call(undefined, this));
  }

  #onCloseFrame(code: number, reason: Buffer): void {
    if (this.#closed) return;
    // Echo the client's Close frame, then close the connection.
    const frame = closeFrame(code, reason.subarray(0, MAX_CLOSE_REASON));
    this.#finish(code, reason.toString(), frame);
  }

  #onProtocolError(error: Error & { code?: string }): void {
    if (this.#closed) return;
    const [code, reason] = protocolErrorReason(error);
    this.#finish(1006, reason, closeFrame(code, Buffer.from(reason)));
  }

  /** Called by the hub's clock every 4 s. */
  tick(idleTimeout: number, sendPings: boolean): void {
    if (this.#closed || this.#paused) return;
    this.idleTicks++;
    const idle = this.idleTicks * 4;
    if (idle >= idleTimeout) {
      this.#finish(1006, "WebSocket timed out from inactivity", undefined, true);
    } else if (sendPings && !this.#pinged && idle * 2 >= idleTimeout) {
      this.#pinged = true;
      this.#write(binaryFrame(Buffer.alloc(0), OPCODE_PING), 0);
    }
  }

  // --- closing -------------------------------------------------------------

  /**
   * The one way a socket closes: optionally write a Close frame, end the
   * connection, drop the subscriptions, run the close handler, and only then
   * stop counting the socket (Bun's pendingWebSockets still counts it inside
   * `close`).
   */
  #finish(code: number, reason: string, frame: Buffer | undefined, abort = false): void {
    if (this.#closed) return;
    this.#closed = true;
    const socket = this.#socket;
    if (!socket.destroyed) {
      if (frame !== undefined) socket.write(frame);
      if (abort) socket.destroy();
      else socket.end();
    }
    if (this.#topics !== undefined) {
      for (const topic of this.#topics) this.#owner.unsubscribe(this, topic);
      this.#topics = undefined;
    }
    this.#deflate?.cleanup();
    const { handler } = this.#owner;
    try {
      const onClose = handler.close;
      if (onClose !== undefined) this.call(() => onClose.call(undefined, this, code, reason));
    } finally {
      this.#owner.forget(this);
    }
  }

  close(code?: number, reason?: string): void {
    if (code !== undefined && typeof code !== "number") throw invalidArgType("close requires a numeric code or undefined");
    if (this.#closed) return;
    const closeCode = code === undefined ? 1000 : code;
    const reasonBytes = truncateUtf8(reason === undefined ? "" : String(reason), MAX_CLOSE_REASON);
    this.#finish(closeCode, reasonBytes.toString(), closeFrame(closeCode, reasonBytes));
  }

  terminate(): void {
    this.#finish(1006, "", undefined);
  }

  // --- sending ------------------------------------------------------------

  /**
   * Write a frame and answer as Bun does: the payload size when it went out,
   * -1 when it had to be buffered, 0 when the socket is closed or over its
   * backpressure limit (the frame is then dropped).
   */
  #write(frame: Frame, payloadLength: number): number {
    if (this.#closed) return 0;
    const socket = this.#socket;
    if (this.#overBackpressureLimit()) return 0;
    const bytes = frameLength(frame);
    if (Buffer.isBuffer(frame)) socket.write(frame);
    else {
      socket.cork();
      socket.write(frame[0]);
      socket.write(frame[1]);
      socket.uncork();
    }
    return this.#status(bytes, payloadLength);
  }

  /**
   * Past backpressureLimit a send is dropped; with closeOnBackpressureLimit the
   * connection is also closed, but (as uWS defers it) only once the code that
   * sent has run: until then the socket stays open and subscribed.
   */
  #overBackpressureLimit(): boolean {
    const { backpressureLimit, closeOnBackpressureLimit } = this.#owner.config;
    if (backpressureLimit === 0 || unsentBytes(this.#socket) <= backpressureLimit) return false;
    if (closeOnBackpressureLimit && !this.#closingOnBackpressure) {
      this.#closingOnBackpressure = true;
      // After the sender's own immediates too (it ran Bun's close after them, before timers).
      queueMicrotask(() => setImmediate(() => this.#finish(1006, "", undefined, true)));
    }
    return true;
  }

  #status(frameBytes: number, payloadLength: number): number {
    const socket = this.#socket;
    let backpressure: boolean;
    if (this.#corkDepth > 0) {
      // Model uWS's 16 KB cork buffer: a send that overflows it (after other
      // sends) reports backpressure, the batch goes to the kernel right away,
      // and the rest of the corked callback keeps reporting backpressure.
      const before = this.#corkedBytes;
      this.#corkedBytes += frameBytes;
      backpressure = this.#bufferedAtCork > 0 || this.#corkOverflow || (before > 0 && this.#corkedBytes > CORK_BUFFER);
      if (this.#corkedBytes > CORK_BUFFER) {
        this.#flushCork();
        if (before > 0 || unsentBytes(socket) > 0) this.#corkOverflow = true;
      }
    } else {
      backpressure = unsentBytes(socket) > 0;
    }
    if (!backpressure) return payloadLength;
    this.#needsDrain = true;
    return -1;
  }

  /** Hand what the cork holds to the kernel now, keeping the socket corked. */
  #flushCork(): void {
    const socket = this.#socket;
    for (let i = 0; i < this.#corkDepth; i++) socket.uncork();
    for (let i = 0; i < this.#corkDepth; i++) socket.cork();
    this.#corkedBytes = 0;
  }

  /** Write a frame built once for many sockets (pub/sub). */
  writeShared(frame: Frame, payloadLength: number, opcode: number, payload: Buffer | string, compress: boolean): number {
    if (this.#sender !== undefined) return this.#sendThroughSender(opcode, payload, compress);
    return this.#write(frame, payloadLength);
  }

  #sendThroughSender(opcode: number, payload: Buffer | string, compress: boolean): number {
    if (this.#closed) return 0;
    if (this.#overBackpressureLimit()) return 0;
    const length = typeof payload === "string" ? Buffer.byteLength(payload) : payload.length;
    this.#sender!.send(payload, { binary: opcode === OPCODE_BINARY, compress, fin: true, mask: false });
    return this.#status(0, length);
  }

  #send(opcode: number, payload: Buffer | string, compress: boolean): number {
    if (this.#closed) return 0;
    if (this.#sender !== undefined) return this.#sendThroughSender(opcode, payload, compress);
    if (typeof payload === "string") {
      const length = Buffer.byteLength(payload);
      return this.#write(textFrame(payload, length, opcode), length);
    }
    return this.#write(binaryFrame(payload, opcode), payload.length);
  }

  send(data: Payload, compress?: boolean): number {
    const payload = messagePayload(data, "send");
    return this.#send(typeof payload === "string" ? OPCODE_TEXT : OPCODE_BINARY, payload, compress === true);
  }

  sendText(data: string, compress?: boolean): number {
    return this.#send(OPCODE_TEXT, textPayload(data, "sendText"), compress === true);
  }

  sendBinary(data: BinaryPayload, compress?: boolean): number {
    return this.#send(OPCODE_BINARY, binaryPayload(data, "sendBinary"), compress === true);
  }

  #control(opcode: number, data: Payload | undefined): number {
    const payload = controlPayload(data);
    if (this.#closed) return 0;
    return this.#write(binaryFrame(payload, opcode), payload.length);
  }

  ping(data?: Payload): number {
    return this.#control(OPCODE_PING, data);
  }

  pong(data?: Payload): number {
    return this.#control(OPCODE_PONG, data);
  }

  // --- pub/sub ------------------------------------------------------------

  publish(topic: string, data: Payload, compress?: boolean): number {
    const name = topicName(topic, "publish", arguments.length);
    const payload = messagePayload(data, "publish");
    if (this.#closed) return 0;
    return this.#owner.publishFrom(name, typeof payload === "string" ? OPCODE_TEXT : OPCODE_BINARY, payload, compress === true, this);
  }

  publishText(topic: string, data: string, compress?: boolean): number {
    const name = topicName(topic, "publishText", arguments.length);
    const payload = textPayload(data, "publishText");
    if (this.#closed) return 0;
    return this.#owner.publishFrom(name, OPCODE_TEXT, payload, compress === true, this);
  }

  publishBinary(topic: string, data: BinaryPayload, compress?: boolean): number {
    const name = topicName(topic, "publishBinary", arguments.length);
    const payload = binaryPayload(data, "publishBinary");
    if (this.#closed) return 0;
    return this.#owner.publishFrom(name, OPCODE_BINARY, payload, compress === true, this);
  }

  subscribe(topic: string): boolean {
    const name = topicName(topic, "subscribe", arguments.length);
    if (this.#closed) return false;
    this.#topics ??= new Set();
    if (!this.#topics.has(name)) {
      this.#topics.add(name);
      this.#owner.subscribe(this, name);
    }
    return true;
  }

  unsubscribe(topic: string): boolean {
    const name = topicName(topic, "unsubscribe", arguments.length);
    if (this.#closed || this.#topics === undefined) return false;
    if (!this.#topics.delete(name)) return false;
    this.#owner.unsubscribe(this, name);
    return true;
  }

  isSubscribed(topic: string): boolean {
    return this.#topics?.has(topicName(topic, "isSubscribed", arguments.length)) ?? false;
  }

  get subscriptions(): string[] {
    return this.#topics === undefined ? [] : [...this.#topics];
  }

  // --- the rest of the surface ---------------------------------------------

  cork<R = unknown>(callback: (ws: ServerWebSocket<unknown>) => R): R {
    if (this.#closed) return callback(this);
    const socket = this.#socket;
    if (this.#corkDepth === 0) {
      this.#bufferedAtCork = unsentBytes(socket);
      this.#corkedBytes = 0;
      this.#corkOverflow = false;
    }
    this.#corkDepth++;
    socket.cork();
    try {
      return callback(this);
    } finally {
      this.#corkDepth--;
      socket.uncork();
    }
  }

  get remoteAddress(): string {
    return this.#remoteAddress;
  }

  get readyState(): 1 | 3 {
    return this.#closed ? 3 : 1;
  }

  get binaryType(): BinaryType {
    return this.#binaryType;
  }

  set binaryType(value: BinaryType) {
    if (value !== "nodebuffer" && value !== "arraybuffer" && value !== "uint8array" && value !== "blob") {
      throw new Error('binaryType must be either "uint8array", "arraybuffer", "nodebuffer" or "blob"');
    }
    this.#binaryType = value;
  }

  getBufferedAmount(): number {
    return this.#closed ? 0 : unsentBytes(this.#socket);
  }

  pause(): void {
    if (this.#closed || this.#paused) return;
    this.#paused = true;
    this.#socket.pause();
  }

  resume(): void {
    if (this.#closed || !this.#paused) return;
    this.#paused = false;
    this.idleTicks = 0;
    this.#socket.resume();
  }

  get isPaused(): boolean {
    return !this.#closed && this.#paused;
  }
}
