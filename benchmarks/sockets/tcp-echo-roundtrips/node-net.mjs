// Plain Node: the same ping-pong on node:net.
import { createServer, connect } from "node:net";
import { message, report } from "../lib.mjs";

const rounds = 20_000;
const warmup = 2_000;

const server = createServer((socket) => socket.on("data", (data) => socket.write(data)));
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
let left = rounds + warmup;
let start = 0;
let received = 0;
const client = connect(server.address().port, "127.0.0.1", () => client.write(message));
const ms = await new Promise((resolve) => {
  client.on("data", (data) => {
    received += data.length;
    if (received < message.length) return;
    received -= message.length;
    left--;
    if (left === rounds) start = performance.now();
    if (left === 0) resolve(performance.now() - start);
    else client.write(message);
  });
});
client.destroy();
server.close();
report(rounds, ms);
