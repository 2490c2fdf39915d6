// Raw node:http: the floor a Bun.serve on Node is measured against.
import { createServer } from "node:http";
import { drive, HELLO } from "../lib.mjs";

const server = createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain;charset=utf-8" });
  res.end(HELLO);
});
server.listen(0, "127.0.0.1", () => void drive(server.address().port));
