// The load for websocket-echo: K connections, each keeping WINDOW text
// messages in flight and sending the next one whenever an echo comes back.
// Runs under Bun (its WebSocket client is the fastest one at hand, so the
// client is not the bottleneck). Protocol on stdout: "start" once every
// connection is open and a warm-up round is done, then one JSON line
// {"messages": n, "wrong": k} when the timed round is over.
const [port, connections, total, window] = process.argv.slice(2).map(Number);
const MESSAGE = "x".repeat(31) + "!"; // 32 bytes of text

function connect() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error("connection failed"));
  });
}

/** Send `perConnection` messages on every socket, WINDOW at a time; resolve with the wrong echoes. */
function round(sockets, perConnection) {
  return Promise.all(
    sockets.map(
      (ws) =>
        new Promise((resolve) => {
          let sent = 0;
          let received = 0;
          let wrong = 0;
          ws.onmessage = (event) => {
            received++;
            if (event.data !== MESSAGE) wrong++;
            if (sent < perConnection) {
              sent++;
              ws.send(MESSAGE);
            }
            if (received === perConnection) resolve(wrong);
          };
          for (; sent < Math.min(window, perConnection); sent++) ws.send(MESSAGE);
        }),
    ),
  ).then((wrongs) => wrongs.reduce((a, b) => a + b, 0));
}

const sockets = await Promise.all(Array.from({ length: connections }, connect));
const perConnection = Math.ceil(total / connections);
await round(sockets, Math.ceil(perConnection / 10));
console.log("start");
const wrong = await round(sockets, perConnection);
console.log(JSON.stringify({ messages: perConnection * connections, wrong }));
for (const ws of sockets) ws.close();
process.exit(0);
