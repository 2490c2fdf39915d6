// Plain `ws` on node:http: the library dx-compat's WebSockets build on, echoing.
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { drive } from "./drive.mjs";

const server = createServer((_req, res) => res.writeHead(400).end("upgrade expected"));
const wss = new WebSocketServer({ server });
wss.on("connection", (ws) => ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary })));
server.listen(0, "127.0.0.1", () => void drive(server.address().port));
