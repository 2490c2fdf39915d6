import type { Changes, DatabaseOptions, SQLQueryBindings } from "bun:sqlite";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { toNativeValue, occurrenceValues, valuesByIndex } from "./internal/bind.ts";
import { closedError, emptyQueryError, notImplemented, sqliteError } from "./internal/errors.ts";
import { NativeDatabaseClass } from "./internal/native.ts";
import type { NativeDatabase, NativeStatement } from "./internal/native.ts";
import { forEachStatement, prepareFirst, translateError } from "./internal/prepare.ts";
import { analyzeSql, positionalSql } from "./internal/sql.ts";
import { constants } from "./constants.ts";
import { Statement } from "./statement.ts";

const { SQLITE_OPEN_READONLY, SQLITE_OPEN_READWRITE, SQLITE_OPEN_CREATE } = constants;
let nextHandle = 0;

interface Opened {
  native: NativeDatabase;
  filename: string;
  strict: boolean;
  safeIntegers: boolean;
}

/** Bun's reading of the constructor's options into SQLite open flags and its own two switches. */
function readOptions(options: DatabaseOptions | number | undefined): { flags: number; strict: boolean; safeIntegers: boolean } {
  if (typeof options === "number") return { flags: options, strict: false, safeIntegers: false };
  let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  let strict = false;
  let safeIntegers = false;
  if (typeof options === "object" && options !== null) {
    flags = 0;
    if (options.readonly) flags = SQLITE_OPEN_READONLY;
    if ("readOnly" in options) throw new TypeError('Misspelled option "readOnly" should be "readonly"');
    if (options.create) flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (options.readwrite) flags |= SQLITE_OPEN_READWRITE;
    if ("strict" in options || "safeIntegers" in options) {
      safeIntegers = Boolean(options.safeIntegers);
      strict = Boolean(options.strict);
      if (flags === 0) flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }
  }
  return { flags, strict, safeIntegers };
}

/** A `file:` URI's path (SQLite's URI filenames; query parameters such as `mode` are not supported). */
function pathOf(filename: string): string {
  if (!filename.startsWith("file:")) return filename;
  const url = new URL(filename, "file:///");
  if (url.search !== "") throw notImplemented("bun:sqlite Database", `URI parameters (${url.search}) are not supported on better-sqlite3`);
  return filename.startsWith("file://") ? fileURLToPath(url) : decodeURIComponent(filename.slice("file:".length));
}

function open(filenameGiven: unknown, options: DatabaseOptions | number | undefined): Opened {
  if (filenameGiven !== undefined && typeof filenameGiven !== "string") {
    if (ArrayBuffer.isView(filenameGiven) || filenameGiven instanceof ArrayBuffer) return deserializeInto(filenameGiven, options);
    throw new TypeError(`Expected 'filename' to be a string, got '${typeof filenameGiven}'`);
  }
  const filename = typeof filenameGiven === "string" ? filenameGiven.trim() : ":memory:";
  const { flags, strict, safeIntegers } = readOptions(options);
  const anonymous = filename === "" || filename === ":memory:";
  if (anonymous && (flags & SQLITE_OPEN_READONLY) !== 0) throw new Error("Cannot open an anonymous database in read-only mode.");
  const readonly = (flags & SQLITE_OPEN_READONLY) !== 0 && (flags & SQLITE_OPEN_READWRITE) === 0;
  const mustExist = readonly || (flags & SQLITE_OPEN_CREATE) === 0;
  const path = anonymous ? ":memory:" : pathOf(filename);
  // better-sqlite3 checks the directory itself with a TypeError; SQLite (and Bun) say CANTOPEN.
  if (!anonymous && !existsSync(dirname(resolve(path)))) throw sqliteError("unable to open database file", "SQLITE_CANTOPEN");
  let native: NativeDatabase;
  try {
    native = new NativeDatabaseClass(path, { readonly, fileMustExist: mustExist });
  } catch (error) {
    throw translateError(error);
  }
  if (safeIntegers) native.defaultSafeIntegers(true);
  return { native, filename, strict, safeIntegers };
}

