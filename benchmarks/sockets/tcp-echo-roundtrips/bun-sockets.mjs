// Bun and Node + dx-compat: Bun.listen echo server and Bun.connect client in one
// process on 127.0.0.1, 64-byte ping-pong, one message in flight.
import { message, report } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { listen, connect } = Bun;
const rounds = 20_000;
const warmup = 2_000;

const server = listen({ hostname: "127.0.0.1", port: 0, socket: { data: (socket, data) => void socket.write(data) } });
let left = rounds + warmup;
let start = 0;
let received = 0;
const done = new Promise((resolve) => {
  void connect({
    hostname: "127.0.0.1",
    port: server.port,
    socket: {
      open: (socket) => void socket.write(message),
      data(socket, data) {
        received += data.length;
        if (received < message.length) return;
        received -= message.length;
        left--;
        if (left === rounds) start = performance.now();
        if (left === 0) resolve(performance.now() - start);
        else socket.write(message);
      },
    },
  });
});
const ms = await done;
server.stop(true);
report(rounds, ms);
