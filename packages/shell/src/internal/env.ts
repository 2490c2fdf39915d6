// The exported environment of a shell: a base object (process.env or the
// `.env()` given) read lazily, with the shell's own changes on top. Most
// scripts never read it, so nothing is copied until something does.

type Base = Readonly<Record<string, string | undefined>>;

export class Env {
  readonly #base: Base;
  readonly #changes: Map<string, string>;

  constructor(base: Base, changes: Map<string, string> = new Map()) {
    this.#base = base;
    this.#changes = changes;
  }

  get(name: string): string | undefined {
    const changed = this.#changes.get(name);
    if (changed !== undefined) return changed;
    const value = this.#base[name];
    return value === undefined ? undefined : String(value);
  }

  set(name: string, value: string): void {
    this.#changes.set(name, value);
  }

  /** Every variable, the shell's changes last. */
  entries(): [string, string][] {
    const out: [string, string][] = [];
    for (const [name, value] of Object.entries(this.#base)) if (value !== undefined && !this.#changes.has(name)) out.push([name, String(value)]);
    out.push(...this.#changes);
    return out;
  }

  /** Whether this is the process's own environment, unchanged: a child can then inherit it as it is. */
  isProcessEnvironment(): boolean {
    return this.#base === process.env && this.#changes.size === 0;
  }

  /** An independent copy (a subshell or pipeline stage). */
  clone(): Env {
    return new Env(this.#base, new Map(this.#changes));
  }
}
