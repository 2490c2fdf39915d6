import { openUdpSocket, parseUdpOptions } from "./internal/socket/udp.ts";

type BunUdpSocket = typeof import("bun").udpSocket;

/**
 * `Bun.udpSocket({ hostname, port, binaryType, socket: { data, drain, error }, connect })`:
 * a bound UDP socket (connected, with `connect: { hostname, port }`) with
 * Bun's `send(data, port, address)` / `sendMany`, `address`, `port`,
 * `close()`, `reload`, the multicast and TTL setters. Bad options throw
 * synchronously, as in Bun.
 *
 * @example
 * ```ts
 * import { udpSocket } from "@dx-compat/bun";
 * const socket = await udpSocket({ hostname: "127.0.0.1", socket: { data(_s, data, port, address) { console.log(data.toString(), port, address); } } });
 * socket.send("ping", socket.port, "127.0.0.1");
 * ```
 */
export const udpSocket: BunUdpSocket = function udpSocket(options: unknown) {
  return openUdpSocket(parseUdpOptions(options));
} as unknown as BunUdpSocket;
