// Bun and Node + dx-compat: 256 MiB pushed through Bun.connect to a Bun.listen
// server in one process, in 64 KiB writes, resending what write() did not take
// when drain says so (Bun's backpressure protocol).
import { report } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { listen, connect } = Bun;
const total = 256 << 20;
const chunk = Buffer.alloc(64 << 10, 7);

let received = 0;
let finish;
const done = new Promise((resolve) => (finish = resolve));
const server = listen({
  hostname: "127.0.0.1",
  port: 0,
  socket: {
    data(_socket, data) {
      received += data.length;
      if (received === total) finish();
    },
  },
});
let sent = 0;
let offset = 0;
function pump(socket) {
  while (sent < total) {
    const written = socket.write(chunk, offset, chunk.length - offset);
    sent += written;
    offset += written;
    if (offset === chunk.length) offset = 0;
    else return;
  }
}
const start = performance.now();
const client = await connect({ hostname: "127.0.0.1", port: server.port, socket: { data() {}, drain: pump } });
pump(client);
await done;
const ms = performance.now() - start;
client.end();
server.stop(true);
report(total / 1e6, ms);
