// Raw node:http answering the one path with a prepared body (the goal: dx-compat ≥ 1.0× this).
import { createServer } from "node:http";
import { drive, HELLO } from "../lib.mjs";

const body = Buffer.from(HELLO);
const server = createServer((req, res) => {
  if (req.url === "/") {
    res.writeHead(200, { "Content-Type": "text/plain;charset=utf-8", "Content-Length": body.length });
    res.end(body);
  } else {
    res.writeHead(404).end("not found");
  }
});
server.listen(0, "127.0.0.1", () => void drive(server.address().port));
