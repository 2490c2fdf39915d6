// Bun.serve: an HTTP(S) server with Bun's semantics on node:http / node:https.
import type { Serve, Server as BunServer } from "bun";
import { Server } from "./internal/serve/server.ts";
import type { ServeOptionsLike } from "./internal/serve/options.ts";

/**
 * Start an HTTP server (Bun's `Bun.serve`): `fetch(req, server)` and/or `routes`,
 * listening at once (the port is known on return).
 *
 * @example
 * ```ts
 * const server = serve({ port: 0, fetch: () => new Response("hi") });
 * console.log(server.url.href);
 * await server.stop();
 * ```
 */
export const serve: typeof import("bun").serve = ((options: Serve.Options<unknown>): BunServer<unknown> => new Server(options as ServeOptionsLike)) as never;
