// Raw node:http echoing a JSON POST body (the goal: dx-compat ≥ 0.9× this).
import { createServer } from "node:http";
import { drive, ECHO_DOCUMENT } from "../lib.mjs";

const body = JSON.stringify(ECHO_DOCUMENT);
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const echoed = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    res.writeHead(200, { "Content-Type": "application/json;charset=utf-8", "Content-Length": Buffer.byteLength(echoed) });
    res.end(echoed);
  });
});
server.listen(0, "127.0.0.1", () => void drive(server.address().port, { method: "POST", body, expectBody: body }));
