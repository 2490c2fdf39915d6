// Bun.serve with a static route: a Response value Bun serves without calling JavaScript per request.
import { drive, HELLO } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const server = Bun.serve({ port: 0, hostname: "127.0.0.1", routes: { "/": new Response(HELLO) }, fetch: () => new Response("not found", { status: 404 }) });
await drive(server.port);
