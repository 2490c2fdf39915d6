// A host name's address, synchronously. Bun.listen and Bun.serve resolve the
// name and bind before they return (Bun calls getaddrinfo in place); Node only
// resolves asynchronously, so a worker thread runs `dns.lookup` (getaddrinfo,
// the first address it gives, as Bun binds) while this thread waits on an
// Atomics cell. One worker serves the process; it starts on first use and
// never keeps the process alive.
import { helperThread, postAndWait } from "./helper-thread.ts";

const workerSource = `
const { parentPort } = require("node:worker_threads");
const { lookup } = require("node:dns");
parentPort.on("message", ({ hostname, header, text }) => {
  const cell = new Int32Array(header);
  lookup(hostname, (error, address) => {
    if (error) {
      Atomics.store(cell, 0, 2);
    } else {
      const bytes = Buffer.from(address, "latin1");
      new Uint8Array(text).set(bytes.subarray(0, text.byteLength));
      cell[1] = Math.min(bytes.length, text.byteLength);
      Atomics.store(cell, 0, 1);
    }
    Atomics.notify(cell, 0);
  });
});
`;

/** Room for any textual address (an IPv6 address with a zone is at most 46 + the zone's name). */
const ADDRESS_ROOM = 128;
const resolved = 1;

const resolver = helperThread(workerSource);

/** The first address `hostname` resolves to, or undefined when it does not resolve. */
export function lookupSync(hostname: string): string | undefined {
  const header = new SharedArrayBuffer(8);
  const text = new SharedArrayBuffer(ADDRESS_ROOM);
  const cell = new Int32Array(header);
  if (postAndWait(resolver(), { hostname, header, text }, cell) !== resolved) return undefined;
  return Buffer.from(text, 0, Atomics.load(cell, 1)).toString("latin1");
}
