// srvx (FastResponse) echoing a JSON POST body.
import { FastResponse, serve } from "srvx/node";
import { drive, ECHO_DOCUMENT } from "../lib.mjs";

const body = JSON.stringify(ECHO_DOCUMENT);
const server = serve({ port: 0, hostname: "127.0.0.1", silent: true, fetch: async (req) => FastResponse.json(await req.json()) });
await server.ready();
await drive(new URL(server.url).port, { method: "POST", body, expectBody: body });
