// srvx (FastResponse) answering the one static path from its fetch handler.
import { FastResponse, serve } from "srvx/node";
import { drive, HELLO } from "../lib.mjs";

const server = serve({
  port: 0,
  hostname: "127.0.0.1",
  silent: true,
  fetch: (req) => (new URL(req.url).pathname === "/" ? new FastResponse(HELLO) : new FastResponse("not found", { status: 404 })),
});
await server.ready();
await drive(new URL(server.url).port);
