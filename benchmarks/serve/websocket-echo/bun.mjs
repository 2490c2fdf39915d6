// Bun.serve with a websocket handler that echoes every message.
import { drive } from "./drive.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const server = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch: (req, srv) => (srv.upgrade(req) ? undefined : new Response("upgrade expected", { status: 400 })),
  websocket: { message: (ws, message) => void ws.send(message) },
});
await drive(server.port);
