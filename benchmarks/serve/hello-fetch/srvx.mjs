// srvx: a fetch-handler server on node:http (unjs/h3's server layer).
import { serve } from "srvx/node";
import { drive, HELLO } from "../lib.mjs";

const server = serve({ port: 0, hostname: "127.0.0.1", silent: true, fetch: () => new Response(HELLO) });
await server.ready();
await drive(new URL(server.url).port);
