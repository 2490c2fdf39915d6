// The lol-html engines: instances of html-rewriter-wasm, loaded on first use.
//
// html-rewriter-wasm runs async handlers with Binaryen's Asyncify: while a
// handler's promise is pending, the wasm call is unwound and its stack saved
// away, and it is rewound when the promise settles. One instance can hold one
// such suspended call safely; a second rewrite running through the same
// instance meanwhile would share its linear-memory stack. So a rewrite that
// must run now (a synchronous transform) takes an instance with nothing
// suspended, making a new one if every instance is waiting on a handler, and
// an asynchronous write waits until its own instance is free. Each instance is
// a fresh copy of the glue modules (they keep the instance in module state).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

type Glue = typeof import("html-rewriter-wasm");

/** One wasm instance of lol-html and what it is waiting for. */
export interface Engine {
  readonly glue: Glue;
  /** Settles when the write or end that is suspended in this instance is done; null when none is. */
  suspended: Promise<void> | null;
  /**
   * Set when the instance can no longer be trusted for new rewrites: it trapped,
   * or a rewrite in it was abandoned while suspended. Rewrites already in it finish.
   */
  retired: boolean;
}

const requireHere = createRequire(import.meta.url);
const engines: Engine[] = [];

function loadGlue(): Glue {
  const gluePath = requireHere.resolve("html-rewriter-wasm");
  const modulePaths = [gluePath, join(dirname(gluePath), "asyncify.js")];
  for (const path of modulePaths) delete requireHere.cache[path];
  try {
    return requireHere(gluePath) as Glue;
  } finally {
    // Not cached: the next engine needs its own copy of the glue's module state.
    for (const path of modulePaths) delete requireHere.cache[path];
  }
}

/** An engine with no suspended call, for a rewrite that starts now. */
export function freeEngine(): Engine {
  for (let index = engines.length - 1; index >= 0; index--) {
    const engine = engines[index]!;
    if (engine.retired) engines.splice(index, 1);
  }
  const idle = engines.find((engine) => engine.suspended === null);
  if (idle !== undefined) return idle;
  const engine: Engine = { glue: loadGlue(), suspended: null, retired: false };
  engines.push(engine);
  return engine;
}

/** Waits until nothing is suspended in `engine`. */
export async function engineIdle(engine: Engine): Promise<void> {
  while (engine.suspended !== null) await engine.suspended;
}