function deserializeInto(bytes: ArrayBufferView | ArrayBuffer, options: DatabaseOptions | number | undefined): Opened {
  const settings = typeof options === "object" && options !== null ? options : {};
  const buffer = ArrayBuffer.isView(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.from(bytes);
  let native: NativeDatabase;
  try {
    native = new NativeDatabaseClass(buffer, { readonly: Boolean(settings.readonly) });
  } catch (error) {
    throw translateError(error);
  }
  if (settings.safeIntegers) native.defaultSafeIntegers(true);
  return { native, filename: ":memory:", strict: Boolean(settings.strict), safeIntegers: Boolean(settings.safeIntegers) };
}

type TransactionFunction<A extends unknown[], T> = ((...args: A) => T) & {
  deferred: (...args: A) => T;
  immediate: (...args: A) => T;
  exclusive: (...args: A) => T;
  database: Database;
};

interface TransactionStatements {
  begin: Record<"default" | "deferred" | "immediate" | "exclusive", NativeStatement>;
  commit: NativeStatement;
  rollback: NativeStatement;
  savepoint: NativeStatement;
  release: NativeStatement;
  rollbackTo: NativeStatement;
}

/**
 * A SQLite database, as `bun:sqlite`'s `Database`, on better-sqlite3. The
 * journal mode is SQLite's default (`delete`), as in Bun;
 * `db.exec("PRAGMA journal_mode = WAL")` is the usual speed-up.
 *
 * @example
 * ```ts
 * const db = new Database(":memory:");
 * db.run("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
 * db.run("INSERT INTO users (name) VALUES (?)", ["Ada"]);
 * db.query("SELECT name FROM users").all(); // [{ name: "Ada" }]
 * ```
 */
export class Database {
  static MAX_QUERY_CACHE_SIZE = 20;

  readonly filename: string;
  readonly #native: NativeDatabase;
  readonly #strict: boolean;
  readonly #safeIntegers: boolean;
  readonly #handle = nextHandle++;
  #closed = false;
  readonly #cache = new Map<string, Statement>();
  #transactions: TransactionStatements | undefined;
  #changes: NativeStatement | undefined;

  constructor(filename?: string, options?: number | DatabaseOptions) {
    const opened = open(filename, options);
    this.#native = opened.native;
    this.filename = opened.filename;
    this.#strict = opened.strict;
    this.#safeIntegers = opened.safeIntegers;
  }

  static open(filename: string, options?: number | DatabaseOptions): Database {
    return new Database(filename, options);
  }

  static deserialize(serialized: NodeJS.TypedArray | ArrayBufferLike, options: boolean | Pick<DatabaseOptions, "readonly" | "strict" | "safeIntegers"> = false): Database {
    const settings = typeof options === "boolean" ? { readonly: options } : options && typeof options === "object" ? options : {};
    return new Database(serialized as unknown as string, settings);
  }

  static setCustomSQLite(_path: string): boolean {
    throw notImplemented("bun:sqlite Database.setCustomSQLite", "better-sqlite3 links its own SQLite statically; another library cannot be loaded in its place");
  }

  /** A number identifying the connection (Bun's is its native handle). */
  get handle(): number {
    return this.#handle;
  }

  get inTransaction(): boolean {
    return this.#native.inTransaction;
  }

  #open(): NativeDatabase {
    if (this.#closed) throw closedError();
    return this.#native;
  }

  /** Prepare uncached. */
  prepare<ReturnType, ParamsType extends SQLQueryBindings | SQLQueryBindings[]>(
    sql: string,
    params?: ParamsType,
  ): Statement<ReturnType, ParamsType extends unknown[] ? ParamsType : [ParamsType]> {
    const native = this.#open();
    if (typeof sql !== "string") throw new TypeError(`Expected 'query' to be a string, got '${typeof sql}'`);
    const analysis = analyzeSql(sql);
    const text = analysis.simple ? sql : positionalSql(sql, analysis);
    let statement: NativeStatement;
    try {
      statement = prepareFirst(native, text);
    } catch (error) {
      // Report the failure against the SQL as written, not our positional rewrite.
      if (text !== sql) prepareFirst(native, sql);
      throw error;
    }
    const created = new Statement<ReturnType, ParamsType extends unknown[] ? ParamsType : [ParamsType]>(
      sql,
      analysis,
      { strict: this.#strict, native: statement, prepareAgain: () => prepareFirst(native, text) },
      this.#safeIntegers,
    );
    if (params !== undefined) (created.get as (...args: unknown[]) => unknown).call(created, ...(Array.isArray(params) ? params : [params]));
    return created;
  }

  /** Prepare, cached by SQL text: the same string gives the same Statement until it is finalized. */
  query<ReturnType, ParamsType extends SQLQueryBindings | SQLQueryBindings[]>(sql: string): Statement<ReturnType, ParamsType extends unknown[] ? ParamsType : [ParamsType]> {
    if (typeof sql !== "string") throw new TypeError(`Expected 'query' to be a string, got '${typeof sql}'`);
    if (sql.length === 0) throw emptyQueryError();
    const cached = this.#cache.get(sql);
    if (cached !== undefined && !cached.isFinalized) return cached as never;
    const statement = this.prepare(sql);
    if (cached !== undefined || this.#cache.size < Database.MAX_QUERY_CACHE_SIZE) this.#cache.set(sql, statement as Statement);
    return statement as never;
  }

  clearQueryCache(): void {
    for (const statement of this.#cache.values()) statement.finalize();
    this.#cache.clear();
  }

  /** Execute every statement in `sql`; `{ changes, lastInsertRowid }` over all of them. */
  run<ParamsType extends SQLQueryBindings[]>(sql: string, ...bindings: ParamsType[]): Changes {
    if (this.#closed) throw new Error("Database has closed");
    const native = this.#native;
    const before = this.#totals();
    try {
      if (bindings.length === 0) native.exec(sql);
      else {
        forEachStatement(native, sql, (statement, text) => {
          const analysis = analyzeSql(text);
          if (analysis.count === 0) statement.run();
          else if (analysis.simple) statement.run(valuesByIndex(bindings, analysis, this.#strict));
          else native.prepare(positionalSql(text, analysis)).run(occurrenceValues(valuesByIndex(bindings, analysis, this.#strict), analysis));
        });
      }
    } catch (error) {
      throw translateError(error, native, sql);
    }
    const after = this.#totals();
    return { changes: Number(after[0]) - Number(before[0]), lastInsertRowid: after[1] as number | bigint };
  }

  /** Same as `run`. */
  exec<ParamsType extends SQLQueryBindings[]>(sql: string, ...bindings: ParamsType[]): Changes {
    return this.run(sql, ...bindings);
  }

  #totals(): unknown[] {
    this.#changes ??= (this.#native.prepare("SELECT total_changes(), last_insert_rowid()") as NativeStatement).raw(true);
    return this.#changes.safeIntegers(this.#safeIntegers).get() as unknown[];
  }

  /** Wrap `fn` in BEGIN/COMMIT (SAVEPOINT/RELEASE when nested); a throw rolls back and rethrows. */
  transaction<A extends unknown[], T>(insideTransaction: (...args: A) => T): TransactionFunction<A, T> {
    if (typeof insideTransaction !== "function") throw new TypeError("Expected first argument to be a function");
    const statements = this.#transactionStatements();
    const variant = (kind: keyof TransactionStatements["begin"]) => this.#wrapTransaction(insideTransaction, statements, kind);
    const properties: PropertyDescriptorMap = {
      default: { value: variant("default") },
      deferred: { value: variant("deferred") },
      immediate: { value: variant("immediate") },
      exclusive: { value: variant("exclusive") },
      database: { value: this, enumerable: true },
    };
    for (const kind of ["default", "deferred", "immediate", "exclusive"]) Object.defineProperties(properties[kind]?.value, properties);
    return properties["default"]?.value as TransactionFunction<A, T>;
  }

  #transactionStatements(): TransactionStatements {
    if (this.#transactions !== undefined) return this.#transactions;
    const native = this.#open();
    const prepare = (sql: string): NativeStatement => native.prepare(sql) as NativeStatement;
    // The savepoint name Bun (and better-sqlite3) use: no user savepoint can collide with it.
    const savepointName = "`\t_bs3.\t`";
    this.#transactions = {
      begin: { default: prepare("BEGIN"), deferred: prepare("BEGIN DEFERRED"), immediate: prepare("BEGIN IMMEDIATE"), exclusive: prepare("BEGIN EXCLUSIVE") },
      commit: prepare("COMMIT"),
      rollback: prepare("ROLLBACK"),
      savepoint: prepare(`SAVEPOINT ${savepointName}`),
      release: prepare(`RELEASE ${savepointName}`),
      rollbackTo: prepare(`ROLLBACK TO ${savepointName}`),
    };
    return this.#transactions;
  }

  #wrapTransaction<A extends unknown[], T>(fn: (...args: A) => T, s: TransactionStatements, kind: keyof TransactionStatements["begin"]): (...args: A) => T {
    const native = this.#native;
    return function transaction(this: unknown, ...args: A): T {
      const nested = native.inTransaction;
      const [before, after, undo] = nested ? [s.savepoint, s.release, s.rollbackTo] : [s.begin[kind], s.commit, s.rollback];
      try {
        before.run();
        const result = fn.apply(this, args);
        after.run();
        return result;
      } catch (error) {
        if (native.inTransaction) {
          undo.run();
          if (undo !== s.rollback) after.run();
        }
        throw translateError(error);
      }
    };
  }

  close(throwOnError = false): void {
    this.clearQueryCache();
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#native.close();
    } catch (error) {
      if (throwOnError) throw translateError(error);
    }
  }

  [Symbol.dispose](): void {
    if (!this.#closed) this.close(true);
  }

  /** The database as bytes (`sqlite3_serialize`). */
  serialize(name?: string): Buffer {
    try {
      return this.#open().serialize({ attached: name || "main" });
    } catch (error) {
      throw translateError(error);
    }
  }

  loadExtension(extension: string, entryPoint?: string): void {
    try {
      // better-sqlite3 takes the entry point as a second argument; its typings predate it.
      const load = this.#open().loadExtension as (path: string, entryPoint?: string) => unknown;
      if (entryPoint === undefined) load.call(this.#native, extension);
      else load.call(this.#native, extension, entryPoint);
    } catch (error) {
      // Bun reports a failed load as a plain Error carrying SQLite's message.
      throw error instanceof Error && error.name === "SqliteError" ? new Error(error.message) : error;
    }
  }

  fileControl(..._args: unknown[]): number {
    throw notImplemented("bun:sqlite Database.fileControl", "better-sqlite3 does not expose sqlite3_file_control");
  }

  /** Register a SQL function (`sqlite3_create_function`). */
  function(name: string, optionsOrFn: import("bun:sqlite").FunctionOptions | ((...args: unknown[]) => unknown), maybeFn?: (...args: unknown[]) => unknown): this {
    const [options, fn] = typeof optionsOrFn === "function" ? [{}, optionsOrFn] : [optionsOrFn, maybeFn];
    if (typeof fn !== "function") throw new TypeError("Expected a function");
    this.#open().function(name, options, withLength((...args: unknown[]) => toNativeValue(fn(...args.map(fromNative))), fn.length));
    return this;
  }

  /** Register an aggregate SQL function. */
  aggregate<T = unknown>(name: string, options: import("bun:sqlite").AggregateOptions<T>): this {
    const { step, inverse, result, ...rest } = options;
    this.#open().aggregate(name, {
      ...rest,
      step: withLength((acc: T, ...args: unknown[]) => step(acc, ...args.map(fromNative)), step.length),
      ...(inverse ? { inverse: withLength((acc: T, ...args: unknown[]) => inverse(acc, ...args.map(fromNative)), inverse.length) } : {}),
      ...(result ? { result: (acc: T) => toNativeValue(result(acc)) } : {}),
    } as never);
    return this;
  }

  get onInsert(): null {
    return null;
  }
  set onInsert(hook: unknown) {
    updateHook("onInsert", hook);
  }
  get onUpdate(): null {
    return null;
  }
  set onUpdate(hook: unknown) {
    updateHook("onUpdate", hook);
  }
  get onDelete(): null {
    return null;
  }
  set onDelete(hook: unknown) {
    updateHook("onDelete", hook);
  }
}

function updateHook(name: string, hook: unknown): void {
  if (hook === null || hook === undefined) return;
  throw notImplemented(`bun:sqlite Database.${name}`, "better-sqlite3 does not expose sqlite3_update_hook");
}

/** better-sqlite3 reads a SQL function's arity from `fn.length`: keep the user's. */
function withLength<F extends (...args: never[]) => unknown>(wrapper: F, length: number): F {
  return Object.defineProperty(wrapper, "length", { value: length });
}

/** A value better-sqlite3 hands to a user function, as Bun hands it (BLOBs as Uint8Array). */
function fromNative(value: unknown): unknown {
  return value instanceof Buffer ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
}
