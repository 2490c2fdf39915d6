// A Blob's bytes, synchronously (Bun.spawnSync's stdin and Bun.hash take
// Blobs). A BunFile reads its file; any other Blob can only be read
// asynchronously on Node, so a worker thread reads it and copies the bytes
// into shared memory while this thread waits on an Atomics cell. One worker
// serves the process; it starts on first use and never keeps the process
// alive. (A Response's or Request's body cannot go this way: its stream would
// need this very thread, blocked, to pump it.)
import { fileBytesSync } from "./file/bun-file.ts";
import { helperThread, postAndWait } from "./helper-thread.ts";

const workerSource = `
const { parentPort } = require("node:worker_threads");
let pending;
parentPort.on("message", async ({ source, header, data }) => {
  const cell = new Int32Array(header);
  if (data) {
    new Uint8Array(data).set(pending);
    pending = undefined;
    Atomics.store(cell, 0, 1);
    Atomics.notify(cell, 0);
    return;
  }
  try {
    pending = new Uint8Array(await source.arrayBuffer());
    cell[1] = pending.length;
    Atomics.store(cell, 0, 3);
  } catch {
    Atomics.store(cell, 0, 2);
  }
  Atomics.notify(cell, 0);
});
`;

// Cell states: 0 pending, 1 done, 2 failed, 3 length known (send room for the bytes).
const done = 1;
const sized = 3;

const reader = helperThread(workerSource);

function readThroughWorker(blob: Blob): Uint8Array {
  const header = new SharedArrayBuffer(8);
  const cell = new Int32Array(header);
  if (postAndWait(reader(), { source: blob, header }, cell) !== sized) throw new Error("The Blob could not be read");
  const data = new SharedArrayBuffer(Atomics.load(cell, 1));
  if (postAndWait(reader(), { header, data }, cell) !== done) throw new Error("The Blob could not be read");
  return new Uint8Array(data).slice();
}

/** The bytes of `blob`, read now; a BunFile's errors are Bun's. */
export function readBlobSync(blob: Blob): Uint8Array {
  return fileBytesSync(blob) ?? (blob.size === 0 ? new Uint8Array(0) : readThroughWorker(blob));
}
