// Drives a GlobWalk: each popped item's I/O is done synchronously, then the
// item is handled. scanSync runs the walk in one go; scan runs the same walk
// but gives the event loop a turn every TURN_EVERY items, so a large tree
// never blocks it for long.
//
// Directories are listed by @dx-compat/native's listDirectory: one call and
// one string per directory, in the file system's own order (as Bun's walker
// sees them). Node's readdirSync({ withFileTypes }) built a Dirent per entry
// and cost ~25 % more on a 50 000-file tree; reading ahead on libuv's pool
// (callback readdir, 4–64 in flight) was slower still: every entry's string
// is made on the main thread either way, and each callback costs more than
// the getdents it moves off it.
import { listDirectory } from "@dx-compat/native";
import { statSync } from "node:fs";
import { getSystemErrorName } from "node:util";
import { LIST, PROBE } from "./walk.ts";
import type { GlobWalk, Outcome, WorkItem } from "./walk.ts";

const STAT_OPTIONS = { throwIfNoEntry: true } as const;
const PROBE_OPTIONS = { throwIfNoEntry: false } as const;

function ioSync(item: WorkItem): Outcome {
  try {
    if (item.io === LIST) {
      const listing = listDirectory(item.ioPath);
      return typeof listing === "number" ? { error: errnoException(listing) } : { listing };
    }
    return { stat: statSync(item.ioPath, item.io === PROBE ? PROBE_OPTIONS : STAT_OPTIONS) };
  } catch (error) {
    return { error: error as NodeJS.ErrnoException };
  }
}

/** What the walk reads of a failure: Node's `code` and (negative) `errno`. */
function errnoException(errno: number): NodeJS.ErrnoException {
  return Object.assign(new Error(), { code: getSystemErrorName(-errno), errno: -errno });
}

/** Every matched path, in order; throws Bun's error where Bun's walk stops. */
export function walkSync(walk: GlobWalk): string[] {
  for (let item = walk.pop(); item !== undefined; item = walk.pop()) {
    item.outcome = ioSync(item);
    walk.handle(item);
  }
  return walk.results;
}

/** Directories (or stats) between two turns of the event loop: a few milliseconds of work. */
const TURN_EVERY = 256;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** walkSync's paths, with a turn of the event loop every TURN_EVERY items. */
export async function walkAsync(walk: GlobWalk): Promise<string[]> {
  let done = 0;
  for (let item = walk.pop(); item !== undefined; item = walk.pop()) {
    item.outcome = ioSync(item);
    walk.handle(item);
    if (++done % TURN_EVERY === 0) await nextTurn();
  }
  return walk.results;
}

