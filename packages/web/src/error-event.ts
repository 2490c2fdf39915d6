// ErrorEvent, which Bun has as a global and Node lacks.

export interface ErrorEventInit {
  bubbles?: boolean;
  cancelable?: boolean;
  composed?: boolean;
  message?: string;
  filename?: string;
  lineno?: number;
  colno?: number;
  error?: unknown;
}

/**
 * The event of an error report: `new ErrorEvent("error", { message, error })`.
 */
export class ErrorEvent extends Event {
  readonly #message: string;
  readonly #filename: string;
  readonly #lineno: number;
  readonly #colno: number;
  readonly #error: unknown;

  constructor(type: string, init: ErrorEventInit = {}) {
    if (arguments.length === 0) throw new TypeError("Not enough arguments");
    super(type, init);
    this.#message = init.message === undefined ? "" : String(init.message);
    this.#filename = init.filename === undefined ? "" : String(init.filename);
    this.#lineno = Number(init.lineno ?? 0) >>> 0;
    this.#colno = Number(init.colno ?? 0) >>> 0;
    this.#error = init.error === undefined ? null : init.error;
  }

  get message(): string {
    return this.#message;
  }

  get filename(): string {
    return this.#filename;
  }

  get lineno(): number {
    return this.#lineno;
  }

  get colno(): number {
    return this.#colno;
  }

  get error(): unknown {
    return this.#error;
  }

  get [Symbol.toStringTag](): string {
    return "ErrorEvent";
  }
}
