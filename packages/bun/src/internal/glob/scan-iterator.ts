// What Glob.scan() returns: an async generator over the paths of a walk that
// started when scan() was called, as Bun's is. Written out by hand: a `for
// await` over it costs half what one over an `async function*` does (20 000
// paths: ~2 ms against ~4 ms), and it still is an AsyncGenerator to
// Object.prototype.toString and instanceof-style checks, with next, return
// and throw behaving as a generator's that yields each path in turn.

interface Step {
  value: string | undefined;
  done: boolean;
}

/** %AsyncGeneratorPrototype%: where next/return/throw and the "AsyncGenerator" tag live. */
function asyncGeneratorPrototype(): object {
  return Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())) as object;
}

export class ScanIterator {
  #paths: string[] | undefined;
  #index = 0;
  #finished = false;
  readonly #pending: Promise<string[]>;

  constructor(pending: Promise<string[]>) {
    this.#pending = pending;
    // Bun reports a failed scan that nobody iterates as an unhandled rejection
    // but keeps running; Node would end the process. The error waits for next().
    pending.catch(() => undefined);
  }

  #step(): Step {
    const paths = this.#paths as string[];
    if (this.#finished || this.#index >= paths.length) {
      this.#finished = true;
      return { value: undefined, done: true };
    }
    return { value: paths[this.#index++], done: false };
  }

  next(): Promise<Step> {
    if (this.#paths !== undefined || this.#finished) return Promise.resolve(this.#paths === undefined ? { value: undefined, done: true } : this.#step());
    return this.#pending.then(
      (paths) => {
        this.#paths = paths;
        return this.#step();
      },
      (error: unknown) => {
        // The first request sees the error; the generator is done after it.
        if (this.#finished) return { value: undefined, done: true };
        this.#finished = true;
        throw error;
      },
    );
  }

  return(value?: unknown): Promise<{ value: unknown; done: true }> {
    this.#finished = true;
    return Promise.resolve({ value, done: true });
  }

  throw(error?: unknown): Promise<never> {
    this.#finished = true;
    return Promise.reject(error as Error);
  }

  static {
    // Symbol.asyncIterator and the tag come from here.
    Object.setPrototypeOf(ScanIterator.prototype, asyncGeneratorPrototype());
  }
}
