import type { Changes, DatabaseOptions, SQLQueryBindings } from "bun:sqlite";
import { sqliteDetach, sqliteFileControl, sqliteLastError, sqliteUpdateHook, type SqliteConnection } from "@dx-compat/native";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { toNativeValue, occurrenceValues, valuesByIndex } from "./internal/bind.ts";
import { closedError, emptyQueryError, sqliteError, sqliteErrorFromState } from "./internal/errors.ts";
import { addonRowsAvailable } from "./internal/addon-rows.ts";
import { attachExtension } from "./internal/extension.ts";
import { fileControlCall, fileControlSlot } from "./internal/file-control.ts";
import { NativeDatabaseClass } from "./internal/native.ts";
import type { NativeDatabase, NativeStatement } from "./internal/native.ts";
import { forEachStatement, prepareFirst, translateError } from "./internal/prepare.ts";
import { plainBytes } from "./internal/rows.ts";
import { analyzeSql, positionalSql, statementEnds } from "./internal/sql.ts";
import { constants } from "./constants.ts";
import { Statement } from "./statement.ts";

// Written as Bun's declarations write it (`any[]`), so our signatures are assignable to theirs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ParamsTuple<P> = P extends any[] ? P : [P];

const { SQLITE_OPEN_READONLY, SQLITE_OPEN_READWRITE, SQLITE_OPEN_CREATE } = constants;
const SQLITE_ERROR = 1;

/** SQLite's update-hook operation codes, and the hook each one calls. */
const hookByOperation: Readonly<Record<number, UpdateHookName>> = { 18: "onInsert", 23: "onUpdate", 9: "onDelete" };
type UpdateHookName = "onInsert" | "onUpdate" | "onDelete";

/** `Database.onInsert`/`onUpdate`/`onDelete`: Bun's `UpdateHook`, over this Database. */
export type UpdateHook = (this: Database, database: Database, tableName: string, rowid: number | bigint, schemaName: string) => void;
/** What the hook setters take: ours, or one typed against Bun's declarations. */
type AnyUpdateHook = UpdateHook | import("bun:sqlite").UpdateHook;
/** What the getters give, typed as Bun declares it (the same function that was set). */
type DeclaredUpdateHook = import("bun:sqlite").UpdateHook;
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
  if (typeof options !== "object" || options === null) return { flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, strict: false, safeIntegers: false };
  if ("readOnly" in options) throw new TypeError('Misspelled option "readOnly" should be "readonly"');
  const readonly = Boolean(options.readonly) || ("readwrite" in options && !options.readwrite);
  if (readonly && (options.create || options.readwrite)) {
    throw new TypeError('A read-only database ("readonly: true" or "readwrite: false") cannot have "create: true" or "readwrite: true"');
  }
  let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (readonly) flags = SQLITE_OPEN_READONLY;
  else if (!options.create && ("create" in options || options.readwrite)) flags = SQLITE_OPEN_READWRITE;
  return { flags, strict: Boolean(options.strict), safeIntegers: Boolean(options.safeIntegers) };
}

/**
 * The path to hand better-sqlite3. Bun gives SQLite the name as is, without URI
 * handling (`file:x.db` is a file of that name); better-sqlite3's SQLite reads
 * `file:` names as URIs, so such a name is made explicitly relative.
 */
function literalPath(filename: string): string {
  return filename.startsWith("file:") ? `./${filename}` : filename;
}

/** A better-sqlite3 connection (to a path, or deserialized from bytes) with Bun's defaults applied. */
function connect(source: string | Buffer, options: { readonly: boolean; fileMustExist?: boolean }, safeIntegers: boolean): NativeDatabase {
  let native: NativeDatabase;
  try {
    // Bun's busy timeout is 0 (better-sqlite3 waits 5 s by default).
    native = new NativeDatabaseClass(source, { ...options, timeout: 0 });
  } catch (error) {
    throw translateError(error);
  }
  applyBunDefaults(native, safeIntegers);
  return native;
}

/**
 * Bun's connection defaults, where better-sqlite3's differ: foreign keys off, SQLite's default page
 * cache, and SQLite's own rules for writing while a query is being iterated (better-sqlite3 forbids
 * that unless its "unsafe mode" is on; Bun, like SQLite, allows it).
 */
