import { connectSocket } from "./internal/socket/connect-socket.ts";
import { parseSocketOptions } from "./internal/socket/options.ts";

type BunConnect = typeof import("bun").connect;

/**
 * `Bun.connect({ hostname, port, socket: { open, data, … }, tls, data })` or
 * `Bun.connect({ unix, socket })`: a TCP, TLS or unix-socket client. Resolves
 * with the socket once its `open` handler ran; a refused connection calls
 * `connectError(socket, error)` and rejects with Bun's "Failed to connect"
 * error (code `ECONNREFUSED`, `ENOENT`, …). Bad options throw synchronously.
 *
 * @example
 * ```ts
 * import { connect } from "@dx-compat/bun";
 * const socket = await connect({ hostname: "127.0.0.1", port, socket: { data(_socket, data) { console.log(data.toString()); } } });
 * socket.write("hello");
 * ```
 */
export const connect: BunConnect = function connect(options: unknown) {
  return connectSocket(parseSocketOptions("connect", options));
} as unknown as BunConnect;
