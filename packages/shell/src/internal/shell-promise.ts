// The lazy promise `$` returns: nothing runs until it is awaited (or `.run()`),
// and the options methods only work before that.
import { Env } from "./env.ts";
import { Interpreter } from "./interpreter.ts";
import type { ShellState } from "./builtins/context.ts";
import { Capture } from "./io.ts";
import { ShellError, ShellOutput } from "./shell-output.ts";
import type { Template } from "./template.ts";

export type EnvObject = Record<string, string | undefined>;

/** A script with the options it runs under. */
export interface Job {
  readonly template: Template;
  cwd: string | undefined;
  env: EnvObject | undefined;
  quiet: boolean;
}

function startState(job: Job): ShellState {
  const cwd = job.cwd ?? process.cwd();
  return { cwd, prevCwd: cwd, exported: new Env(job.env ?? process.env), local: new Map() };
}

async function execute(job: Job): Promise<{ code: number; stdout: Buffer; stderr: Buffer }> {
  const stdout = new Capture(job.quiet ? null : process.stdout);
  const stderr = new Capture(job.quiet ? null : process.stderr);
  const { parsed, values } = job.template;
  const interpreter = new Interpreter(values, process.argv);
  const code = await interpreter.stmts(parsed.script.stmts, startState(job), {
    stdin: { kind: "fd", fd: 0 },
    stdout: { kind: "capture", capture: stdout },
    stderr: { kind: "capture", capture: stderr },
  });
  return { code, stdout: stdout.toBuffer(), stderr: stderr.toBuffer() };
}

export class ShellPromise extends Promise<ShellOutput> {
  #job: Job | undefined;
  #hasRun = false;
  #throws: boolean;
  #settle: (run: Promise<{ code: number; stdout: Buffer; stderr: Buffer }>) => void;

  constructor(job: Job, throws: boolean) {
    // Made now so that its stack points at the `$` call.
    let potentialError: ShellError | undefined = new ShellError();
    let settle!: (run: Promise<{ code: number; stdout: Buffer; stderr: Buffer }>) => void;
    super((resolve, reject) => {
      settle = (run) => {
        run.then(({ code, stdout, stderr }) => {
          const output = new ShellOutput(stdout, stderr, code);
          if (this.#throws && code !== 0) {
            (potentialError as ShellError).initialize(output, code);
            reject(potentialError);
          } else {
            potentialError = undefined;
            resolve(output);
          }
        }, reject);
      };
    });
    this.#job = job;
    this.#throws = throws;
    this.#settle = settle;
  }

  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  #throwIfRunning(): Job {
    if (this.#hasRun || this.#job === undefined) throw new Error("Shell is already running");
    return this.#job;
  }

  cwd(newCwd?: string): this {
    const job = this.#throwIfRunning();
    job.cwd = newCwd === undefined || newCwd === "." || newCwd === "" || newCwd === "./" ? undefined : newCwd;
    return this;
  }

  env(newEnv?: EnvObject): this {
    const job = this.#throwIfRunning();
    job.env = newEnv === undefined ? undefined : { ...newEnv };
    return this;
  }

  quiet(isQuiet?: boolean): this {
    this.#throwIfRunning().quiet = isQuiet ?? true;
    return this;
  }

  nothrow(): this {
    this.#throws = false;
    return this;
  }

  throws(shouldThrow?: boolean): this {
    this.#throws = !!shouldThrow;
    return this;
  }

  run(): this {
    if (!this.#hasRun) {
      this.#hasRun = true;
      const job = this.#job as Job;
      this.#job = undefined;
      this.#settle(execute(job));
    }
    return this;
  }

  override then<A = ShellOutput, B = never>(
    onfulfilled?: ((value: ShellOutput) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.run();
    return super.then(onfulfilled, onrejected);
  }

  #quietOutput(): Promise<ShellOutput> {
    this.quiet(true);
    return this.then((output) => output);
  }

  async text(encoding?: BufferEncoding): Promise<string> {
    return (await this.#quietOutput()).stdout.toString(encoding);
  }

  async json(): Promise<unknown> {
    return JSON.parse((await this.#quietOutput()).stdout.toString());
  }

  async *lines(): AsyncGenerator<string> {
    const { stdout } = await this.#quietOutput();
    yield* stdout.toString().split(process.platform === "win32" ? /\r?\n/ : "\n");
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.#quietOutput()).stdout.buffer as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async blob(): Promise<Blob> {
    return new Blob([(await this.#quietOutput()).stdout]);
  }
}
