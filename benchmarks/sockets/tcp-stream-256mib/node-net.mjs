// Plain Node: 256 MiB through node:net in 64 KiB writes, honouring write()'s false / 'drain'.
import { createServer, connect } from "node:net";
import { report } from "../lib.mjs";

const total = 256 << 20;
const chunk = Buffer.alloc(64 << 10, 7);

let received = 0;
let finish;
const done = new Promise((resolve) => (finish = resolve));
const server = createServer((socket) =>
  socket.on("data", (data) => {
    received += data.length;
    if (received === total) finish();
  }),
);
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
let sent = 0;
const start = performance.now();
const client = connect(server.address().port, "127.0.0.1");
function pump() {
  while (sent < total) {
    sent += chunk.length;
    if (!client.write(chunk)) return;
  }
}
client.on("drain", pump);
client.on("connect", pump);
await done;
const ms = performance.now() - start;
client.destroy();
server.close();
report(total / 1e6, ms);
