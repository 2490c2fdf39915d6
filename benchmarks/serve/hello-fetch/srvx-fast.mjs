// srvx with its own FastResponse (what srvx recommends on Node for speed): the handler
// must use srvx's class instead of the global Response.
import { FastResponse, serve } from "srvx/node";
import { drive, HELLO } from "../lib.mjs";

const server = serve({ port: 0, hostname: "127.0.0.1", silent: true, fetch: () => new FastResponse(HELLO) });
await server.ready();
await drive(new URL(server.url).port);
