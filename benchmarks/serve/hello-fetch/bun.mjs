// Bun.serve with a fetch handler that answers every request with a short text body.
import { drive, HELLO } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response(HELLO) });
await drive(server.port);
