// BunFile.stream(): a pull-based web ReadableStream over the file. Nothing is
// read until the consumer asks, and one chunk is read per pull, so a slow
// consumer holds the reads back (backpressure). Chunk sizes follow Bun: 256 KiB
// first, then 512 KiB.
import { read as readFd } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { bunFsError } from "./fs-error.ts";
import type { Range } from "./read.ts";
import type { FileTarget } from "./target.ts";

const firstChunk = 256 * 1024;
const laterChunk = 512 * 1024;

interface Cursor {
  handle: FileHandle | undefined;
  fd: number;
  position: number | null;
  remaining: number;
  chunks: number;
}

async function openCursor(target: FileTarget, range: Range): Promise<Cursor> {
  if (target.kind === "fd") {
    // A descriptor is read from where it stands, as Bun does.
    return { handle: undefined, fd: target.fd, position: null, remaining: Infinity, chunks: 0 };
  }
  const handle = await open(target.path, "r");
  const remaining = range.end === undefined ? Infinity : Math.max(0, range.end - range.start);
  return { handle, fd: handle.fd, position: range.start, remaining, chunks: 0 };
}

function readChunk(cursor: Cursor, size: number): Promise<{ bytesRead: number; buffer: Uint8Array }> {
  const buffer = new Uint8Array(size);
  if (cursor.handle) return cursor.handle.read(buffer, 0, size, cursor.position);
  return new Promise((resolve, reject) =>
    readFd(cursor.fd, buffer, 0, size, cursor.position, (error, bytesRead) => (error ? reject(error) : resolve({ bytesRead, buffer }))),
  );
}

export function fileStream(target: FileTarget, range: Range): ReadableStream<Uint8Array> {
  let cursor: Cursor | undefined;
  const path = target.kind === "path" ? target.path : undefined;
  const finish = async (): Promise<void> => {
    const handle = cursor?.handle;
    cursor = undefined;
    await handle?.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          cursor ??= await openCursor(target, range);
          const size = Math.min(cursor.chunks === 0 ? firstChunk : laterChunk, cursor.remaining);
          const { bytesRead, buffer } = size > 0 ? await readChunk(cursor, size) : { bytesRead: 0, buffer: new Uint8Array(0) };
          if (bytesRead === 0) {
            await finish();
            controller.close();
            return;
          }
          cursor.chunks++;
          cursor.remaining -= bytesRead;
          if (cursor.position !== null) cursor.position += bytesRead;
          controller.enqueue(bytesRead === buffer.length ? buffer : buffer.slice(0, bytesRead));
        } catch (error) {
          await finish().catch(() => undefined);
          controller.error(bunFsError(error, path));
        }
      },
      cancel: finish,
    },
    { highWaterMark: 0 },
  );
}
