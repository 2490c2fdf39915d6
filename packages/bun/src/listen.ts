import { Listener } from "./internal/socket/listener.ts";
import { parseSocketOptions } from "./internal/socket/options.ts";

type BunListen = typeof import("bun").listen;

/**
 * `Bun.listen({ hostname, port, socket: { open, data, drain, close, error, end, timeout, handshake } })`
 * or `Bun.listen({ unix, socket })`: a TCP, TLS (`tls: { cert, key, … }`) or
 * unix-socket server whose connections call the handler object, as Bun's do.
 * Binds synchronously (`listener.port` is set on return); errors are Bun's.
 *
 * @example
 * ```ts
 * import { listen } from "@dx-compat/bun";
 * const server = listen({ hostname: "127.0.0.1", port: 0, socket: { data(socket, data) { socket.write(data); } } });
 * server.port; // the port the kernel picked
 * server.stop(true);
 * ```
 */
export const listen: BunListen = function listen(options: unknown) {
  return new Listener(parseSocketOptions("listen", options));
} as unknown as BunListen;
