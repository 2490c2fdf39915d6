// Bun.serve echoing a JSON POST body: parse it, answer it with Response.json.
import { drive, ECHO_DOCUMENT } from "../lib.mjs";

const body = JSON.stringify(ECHO_DOCUMENT);
// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: async (req) => Response.json(await req.json()) });
await drive(server.port, { method: "POST", body, expectBody: body });
