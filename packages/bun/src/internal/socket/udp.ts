// Bun.udpSocket on node:dgram. Bun sends with a synchronous sendto(2) and
// reports whether the kernel took the datagram; node:dgram queues and sends
// asynchronously, so `send` returns true once the datagram is queued and a
// failure reaches the `error` handler (`drain` is never needed, never called).
import { isThenable, reportHandlerFailure } from "../handler-failure.ts";
import { createSocket, type RemoteInfo, type Socket as DgramSocket } from "node:dgram";
import { isIP } from "node:net";
import type { BinaryType, SocketAddress } from "bun";
import { invalidArgType } from "../errors.ts";
import { toBinaryType } from "./handlers.ts";

type Callback = (...args: unknown[]) => unknown;

interface UdpHandlers {
  data?: Callback;
  drain?: Callback;
  error?: Callback;
}

interface UdpOptions {
  hostname: string;
  port: number;
  binaryType: BinaryType;
  handlers: UdpHandlers;
  connect?: { hostname: string; port: number };
}

function isPort(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= 65535;
}

function parseUdpHandlers(value: unknown): UdpHandlers {
  if (typeof value !== "object" || value === null) return {};
  const source = value as Record<string, unknown>;
  const handlers: UdpHandlers = {};
  for (const name of ["data", "drain", "error"] as const) {
    const handler = source[name];
    if (handler === undefined || handler === null) continue;
    if (typeof handler !== "function") throw invalidArgType(`Expected "socket.${name}" to be a function`);
    handlers[name] = handler as Callback;
  }
  return handlers;
}

/** Bun converts a port with ToNumber (so "80", "" and true pass) and then wants an integer in range. */
function numericPort(value: unknown): number {
  return typeof value === "symbol" || typeof value === "bigint" ? Number.NaN : Number(value);
}

/** Bun's checks, thrown synchronously (before any promise exists). */
export function parseUdpOptions(value: unknown): UdpOptions {
  if (typeof value !== "object" || value === null) throw invalidArgType("Expected an object");
  const options = value as Record<string, unknown>;
  const hostname = options["hostname"] ?? "0.0.0.0";
  if (typeof hostname !== "string") throw invalidArgType('Expected "hostname" to be a string');
  const port = options["port"] === undefined || options["port"] === null ? 0 : numericPort(options["port"]);
  if (!isPort(port, 0)) throw invalidArgType('Expected "port" to be an integer between 0 and 65535');
  const socket = options["socket"];
  const handlers = parseUdpHandlers(socket);
  // Bun reads binaryType only along with a handler object, and ignores one it does not know.
  const binaryTypeOption = typeof socket === "object" && socket !== null ? options["binaryType"] : undefined;
  const binaryType: BinaryType = binaryTypeOption === "arraybuffer" || binaryTypeOption === "uint8array" ? binaryTypeOption : "buffer";
  const parsed: UdpOptions = { hostname, port, binaryType, handlers };
  const connect = options["connect"];
  if (connect !== undefined && connect !== null) {
    const target = connect as Record<string, unknown>;
    if (typeof target["hostname"] !== "string") throw invalidArgType('Expected "connect.hostname" to be a string');
    if (target["port"] === undefined || target["port"] === null) throw invalidArgType('Expected "connect.port" to be an integer');
    const connectPort = numericPort(target["port"]);
    if (!isPort(connectPort, 1)) throw invalidArgType('Expected "connect.port" to be an integer between 1 and 65535');
    parsed.connect = { hostname: target["hostname"], port: connectPort };
  }
  return parsed;
}

type Datagram = string | ArrayBufferView | ArrayBuffer;

