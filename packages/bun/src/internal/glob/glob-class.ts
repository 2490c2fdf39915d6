// The Glob class: a pattern compiled once (its UTF-8 bytes, where matching
// starts after leading `!`s, and — on the first scan — its components).
// A function constructor, so that a call without `new` fails as in Bun.
import { notImplemented } from "@dx-compat/shared/errors";
import process from "node:process";
import { bunCoded } from "../errors.ts";
import { parsePattern } from "./components.ts";
import type { ParsedPattern } from "./components.ts";
import { walkAsync, walkSync } from "./drive.ts";
import { ScanIterator } from "./scan-iterator.ts";
import { notAGlob, notAString, scanOnNonGlob } from "./errors.ts";
import { compileGlob, matchGlob } from "./matcher.ts";
import type { CompiledGlob } from "./matcher.ts";
import { parseScanArgument } from "./options.ts";
import { encodeToScratch, scratchBytes, utf8Bytes } from "./utf8.ts";
import { GlobWalk } from "./walk.ts";

class GlobState {
  readonly #pattern: string;
  readonly #bytes: Uint8Array;
  readonly #compiled: CompiledGlob;
  #parsed: ParsedPattern | undefined;

  constructor(pattern: unknown) {
    if (typeof pattern !== "string" && !(pattern instanceof String)) throw notAString("pattern");
    // Bun on Windows also splits at `\` and knows drive letters; only POSIX paths are implemented.
    if (process.platform === "win32") throw notImplemented("Bun.Glob", "Windows path semantics (\\ as a separator, drive letters) are not implemented");
    this.#pattern = String(pattern);
    this.#bytes = utf8Bytes(this.#pattern);
    this.#compiled = compileGlob(this.#bytes);
  }

  // Static: an instance's prototype is Glob.prototype, not this class's.
  static of(self: unknown): GlobState | undefined {
    return typeof self === "object" && self !== null && #compiled in self ? (self as GlobState) : undefined;
  }

  static match(state: GlobState, path: string): boolean {
    // Encode first: a long path replaces the scratch buffer.
    const length = encodeToScratch(path);
    return matchGlob(state.#compiled, scratchBytes(), length);
  }

  static walk(state: GlobState, argument: unknown, method: "scan" | "scanSync"): GlobWalk {
    const request = parseScanArgument(argument, method);
    state.#parsed ??= parsePattern(state.#bytes);
    return new GlobWalk(state.#parsed, state.#pattern, request.cwd, request.cwdAbsolute, request.options);
  }
}

export interface GlobConstructor {
  new (pattern: string): import("bun").Glob;
  readonly prototype: import("bun").Glob;
}

export const Glob = function Glob(this: unknown, pattern: string): object {
  if (new.target === undefined) throw bunCoded("Glob constructor cannot be invoked without 'new'", "ERR_ILLEGAL_CONSTRUCTOR", TypeError);
  return Reflect.construct(GlobState, [pattern], new.target) as object;
} as unknown as GlobConstructor;

function* yieldAll(paths: readonly string[]): Generator<string, void, undefined> {
  yield* paths;
}

/** As Bun: the walk starts when scan() is called; iterating waits for all of it, then yields. */
function scanInBackground(walk: GlobWalk): AsyncIterableIterator<string> {
  return new ScanIterator(walkAsync(walk)) as unknown as AsyncIterableIterator<string>;
}

function match(this: unknown, path: string): boolean {
  const state = GlobState.of(this);
  if (state === undefined) throw notAGlob(this);
  const input: unknown = path;
  if (typeof input === "string") return GlobState.match(state, input);
  if (input instanceof String) return GlobState.match(state, String(input));
  throw notAString("str");
}

function stateForScan(self: unknown): GlobState {
  const state = GlobState.of(self);
  if (state === undefined) throw scanOnNonGlob(self);
  return state;
}

// Anonymous, as Bun's builtins are.
const scan = [
  function (this: unknown, optionsOrCwd?: unknown): AsyncIterableIterator<string> {
    const walk = GlobState.walk(stateForScan(this), optionsOrCwd, "scan");
    return scanInBackground(walk);
  },
][0] as (this: unknown, optionsOrCwd?: unknown) => AsyncIterableIterator<string>;

const scanSync = [
  function (this: unknown, optionsOrCwd?: unknown): IterableIterator<string> {
    const walk = GlobState.walk(stateForScan(this), optionsOrCwd, "scanSync");
    return yieldAll(walkSync(walk));
  },
][0] as (this: unknown, optionsOrCwd?: unknown) => IterableIterator<string>;

// Bun's prototype: enumerable methods (match not configurable), constructor last, a toStringTag.
const prototype = Glob.prototype as unknown as Record<PropertyKey, unknown>;
Object.defineProperty(prototype, "match", { value: match, writable: true, enumerable: true, configurable: false });
Object.defineProperty(prototype, "scan", { value: scan, writable: true, enumerable: true, configurable: true });
Object.defineProperty(prototype, "scanSync", { value: scanSync, writable: true, enumerable: true, configurable: true });
const constructorProperty = Object.getOwnPropertyDescriptor(prototype, "constructor") as PropertyDescriptor;
Reflect.deleteProperty(prototype, "constructor");
Object.defineProperty(prototype, "constructor", constructorProperty);
Object.defineProperty(prototype, Symbol.toStringTag, { value: "Glob", writable: false, enumerable: false, configurable: true });
Object.defineProperty(Glob, "prototype", { writable: false });
// A bundler may rename the function; Bun's class is called Glob.
Object.defineProperty(Glob, "name", { value: "Glob" });
