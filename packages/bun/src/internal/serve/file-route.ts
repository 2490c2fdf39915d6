// A BunFile given as a `routes` value: streamed from disk per request, with
// Bun's route header layout (Date first, Last-Modified, single-range support).
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { httpDate } from "./http-date.ts";
import { sendWhole, setHead } from "./raw-socket.ts";
import { parseRange } from "./range.ts";
import type { FileRoute } from "./router.ts";
import { statusLine } from "./status.ts";

export async function sendFileRoute(out: ServerResponse, route: FileRoute, incoming: IncomingMessage): Promise<void> {
  const stats = await stat(route.path);
  const size = stats.size;
  const type = route.file.type === "" ? "" : `Content-Type: ${route.file.type}\r\n`;
  const lead = `Date: ${httpDate()}\r\n${type}last-modified: ${stats.mtime.toUTCString()}\r\n`;
  const headOnly = incoming.method === "HEAD";
  const range = parseRange(headOnly ? undefined : incoming.headers.range, size);
  if (range === "unsatisfiable") {
    sendWhole(out, 416, `${statusLine(416)}${lead}content-range: bytes */${size}\r\naccept-ranges: bytes\r\nContent-Length: 0\r\n\r\n`, undefined, true);
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = Math.max(end - start + 1, 0);
  const status = range === undefined ? 200 : 206;
  const rangeLines = range === undefined ? "" : `content-range: bytes ${start}-${end}/${size}\r\naccept-ranges: bytes\r\n`;
  const head = `${statusLine(status)}${lead}${rangeLines}content-length: ${length}\r\n\r\n`;
  if (headOnly || length === 0) {
    sendWhole(out, status, head, undefined, true);
    return;
  }
  setHead(out, status, head);
  const source = createReadStream(route.path, { start, end });
  source.on("error", () => out.destroy());
  out.on("close", () => source.destroy());
  source.pipe(out);
}