function datagram(value: unknown): Datagram {
  if (typeof value === "string" || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  throw invalidArgType("Expected ArrayBufferView or string as first argument");
}

function payload(data: Datagram): string | Uint8Array {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function destinationPort(value: unknown): number {
  if (!isPort(value, 1)) throw invalidArgType('Expected "port" to be an integer between 1 and 65535');
  return value;
}

export class UDPSocket {
  #socket: DgramSocket;
  #options: UdpOptions;
  #handlers: UdpHandlers;
  #closed = false;
  #address: SocketAddress | undefined;
  #port: number | undefined;

  constructor(socket: DgramSocket, options: UdpOptions) {
    this.#socket = socket;
    this.#options = options;
    this.#handlers = options.handlers;
    socket.on("message", (message: Buffer, info: RemoteInfo) => this.#onMessage(message, info));
    socket.on("error", (error: Error) => this.#handlers.error?.(this, error));
  }

  #onMessage(message: Buffer, info: RemoteInfo): void {
    const onData = this.#handlers.data;
    if (onData === undefined) return;
    const flags = { truncated: false, ipv6: info.family === "IPv6" };
    try {
      // As Bun calls it: `this` is the socket.
      const result: unknown = onData.call(this, this, toBinaryType(message, this.#options.binaryType), info.port, info.address, flags);
      if (isThenable(result)) result.then(undefined, (error: unknown) => this.#dataFailed(error));
    } catch (error) {
      this.#dataFailed(error);
    }
  }

  /** `data` threw: as in Bun, `error(error)` gets it (the socket as `this`, no socket argument), else it is printed; the socket goes on. */
  #dataFailed(error: unknown): void {
    const onError = this.#handlers.error as ((error: unknown) => unknown) | undefined;
    if (onError === undefined) {
      reportHandlerFailure(error);
      return;
    }
    try {
      const result: unknown = onError.call(this, error);
      if (isThenable(result)) result.then(undefined, reportHandlerFailure);
    } catch (again) {
      reportHandlerFailure(again);
    }
  }

  get [Symbol.toStringTag](): string {
    return "UDPSocket";
  }

  get hostname(): string {
    return this.#options.hostname;
  }

  // Bun caches each of these on first read: after close() a value read while
  // open is still answered, one never read is undefined.
  get port(): number | undefined {
    if (!this.#closed) this.#port ??= this.#socket.address().port;
    return this.#port;
  }

  get address(): SocketAddress | undefined {
    if (!this.#closed && this.#address === undefined) {
      const { address, family, port } = this.#socket.address();
      this.#address = { address, family: family === "IPv6" ? "IPv6" : "IPv4", port };
    }
    return this.#address;
  }

  get remoteAddress(): SocketAddress | undefined {
    if (this.#options.connect === undefined || this.#closed) return undefined;
    const { address, family, port } = this.#socket.remoteAddress();
    return { address, family: family === "IPv6" ? "IPv6" : "IPv4", port };
  }

  get binaryType(): BinaryType {
    return this.#options.binaryType;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get fd(): number {
    return (this.#socket as unknown as { _handle?: { fd?: number } | null })._handle?.fd ?? -1;
  }

  send(...args: unknown[]): boolean {
    if (this.#closed) throw new Error("Socket is closed");
    if (this.#options.connect !== undefined) {
      if (args.length > 1) throw invalidArgType("Cannot specify destination on connected socket");
      this.#socket.send(payload(datagram(args[0])));
      return true;
    }
    if (args.length !== 3) throw invalidArgType(`Expected 3 arguments, got ${args.length}`);
    const data = datagram(args[0]);
    const port = destinationPort(args[1]);
    this.#socket.send(payload(data), port, String(args[2]));
    return true;
  }

  /** Connected: `[data, data, …]`; otherwise `[data, port, address, data, port, address, …]`. Returns the count sent. */
  sendMany(packets: unknown): number {
    if (this.#closed) throw new Error("Socket is closed");
    if (!Array.isArray(packets)) throw invalidArgType("Expected an array");
    if (this.#options.connect !== undefined) {
      const datagrams = packets.map(datagram);
      for (const data of datagrams) this.#socket.send(payload(data));
      return datagrams.length;
    }
    if (packets.length % 3 !== 0) throw invalidArgType("Expected 3 arguments for each packet");
    const checked: [Datagram, number, string][] = [];
    for (let at = 0; at < packets.length; at += 3) checked.push([datagram(packets[at]), destinationPort(packets[at + 1]), String(packets[at + 2])]);
    for (const [data, port, address] of checked) this.#socket.send(payload(data), port, address);
    return checked.length;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.close();
  }

  ref(): void {
    this.#socket.ref();
  }

  unref(): void {
    this.#socket.unref();
  }

  /** Bun reads `options.socket`; an object without one leaves the handlers as they are. */
  reload(...args: unknown[]): void {
    if (args.length === 0) throw invalidArgType("Expected 1 argument");
    const options = args[0] as { socket?: unknown } | null | undefined;
    if (typeof options !== "object" || options === null || options.socket === undefined) return;
    this.#handlers = parseUdpHandlers(options.socket);
  }

  setBroadcast(enabled: boolean): boolean {
    this.#socket.setBroadcast(Boolean(enabled));
    return Boolean(enabled);
  }

  setTTL(ttl: number): number {
    this.#socket.setTTL(ttl);
    return ttl;
  }

  setMulticastTTL(ttl: number): number {
    this.#socket.setMulticastTTL(ttl);
    return ttl;
  }

  setMulticastLoopback(enabled: boolean): boolean {
    this.#socket.setMulticastLoopback(Boolean(enabled));
    return Boolean(enabled);
  }

  setMulticastInterface(interfaceAddress: string): boolean {
    this.#socket.setMulticastInterface(interfaceAddress);
    return true;
  }

  addMembership(multicastAddress: string, interfaceAddress?: string): boolean {
    this.#socket.addMembership(multicastAddress, interfaceAddress);
    return true;
  }

  dropMembership(multicastAddress: string, interfaceAddress?: string): boolean {
    this.#socket.dropMembership(multicastAddress, interfaceAddress);
    return true;
  }

  addSourceSpecificMembership(sourceAddress: string, groupAddress: string, interfaceAddress?: string): boolean {
    this.#socket.addSourceSpecificMembership(sourceAddress, groupAddress, interfaceAddress);
    return true;
  }

  dropSourceSpecificMembership(sourceAddress: string, groupAddress: string, interfaceAddress?: string): boolean {
    this.#socket.dropSourceSpecificMembership(sourceAddress, groupAddress, interfaceAddress);
    return true;
  }
}

/** Bind (then connect, if asked); resolves once the socket is usable. */
export function openUdpSocket(options: UdpOptions): Promise<UDPSocket> {
  const socket = createSocket({ type: isIP(options.hostname) === 6 ? "udp6" : "udp4" });
  // Listening from the start: a datagram that arrives while connecting is not lost.
  const udp = new UDPSocket(socket, options);
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      socket.close();
      reject(error);
    };
    socket.once("error", fail);
    socket.bind({ port: options.port, address: options.hostname }, () => {
      const ready = (): void => {
        socket.off("error", fail);
        resolve(udp);
      };
      const target = options.connect;
      if (target === undefined) ready();
      else socket.connect(target.port, target.hostname, ready);
    });
  });
}
