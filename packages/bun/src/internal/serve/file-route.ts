// A BunFile given as a `routes` value (bare, or in a Response): streamed from
// disk per request with Bun's route header layout (Date first, the Response's
// headers with the file's Content-Type, last-modified), If-Modified-Since
// answered with 304, and single-range requests. A slice serves its part of
// the file. A file that cannot be served (missing, a directory) leaves the
// request to `fetch`, as Bun does.
import type { Stats } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { notModifiedSince } from "./conditional.ts";
import { httpDate } from "./http-date.ts";
import { sendWhole, setHead } from "./raw-socket.ts";
import { parseRange } from "./range.ts";
import { rawHeader } from "./raw-headers.ts";
import type { FileRoute } from "./router.ts";
import { statusLine } from "./status.ts";
import { pipeFile } from "./write.ts";

async function regularFile(path: string): Promise<Stats | undefined> {
  try {
    const stats = await stat(path);
    return stats.isDirectory() ? undefined : stats;
  } catch {
    return undefined;
  }
}

/** What If-Modified-Since is compared with: the program's Last-Modified if it parses, else the file's mtime in whole seconds. */
function lastModifiedOf(route: FileRoute, stats: Stats): number {
  const own = route.lastModified === undefined ? NaN : Date.parse(route.lastModified);
  return Number.isFinite(own) ? own : Math.floor(stats.mtimeMs / 1000) * 1000;
}

/** Sends the file; resolves `false` when it cannot be served and the request goes to `fetch`. */
export async function sendFileRoute(out: ServerResponse, route: FileRoute, incoming: IncomingMessage): Promise<boolean> {
  const stats = await regularFile(route.path);
  if (stats === undefined) return false;
  const offset = Math.min(route.span.start, stats.size);
  const size = Math.max(Math.min(route.span.end ?? Infinity, stats.size) - offset, 0);
  const method = incoming.method;
  const conditional = method === "GET" || method === "HEAD";
  const lead = `Date: ${httpDate()}\r\n${route.lines}${route.lastModified === undefined ? `last-modified: ${stats.mtime.toUTCString()}\r\n` : ""}`;
  if (route.status === 200 && conditional && notModifiedSince(rawHeader(incoming.rawHeaders, "if-modified-since"), lastModifiedOf(route, stats))) {
    sendWhole(out, 304, `${statusLine(304)}${lead}\r\n`, undefined, true);
    return true;
  }
  const headOnly = method === "HEAD";
  const range = route.status === 200 && !headOnly ? parseRange(rawHeader(incoming.rawHeaders, "range"), size) : undefined;
  if (range === "unsatisfiable") {
    sendWhole(out, 416, `${statusLine(416)}${lead}content-range: bytes */${size}\r\naccept-ranges: bytes\r\nContent-Length: 0\r\n\r\n`, undefined, true);
    return true;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = Math.max(end - start + 1, 0);
  const status = range === undefined ? route.status : 206;
  const rangeLines = range === undefined ? "" : `content-range: bytes ${start}-${end}/${size}\r\naccept-ranges: bytes\r\n`;
  const head = `${statusLine(status)}${lead}${rangeLines}content-length: ${length}\r\n\r\n`;
  if (headOnly || length === 0) {
    sendWhole(out, status, head, undefined, true);
    return true;
  }
  setHead(out, status, head);
  pipeFile(out, route.path, offset + start, offset + end);
  return true;
}
