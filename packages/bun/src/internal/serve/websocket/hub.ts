// The WebSocket half of Bun.serve: upgrades requests that node:http handed over
// on its 'upgrade' event, owns the open ServerWebSockets and their topics, and
// runs the idle clock. Published frames are built once and the same buffers
// are written to every subscriber.
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { HeadersInit, Server, WebSocketHandler } from "bun";
import { OPCODE_BINARY, OPCODE_TEXT, binaryFrame, textFrame, type Frame } from "./frame.ts";
import { BAD_VERSION_RESPONSE, checkHandshake, negotiate } from "./handshake.ts";
import { resolveConfig, type WebSocketConfig } from "./options.ts";
import { BunServerWebSocket, messagePayload, type SocketOwner } from "./server-web-socket.ts";

/** What the HTTP side keeps for a request that arrived on node:http's 'upgrade' event. */
export interface UpgradeContext {
  request: IncomingMessage;
  socket: Duplex;
  head: Buffer;
}

/** uWS checks idle sockets on a 4 s clock; so does this hub. */
const TICK_MS = 4000;

export class WebSocketHub implements SocketOwner {
  #handler: WebSocketHandler<unknown>;
  #config: WebSocketConfig;
  readonly #server: Server<unknown>;
  readonly #sockets = new Set<BunServerWebSocket>();
  readonly #topics = new Map<string, Set<BunServerWebSocket>>();
  readonly #upgraded = new WeakSet<UpgradeContext>();
  #clock: ReturnType<typeof setInterval> | undefined;

  constructor(handler: WebSocketHandler<unknown>, server: Server<unknown>) {
    this.#handler = handler;
    this.#config = resolveConfig(handler);
    this.#server = server;
  }

  get handler(): WebSocketHandler<unknown> {
    return this.#handler;
  }

  get config(): WebSocketConfig {
    return this.#config;
  }

  /** The server this hub belongs to (what Bun passes around as `server`). */
  get server(): Server<unknown> {
    return this.#server;
  }

  /**
   * server.upgrade(req, options) for a request that came with an UpgradeContext:
   * false (nothing written) for a request that is not a WebSocket handshake;
   * for a handshake with the wrong Sec-WebSocket-Version, Bun itself answers
   * 426 and closes the connection, and still returns false — the caller must
   * then not write its own response (the socket is already `writableEnded`).
   */
  upgrade(context: UpgradeContext, options?: { headers?: HeadersInit; data?: unknown }): boolean {
    const { request, socket, head } = context;
    if (this.#upgraded.has(context) || socket.destroyed || socket.writableEnded) return false;
    const check = checkHandshake(request);
    if (check === "not-websocket") return false;
    this.#upgraded.add(context);
    if (check === "bad-version") {
      socket.on("error", () => {});
      socket.end(BAD_VERSION_RESPONSE);
      return false;
    }
    const { response, deflate } = negotiate(request, options?.headers, {
      deflate: this.#config.perMessageDeflate,
      maxPayload: this.#config.maxPayloadLength,
    });
    const net = socket as Socket;
    net.setTimeout?.(0);
    net.setNoDelay?.(true);
    socket.write(response);
    const ws = new BunServerWebSocket(socket, this, options?.data, deflate);
    this.#sockets.add(ws);
    this.#startClock();
    const onOpen = this.#handler.open;
    if (onOpen !== undefined) ws.call(() => onOpen.call(undefined, ws), true);
    // Frames that came with the handshake reach `message` once the program's fetch has returned, as in Bun.
    if (head.length > 0) queueMicrotask(() => ws.receive(head));
    return true;
  }

  /** server.publish: like ws.publish from no socket, compressed unless told otherwise. */
  publish(topic: string, data: string | ArrayBufferView | ArrayBuffer | SharedArrayBuffer, compress?: boolean): number {
    // Bun answers 0 for a topic nobody listens to before it looks at the data.
    if (!this.#topics.has(topic)) return 0;
    const payload = messagePayload(data, "publish");
    const opcode = typeof payload === "string" ? OPCODE_TEXT : OPCODE_BINARY;
    return this.publishFrom(topic, opcode, payload, compress !== false, undefined);
  }

  /** SocketOwner.publish (ws.publish): `from` is left out unless publishToSelf. */
  publishFrom(topic: string, opcode: number, payload: Buffer | string, compress: boolean, from: BunServerWebSocket | undefined): number {
    const subscribers = this.#topics.get(topic);
    if (subscribers === undefined) return 0;
    const skip = this.#config.publishToSelf ? undefined : from;
    let frame: Frame | undefined;
    let length = 0;
    let sent = false;
    let backpressure = false;
    let dropped = false;
    for (const subscriber of subscribers) {
      if (subscriber === skip) continue;
      if (frame === undefined) {
        // Built once, on the first subscriber that gets it.
        length = typeof payload === "string" ? Buffer.byteLength(payload) : payload.length;
        frame = typeof payload === "string" ? textFrame(payload, length, opcode) : binaryFrame(payload, opcode);
      }
      const status = subscriber.writeShared(frame, length, opcode, payload, compress);
      sent = true;
      if (status === -1) backpressure = true;
      else if (status === 0 && length > 0) dropped = true;
    }
    if (!sent || dropped) return 0;
    return backpressure ? -1 : length;
  }

  subscriberCount(topic: string): number {
    return this.#topics.get(String(topic))?.size ?? 0;
  }

  /** server.pendingWebSockets */
  get pendingWebSockets(): number {
    return this.#sockets.size;
  }

  /** server.reload({ websocket }) */
  reload(handler: WebSocketHandler<unknown>): void {
    this.#handler = handler;
    this.#config = resolveConfig(handler);
  }

  /** server.stop(true): every client gets 1001 "Server closed", and so does every close handler. */
  closeAll(): void {
    for (const ws of [...this.#sockets]) ws.close(1001, "Server closed");
  }

  // --- SocketOwner ------------------------------------------------------------

  subscribe(ws: BunServerWebSocket, topic: string): void {
    let subscribers = this.#topics.get(topic);
    if (subscribers === undefined) {
      subscribers = new Set();
      this.#topics.set(topic, subscribers);
    }
    subscribers.add(ws);
  }

  unsubscribe(ws: BunServerWebSocket, topic: string): void {
    const subscribers = this.#topics.get(topic);
    if (subscribers === undefined) return;
    subscribers.delete(ws);
    if (subscribers.size === 0) this.#topics.delete(topic);
  }

  forget(ws: BunServerWebSocket): void {
    this.#sockets.delete(ws);
    if (this.#sockets.size === 0) this.#stopClock();
  }

  // --- idle clock ---------------------------------------------------------------

  #startClock(): void {
    if (this.#clock !== undefined || this.#config.idleTimeout === 0) return;
    this.#clock = setInterval(() => this.#tick(), TICK_MS);
    this.#clock.unref();
  }

  #stopClock(): void {
    if (this.#clock === undefined) return;
    clearInterval(this.#clock);
    this.#clock = undefined;
  }

  #tick(): void {
    const { idleTimeout, sendPings } = this.#config;
    if (idleTimeout === 0) return;
    for (const ws of [...this.#sockets]) ws.tick(idleTimeout, sendPings);
  }
}

