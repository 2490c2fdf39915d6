// CloseEvent, which Bun has as a global and Node 22 lacks (Node 23+ has it).

export interface CloseEventInit {
  bubbles?: boolean;
  cancelable?: boolean;
  composed?: boolean;
  wasClean?: boolean;
  code?: number;
  reason?: string;
}

/**
 * The WebSocket close event: `new CloseEvent("close", { code: 1000, reason: "", wasClean: true })`.
 */
export class CloseEvent extends Event {
  readonly #wasClean: boolean;
  readonly #code: number;
  readonly #reason: string;

  constructor(type: string, init: CloseEventInit = {}) {
    if (arguments.length === 0) throw new TypeError("Not enough arguments");
    super(type, init);
    this.#wasClean = Boolean(init.wasClean);
    // WebIDL `unsigned short` and `USVString` conversions.
    this.#code = (Number(init.code ?? 0) >>> 0) & 0xffff;
    this.#reason = init.reason === undefined ? "" : String(init.reason);
  }

  get wasClean(): boolean {
    return this.#wasClean;
  }

  get code(): number {
    return this.#code;
  }

  get reason(): string {
    return this.#reason;
  }

  get [Symbol.toStringTag](): string {
    return "CloseEvent";
  }
}