function applyBunDefaults(native: NativeDatabase, safeIntegers: boolean): void {
  native.unsafeMode(true);
  native.pragma("foreign_keys = OFF");
  native.pragma("cache_size = -2000");
  if (safeIntegers) native.defaultSafeIntegers(true);
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
  // sqlite3_open_v2 refuses flags naming neither read-only nor read-write access.
  if ((flags & (SQLITE_OPEN_READONLY | SQLITE_OPEN_READWRITE)) === 0) throw sqliteError("bad parameter or other API misuse", "SQLITE_MISUSE");
  const mustExist = readonly || (flags & SQLITE_OPEN_CREATE) === 0;
  const path = anonymous ? ":memory:" : literalPath(filename);
  // better-sqlite3 checks the directory itself with a TypeError; SQLite (and Bun) say CANTOPEN.
  if (!anonymous && !existsSync(dirname(resolve(path)))) throw sqliteError("unable to open database file", "SQLITE_CANTOPEN");
  return { native: connect(path, { readonly, fileMustExist: mustExist }, safeIntegers), filename, strict, safeIntegers };
}

function deserializeInto(bytes: ArrayBufferView | ArrayBuffer, options: DatabaseOptions | number | undefined): Opened {
  const settings = typeof options === "object" && options !== null ? options : {};
  const buffer = ArrayBuffer.isView(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.from(bytes);
  if (buffer.byteLength === 0) throw new Error("ArrayBuffer must not be empty");
  const safeIntegers = Boolean(settings.safeIntegers);
  return { native: connect(buffer, { readonly: Boolean(settings.readonly) }, safeIntegers), filename: ":memory:", strict: Boolean(settings.strict), safeIntegers };
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
  /** The addon's handle on the connection, made on first `fileControl` or hook. */
  #extension: SqliteConnection | undefined;
  readonly #hooks: Record<UpdateHookName, AnyUpdateHook | null> = { onInsert: null, onUpdate: null, onDelete: null };

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
    if (!ArrayBuffer.isView(serialized) && !(serialized instanceof ArrayBuffer) && !(serialized instanceof SharedArrayBuffer)) {
      throw new TypeError(`Expected 'serialized' to be a TypedArray or ArrayBuffer, got '${typeof serialized}'`);
    }
    const settings = typeof options === "boolean" ? { readonly: options } : options && typeof options === "object" ? options : {};
    return new Database(serialized as unknown as string, settings);
  }

  /**
   * Bun loads a custom SQLite library only on macOS and returns `false`
   * elsewhere; better-sqlite3 links its own SQLite statically, so on Node this
   * is always `false` — as Bun on Linux.
   */
  static setCustomSQLite(path: string): boolean {
    if (typeof path !== "string") throw new Error("Expected SQLite path");
    return false;
  }

  /** A number identifying the connection (Bun's is its native handle). */
  get handle(): number {
    return this.#handle;
  }

  get inTransaction(): boolean {
    return this.#usable().inTransaction;
  }

  /** The connection, for methods Bun answers with a RangeError once closed (query, prepare, transaction). */
  #open(): NativeDatabase {
    if (this.#closed) throw closedError();
    return this.#native;
  }

  /** The connection, for methods Bun answers with "Database has closed" once closed (run, exec, function, …). */
  #usable(): NativeDatabase {
    if (this.#closed) throw new Error("Database has closed");
    return this.#native;
  }

  /** Prepare uncached; `params`, if given, are bound at once. */
  prepare<ReturnType, ParamsType extends SQLQueryBindings | SQLQueryBindings[]>(
    sql: string,
    params?: ParamsType,
  ): Statement<ReturnType, ParamsTuple<ParamsType>> {
    if (typeof sql !== "string") throw new Error("Expected SQL string");
    const created = this.#create(sql, false) as Statement<ReturnType, ParamsTuple<ParamsType>>;
    if (params !== undefined) (created.get as (...args: unknown[]) => unknown).call(created, ...(Array.isArray(params) ? params : [params]));
    return created;
  }

  #create(sql: string, cached: boolean): Statement {
    const native = this.#open();
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
    if (!cached) this.#livePrepared++;
    return new Statement({
      sql,
      analysis,
      context: {
        strict: this.#strict,
        native: statement,
        prepareAgain: () => prepareFirst(native, text),
        closed: () => this.#closed,
        onFinalize: cached ? undefined : this.#preparedFinalized,
        formatReal: this.#formatReal,
        addonConnection: this.#addonConnection,
        addonWriteConnection: this.#addonWriteConnection,
      },
      safeIntegers: this.#safeIntegers,
    });
  }

  /** Prepare, cached by SQL text: the same string gives the same Statement until it is finalized. */
  query<ReturnType, ParamsType extends SQLQueryBindings | SQLQueryBindings[]>(sql: string): Statement<ReturnType, ParamsTuple<ParamsType>> {
    if (typeof sql !== "string") throw new TypeError(`Expected 'query' to be a string, got '${typeof sql}'`);
    if (sql.length === 0) throw emptyQueryError();
    const cached = this.#cache.get(sql);
    if (cached !== undefined && !cached.isFinalized) return cached as never;
    const willCache = cached !== undefined || this.#cache.size < Database.MAX_QUERY_CACHE_SIZE;
    const statement = this.#create(sql, willCache);
    if (willCache) this.#cache.set(sql, statement);
    return statement as never;
  }

  clearQueryCache(): void {
    for (const statement of this.#cache.values()) statement.finalize();
    this.#cache.clear();
  }

  /** Execute every statement in `sql`; `{ changes, lastInsertRowid }` over all of them. */
  run<ParamsType extends SQLQueryBindings[]>(sql: string, ...bindings: ParamsType[]): Changes {
    const native = this.#usable();
    if (typeof sql !== "string") throw new Error("Expected SQL string");
    if (sql.length === 0) throw new Error("SQL string mustn't be blank");
    const ends = statementEnds(sql);
    // One statement (the common case): its own result is the answer, no totals needed.
    const single = ends.length === 0 || (ends.length === 1 && sql.slice((ends[0] ?? 0) + 1).trim() === "");
    const before = single ? undefined : this.#totals();
    let ran = 0;
    let last: Changes | undefined;
    try {
      // The bindings go to the first statement; later ones see NULL for their parameters.
      forEachStatement(native, sql, (statement, text) => {
        const analysis = analyzeSql(text);
        const args = ran++ === 0 ? bindings : [];
        if (analysis.count === 0) last = statement.run();
        else {
          const values = occurrenceValues(valuesByIndex(args, analysis, this.#strict, this.#safeIntegers), analysis);
          last = (analysis.simple ? statement : native.prepare(positionalSql(text, analysis))).run(...values);
        }
      });
    } catch (error) {
      throw translateError(error, native, sql);
    }
    if (ran === 0 || last === undefined) throw new Error("Query contained no valid SQL statement; likely empty query.");
    if (before === undefined) return last;
    const after = this.#totals();
    return { changes: Number(after[0]) - Number(before[0]), lastInsertRowid: after[1] as number | bigint };
  }

  /** Same as `run`. */
  exec<ParamsType extends SQLQueryBindings[]>(sql: string, ...bindings: ParamsType[]): Changes {
    return this.run(sql, ...bindings);
  }

  #printReal: NativeStatement | undefined;

  /** SQLite prints REALs itself (its digit generation differs from JavaScript's in the last digit). */
  #formatReal = (value: number): string => {
    this.#printReal ??= (this.#native.prepare("SELECT printf('%!.15g', ?)") as NativeStatement).pluck(true);
    return this.#printReal.get(value) as string;
  };

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
    const usable = (): NativeDatabase => this.#usable();
    return function transaction(this: unknown, ...args: A): T {
      const native = usable();
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

  /**
   * Close. As SQLite's `sqlite3_close_v2` does for Bun, statements made with
   * `prepare()` keep working after `close()` until they are finalized (the
   * connection closes when the last one is, or when they are collected);
   * `close(true)` closes at once.
   */
  close(throwOnError = false): void {
    this.clearQueryCache();
    if (this.#closed) return;
    this.#closed = true;
    this.#detachExtension();
    if (throwOnError || this.#livePrepared === 0) this.#closeNative(throwOnError);
  }

  #closeNative(throwOnError: boolean): void {
    try {
      this.#native.close();
    } catch (error) {
      if (throwOnError) throw translateError(error);
    }
  }

  /** Statements from `prepare()` not finalized yet (they keep a `close()`d connection open). */
  #livePrepared = 0;

  #preparedFinalized = (): void => {
    this.#livePrepared--;
    if (this.#closed && this.#livePrepared === 0 && this.#native.open) this.#closeNative(false);
  };

  [Symbol.dispose](): void {
    if (!this.#closed) this.close(true);
  }

  #forMaintenance(): NativeDatabase {
    if (this.#closed) throw new Error("Can't do this on a closed database");
    return this.#native;
  }

  /** The database as bytes (`sqlite3_serialize`). */
  serialize(name?: string): Buffer {
    try {
      return this.#forMaintenance().serialize({ attached: name || "main" });
    } catch (error) {
      throw translateError(error);
    }
  }

  loadExtension(extension: string, entryPoint?: string): void {
    const native = this.#forMaintenance();
    if (typeof extension !== "string") throw new TypeError("Expected string");
    try {
      // better-sqlite3 takes the entry point as a second argument; its typings predate it.
      const load = native.loadExtension as (path: string, entryPoint?: string) => unknown;
      if (entryPoint === undefined) load.call(this.#native, extension);
      else load.call(this.#native, extension, entryPoint);
    } catch (error) {
      // Bun reports a failed load as a plain Error carrying SQLite's message.
      throw error instanceof Error && error.name === "SqliteError" ? new Error(error.message) : error;
    }
  }

  /**
   * `sqlite3_file_control`, as Bun calls it: `(op, arg)` or `(schema, op,
   * arg)`; SQLite's result code, an SQLiteError for SQLITE_ERROR, `undefined`
   * once closed. Needs @dx-compat/native's addon (loaded into the connection
   * as an SQLite extension on first use).
   */
  fileControl(...args: unknown[]): number {
    const { schema, op, arg } = fileControlCall(args);
    // As in Bun: the operation is checked first, then a closed database answers undefined.
    if (this.#closed) return undefined as unknown as number;
    const slot = fileControlSlot(arg);
    const connection = this.#attached("fileControl");
    const result = sqliteFileControl(connection, schema, op, slot);
    if (result !== SQLITE_ERROR) return result;
    const { message, errno } = sqliteLastError(connection);
    throw sqliteErrorFromState(message, errno);
  }

  /** Update hooks running now: SQLite must not be stepped from inside one. */
  #hookDepth = 0;
  /** Set for good once rows cannot go through the addon: no addon, a failed load, or SQL functions written in JavaScript. */
  #addonRowsOff = false;

  /** The connection for internal/addon-rows.ts's read path, when it may be used now. */
  readonly #addonConnection = (): SqliteConnection | undefined => {
    if (this.#closed || this.#hookDepth > 0 || this.#addonRowsOff) return undefined;
    if (this.#extension !== undefined) return this.#extension;
    if (!addonRowsAvailable()) {
      this.#addonRowsOff = true;
      return undefined;
    }
    try {
      return this.#attached("query");
    } catch {
      // Loading the extension can fail (a connection busy iterating): better-sqlite3 reads instead.
      this.#addonRowsOff = true;
      return undefined;
    }
  };

  /**
   * The connection for `run()` through the addon, when it may be used now: as
   * {@link #addonConnection}, and no update hook is set. A hook runs
   * JavaScript inside the step, and better-sqlite3, which did not start
   * the step, would not refuse the statements that JavaScript runs.
   */
  readonly #addonWriteConnection = (): SqliteConnection | undefined => {
    const hooks = this.#hooks;
    if (hooks.onInsert !== null || hooks.onUpdate !== null || hooks.onDelete !== null) return undefined;
    return this.#addonConnection();
  };

  #attached(api: string): SqliteConnection {
    this.#extension ??= attachExtension(this.#native, api);
    return this.#extension;
  }

  #detachExtension(): void {
    this.#hooks.onInsert = this.#hooks.onUpdate = this.#hooks.onDelete = null;
    if (this.#extension !== undefined) sqliteDetach(this.#extension);
  }

  /** Called by the addon inside SQLite's update hook, for every row changed. */
  static readonly #dispatchUpdate = (database: object, op: number, table: string, rowid: number | bigint, schema: string): void => {
    const db = database as Database;
    const name = hookByOperation[op];
    const hook = name === undefined ? null : db.#hooks[name];
    if (hook === null) return;
    db.#hookDepth++;
    try {
      (hook as UpdateHook).call(db, db, table, rowid, schema);
    } finally {
      db.#hookDepth--;
    }
  };

  #setHook(name: UpdateHookName, hook: unknown): void {
    if (this.#closed) throw new Error("Database has closed");
    if (hook !== null && hook !== undefined && typeof hook !== "function") throw new TypeError("Expected a function or null");
    const installed = this.#hooks.onInsert !== null || this.#hooks.onUpdate !== null || this.#hooks.onDelete !== null;
    const value = (hook ?? null) as AnyUpdateHook | null;
    if (value === null && this.#extension === undefined) return;
    const connection = this.#attached(name);
    this.#hooks[name] = value;
    const wanted = this.#hooks.onInsert !== null || this.#hooks.onUpdate !== null || this.#hooks.onDelete !== null;
    if (wanted && !installed) sqliteUpdateHook(connection, this, Database.#dispatchUpdate, this.#safeIntegers);
    else if (!wanted && installed) sqliteUpdateHook(connection, null, null, false);
  }

  /** Register a SQL function (`sqlite3_create_function`). */
  function(name: string, optionsOrFn: import("bun:sqlite").FunctionOptions | ((...args: unknown[]) => unknown), maybeFn?: (...args: unknown[]) => unknown): this {
    const [options, fn] = typeof optionsOrFn === "function" ? [{}, optionsOrFn] : [optionsOrFn, maybeFn];
    if (typeof fn !== "function") throw new TypeError("Expected a function");
    // better-sqlite3 calls it from inside sqlite3_step and keeps error state of its own: only its own reads may step.
    this.#addonRowsOff = true;
    this.#usable().function(name, options, withLength((...args: unknown[]) => toNativeValue(fn(...args.map(plainBytes))), fn.length));
    return this;
  }

  /** Register an aggregate SQL function. */
  aggregate<T = unknown>(name: string, options: import("bun:sqlite").AggregateOptions<T>): this {
    const { step, inverse, result, ...rest } = options;
    this.#addonRowsOff = true;
    this.#usable().aggregate(name, {
      ...rest,
      step: withLength((acc: T, ...args: unknown[]) => step(acc, ...args.map(plainBytes)), step.length),
      ...(inverse ? { inverse: withLength((acc: T, ...args: unknown[]) => inverse(acc, ...args.map(plainBytes)), inverse.length) } : {}),
      ...(result ? { result: (acc: T) => toNativeValue(result(acc)) } : {}),
    } as never);
    return this;
  }

  /**
   * Called for each row inserted through this connection (SQLite's update
   * hook: while the statement runs; not for WITHOUT ROWID tables). `rowid` is
   * a BigInt with `safeIntegers`. A throw is reported as an uncaught
   * exception: with a handler the statement goes on, as in Bun; without one
   * Node ends the process. Needs @dx-compat/native's addon.
   */
  get onInsert(): DeclaredUpdateHook | null {
    return this.#hooks.onInsert as DeclaredUpdateHook | null;
  }
  set onInsert(hook: AnyUpdateHook | null | undefined) {
    this.#setHook("onInsert", hook);
  }
  /** As {@link onInsert}, for each row updated (`rowid` as it is after the update). */
  get onUpdate(): DeclaredUpdateHook | null {
    return this.#hooks.onUpdate as DeclaredUpdateHook | null;
  }
  set onUpdate(hook: AnyUpdateHook | null | undefined) {
    this.#setHook("onUpdate", hook);
  }
  /** As {@link onInsert}, for each row deleted. */
  get onDelete(): DeclaredUpdateHook | null {
    return this.#hooks.onDelete as DeclaredUpdateHook | null;
  }
  set onDelete(hook: AnyUpdateHook | null | undefined) {
    this.#setHook("onDelete", hook);
  }
}

/** better-sqlite3 reads a SQL function's arity from `fn.length`: keep the user's. */
function withLength<F extends (...args: never[]) => unknown>(wrapper: F, length: number): F {
  return Object.defineProperty(wrapper, "length", { value: length });
}

