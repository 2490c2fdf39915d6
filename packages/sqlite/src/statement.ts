import type { Changes } from "bun:sqlite";
import type { SqliteConnection, SqliteObjectMaker, SqliteRows, SqliteStatement } from "@dx-compat/native";
import { occurrenceValues, valuesByIndex } from "./internal/bind.ts";
import { addonSqliteError, finalizedError } from "./internal/errors.ts";
import type { NativeStatement } from "./internal/native.ts";
import { translateError } from "./internal/prepare.ts";
import { plainBytes, plainValues, rowFactory, rowFixer } from "./internal/rows.ts";
import type { RowFactory, RowFixer } from "./internal/rows.ts";
import { addonRowFactory, addonRows } from "./internal/addon-rows.ts";
import { expandSql } from "./internal/sql.ts";
import type { RealFormatter, SqlAnalysis } from "./internal/sql.ts";

/** What a Statement needs from the Database that prepared it. */
export interface StatementContext {
  readonly strict: boolean;
  /** better-sqlite3 over the same SQL, with every parameter a bare `?` (see internal/sql.ts). */
  readonly native: NativeStatement;
  /** Prepares a second better-sqlite3 statement over the same SQL (for raw/typed reads). */
  readonly prepareAgain: () => NativeStatement;
  /** Whether the database was closed (a closed database's statements say so rather than "finalized"). */
  readonly closed: () => boolean;
  /** Called once when the statement is finalized (uncached statements keep a closed database open until then). */
  readonly onFinalize: (() => void) | undefined;
  /** SQLite's own printing of a REAL, for toString(). */
  readonly formatReal: RealFormatter;
  /**
   * The addon's handle on the connection when rows may be read through it
   * right now (open, no update hook running, no JavaScript SQL functions);
   * undefined otherwise (see internal/addon-rows.ts).
   */
  readonly addonConnection: () => SqliteConnection | undefined;
  /** As addonConnection, for statements that may write (`run()`). */
  readonly addonWriteConnection: () => SqliteConnection | undefined;
}

/** What `Database` hands a new Statement. */
export interface StatementHandle {
  sql: string;
  analysis: SqlAnalysis;
  context: StatementContext;
  safeIntegers: boolean;
}

type ColumnType = "INTEGER" | "FLOAT" | "TEXT" | "BLOB" | "NULL";

const NO_VALUES: unknown[] = [];

/** A statement's twin adopted by the addon: for run() (writes included), or the base of AddonStatement. */
interface AddonRunner {
  readonly rows: SqliteRows;
  readonly statement: SqliteStatement;
  readonly twin: NativeStatement;
}

/** A statement's twin adopted by the addon's reader, and what builds its rows. */
interface AddonStatement extends AddonRunner {
  readonly makeRow: SqliteObjectMaker;
}

/** As many rows as one call to the addon can take. */
const ALL_ROWS = 0x7fffffff;

/** What #addonGet answers when the addon did not read (a row may be `null`). */
const NOT_READ: unique symbol = Symbol("not read");

/** A twin of the statement in better-sqlite3's object mode, and the fix-up its rows need. */
interface ObjectReader {
  native: NativeStatement;
  fix: RowFixer;
}

function typeOfValue(value: unknown): ColumnType {
  if (value === null) return "NULL";
  if (typeof value === "bigint") return "INTEGER";
  if (typeof value === "number") return "FLOAT";
  if (typeof value === "string") return "TEXT";
  return "BLOB";
}

/** A column's value as Bun's `raw()` gives it: SQLite's bytes (64-bit little-endian numbers, UTF-8 text). */
function rawBytes(value: unknown): Uint8Array | null {
  if (value === null) return null;
  if (typeof value === "bigint" || typeof value === "number") {
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    if (typeof value === "bigint") view.setBigInt64(0, value, true);
    else view.setFloat64(0, value, true);
    return bytes;
  }
  if (typeof value === "string") return new Uint8Array(Buffer.from(value, "utf8"));
  return plainBytes(value) as Uint8Array;
}

/**
 * A prepared statement of `bun:sqlite`, over a better-sqlite3 statement.
 * Rows are plain objects (BLOBs as `Uint8Array`), `get()` gives `null` when
 * there is no row, and parameters bind by Bun's rules (internal/bind.ts).
 *
 * @example
 * ```ts
 * const stmt = db.query("SELECT * FROM users WHERE id = ?");
 * const user = stmt.get(1); // { id: 1, … } or null
 * ```
 */
export class Statement<ReturnType = unknown, ParamsType extends import("bun:sqlite").SQLQueryBindings[] = import("bun:sqlite").SQLQueryBindings[]> {
  readonly #sql: string;
  readonly #analysis: SqlAnalysis;
  readonly #context: StatementContext;
  readonly #native: NativeStatement;
  readonly #reader: boolean;
  #finalized = false;
  #safeIntegers: boolean;
  #class: (new (...args: never[]) => unknown) | undefined;
  /** The values last bound, by parameter index − 1 (Bun re-uses them for a call without arguments). */
  #bound: unknown[] | undefined;
  #typedReader: NativeStatement | undefined;
  #columns: { name: string; type: string | null }[] | undefined;
  #makeRow: RowFactory | undefined;
  /** For get()/all(): better-sqlite3 builds rows faster as objects (one cached shape) than we can from arrays. */
  #objectReader: ObjectReader | null | undefined;
  /** For get() of a read-only statement: the addon's faster read path (internal/addon-rows.ts); null where it cannot serve. */
  #addon: AddonStatement | null | undefined;
  /** For run(): the addon's path (see #addonRunner); null where it cannot serve. */
  #runner: AddonRunner | null | undefined;

  /** Made by `Database.prototype.query` / `prepare` (one handle argument, as Bun's constructor takes). */
  constructor(handle: StatementHandle) {
    const { sql, analysis, context, safeIntegers } = handle;
    this.#sql = sql;
    this.#analysis = analysis;
    this.#context = context;
    this.#native = context.native;
    this.#reader = context.native.reader;
    this.#safeIntegers = safeIntegers;
    // Raw: values(), iterate() and rows of an as(Class) statement are built here (internal/rows.ts).
    if (this.#reader) this.#native.raw(true);
  }

  /** A failure of the native statement, as Bun reports it (a closed connection: "Database has closed"). */
  #fail(error: unknown): unknown {
    if (error instanceof TypeError && error.message === "The database connection is not open") return new Error("Database has closed");
    return translateError(error);
  }

  #unusable(): Error {
    return this.#context.closed() ? new Error("Database has closed") : finalizedError();
  }

  /** `args` is always this method's own rest array, so binding may convert it in place. */
  #values(args: unknown[]): unknown[] {
    if (this.#finalized) throw this.#unusable();
    const count = this.#analysis.count;
    if (count === 0) return NO_VALUES;
    if (args.length === 0) return occurrenceValues((this.#bound ??= new Array<unknown>(count).fill(null)), this.#analysis);
    const byIndex = valuesByIndex(args, this.#analysis, this.#context.strict, this.#safeIntegers, true);
    this.#bound = byIndex;
    return occurrenceValues(byIndex, this.#analysis);
  }

  #row(values: unknown): ReturnType {
    const makeRow = (this.#makeRow ??= rowFactory(this.columnNames));
    const object = makeRow(values as unknown[]);
    if (this.#class !== undefined) Object.setPrototypeOf(object, this.#class.prototype);
    return object as ReturnType;
  }

  /** The first row, or `null`. */
  get(...params: ParamsType): ReturnType | null {
    const values = this.#values(params);
    if (!this.#reader) {
      this.#runValues(values);
      return null;
    }
    if (this.#class === undefined) {
      const row = this.#addonGet(values);
      if (row !== NOT_READ) return row as ReturnType | null;
    }
    let objects: ObjectReader | null;
    let row: unknown;
    try {
      objects = this.#objects();
      row = (objects === null ? this.#native : objects.native).get(...values);
    } catch (error) {
      throw this.#fail(error);
    }
    if (row === undefined) return null;
    return objects === null ? this.#row(row) : (objects.fix(row as Record<string, unknown>) as ReturnType);
  }

  /**
   * The addon's statement (a twin adopted from better-sqlite3) when rows can
   * be read through it now; null otherwise. Only read-only statements are
   * adopted, so falling back after the addon failed runs nothing twice that writes.
   */
  #addonStatement(): AddonStatement | null {
    const connection = this.#context.addonConnection();
    if (connection === undefined) return null;
    if (this.#addon === undefined) {
      this.#addon = null;
      const adopted = this.#adoptTwin(connection, false);
      if (adopted !== null) this.#addon = { ...adopted, makeRow: addonRowFactory(this.columnNames) };
    }
    return this.#addon;
  }

  /** A twin of this statement adopted by the addon (`writes`: even if it writes), or null where the addon refuses it. */
  #adoptTwin(connection: SqliteConnection, writes: boolean): AddonRunner | null {
    const rows = addonRows();
    const twin = this.#context.prepareAgain();
    // The twin owns the id: it is released when the twin, referenced from here on, is collected.
    const statement = rows.adopt(connection, twin.source, twin, writes);
    return statement === undefined ? null : { rows, statement, twin };
  }

  /** get() through the addon: the row, null, or NOT_READ when the other path must answer. */
  #addonGet(values: readonly unknown[]): unknown {
    const addon = this.#addonStatement();
    if (addon === null) return NOT_READ;
    const rows = addon.rows;
    const count = rows.read(addon.statement, 1, this.#safeIntegers, values);
    // A schema change can re-prepare the statement with other columns: the names cached here would be wrong.
    if (count < 0 || rows.columnCount !== addon.makeRow.columns) return NOT_READ;
    return count === 0 ? null : rows.object(0, addon.makeRow);
  }

  /** all() through the addon: the rows, or NOT_READ when the other path must answer. */
  #addonAll(values: readonly unknown[]): unknown {
    const addon = this.#addonStatement();
    if (addon === null) return NOT_READ;
    const { rows, statement, makeRow } = addon;
    const bigints = this.#safeIntegers;
    let count = rows.read(statement, ALL_ROWS, bigints, values);
    if (count < 0 || rows.columnCount !== makeRow.columns) return NOT_READ;
    const out: unknown[] = [];
    for (;;) {
      for (let i = 0; i < count; i++) out.push(rows.object(i, makeRow));
      if (!rows.hasMore) return out;
      count = rows.more(statement, ALL_ROWS, bigints);
      // SQLite failed part-way: the statement only reads, so the other path runs it again and reports the error.
      if (count < 0) return NOT_READ;
    }
  }

  /**
   * The addon's statement for run(): a twin adopted whether it writes or not,
   * when the addon may run it now; null otherwise.
   */
  #addonRunner(): AddonRunner | null {
    const connection = this.#context.addonWriteConnection();
    if (connection === undefined) return null;
    if (this.#runner === undefined) {
      this.#runner = null; // and so it stays if preparing the twin throws
      this.#runner = this.#adoptTwin(connection, true);
    }
    return this.#runner;
  }

  /** run() through the addon: Bun's `{ changes, lastInsertRowid }`, or NOT_READ when the other path must run it. */
  #addonRun(values: readonly unknown[]): unknown {
    const runner = this.#addonRunner();
    if (runner === null) return NOT_READ;
    const rows = runner.rows;
    const answer = rows.run(runner.statement, values);
    if (answer === 0) return { changes: rows.changes, lastInsertRowid: rows.lastInsertRowid(this.#safeIntegers) };
    if (typeof answer === "string") throw addonSqliteError(answer, rows.errorCode);
    return NOT_READ;
  }

  /** The object-mode twin of the statement, or `null` where rows must be built from arrays. */
  #objects(): ObjectReader | null {
    if (this.#objectReader === undefined) {
      const fix = this.#class === undefined ? rowFixer(this.columnNames) : null;
      if (fix === null) return null;
      const native = this.#context.prepareAgain();
      native.safeIntegers(this.#safeIntegers);
      this.#objectReader = { native, fix };
    }
    return this.#class === undefined ? this.#objectReader : null;
  }

  /** Every row. */
  all(...params: ParamsType): ReturnType[] {
    const values = this.#values(params);
    if (!this.#reader) {
      this.#runValues(values);
      return [];
    }
    if (this.#class === undefined) {
      const rows = this.#addonAll(values);
      if (rows !== NOT_READ) return rows as ReturnType[];
    }
    let objects: ObjectReader | null;
    let rows: unknown[];
    try {
      objects = this.#objects();
      rows = (objects === null ? this.#native : objects.native).all(...values);
    } catch (error) {
      throw this.#fail(error);
    }
    if (objects !== null) {
      const fix = objects.fix;
      for (let i = 0; i < rows.length; i++) fix(rows[i] as Record<string, unknown>);
      return rows as ReturnType[];
    }
    for (let i = 0; i < rows.length; i++) rows[i] = this.#row(rows[i]);
    return rows as ReturnType[];
  }

  /** The rows, one at a time. */
  *iterate(...params: ParamsType): IterableIterator<ReturnType> {
    const values = this.#values(params);
    if (!this.#reader) {
      this.#runValues(values);
      return;
    }
    let iterator: IterableIterator<unknown>;
    try {
      iterator = this.#native.iterate(...values) as IterableIterator<unknown>;
    } catch (error) {
      throw this.#fail(error);
    }
    for (const row of iterator) yield this.#row(row);
  }

  [Symbol.iterator](): IterableIterator<ReturnType> {
    return this.iterate(...([] as unknown as ParamsType));
  }

  /** Execute; `{ changes, lastInsertRowid }`. */
  run(...params: ParamsType): Changes {
    const values = this.#values(params);
    const changes = this.#addonRun(values);
    if (changes !== NOT_READ) return changes as Changes;
    try {
      // better-sqlite3's result is already Bun's shape: a fresh { changes, lastInsertRowid }.
      // Spread: better-sqlite3 binds separate arguments faster than one array.
      return this.#native.run(...values);
    } catch (error) {
      throw this.#fail(error);
    }
  }

  /** Every row as an array of column values. */
  values(...params: ParamsType): Array<Array<string | bigint | number | Uint8Array | null>> {
    const values = this.#values(params);
    if (!this.#reader) {
      this.#runValues(values);
      return [];
    }
    let rows: unknown[][];
    try {
      rows = this.#native.all(...values) as unknown[][];
    } catch (error) {
      throw this.#fail(error);
    }
    for (let i = 0; i < rows.length; i++) plainValues(rows[i] as unknown[]);
    return rows as Array<Array<string | bigint | number | Uint8Array | null>>;
  }

  /** Every row as an array of each column's bytes, as SQLite stores them. */
  raw(...params: ParamsType): Array<Array<Uint8Array | null>> {
    const values = this.#values(params);
    if (!this.#reader) {
      this.#runValues(values);
      return [];
    }
    try {
      return (this.#typed().all(values) as unknown[][]).map((row) => row.map(rawBytes));
    } catch (error) {
      throw this.#fail(error);
    }
  }

  #runValues(values: unknown[]): void {
    try {
      this.#native.run(...values);
    } catch (error) {
      throw this.#fail(error);
    }
  }

  /** A raw-mode, safe-integer twin: tells INTEGER from FLOAT, which plain numbers cannot. */
  #typed(): NativeStatement {
    if (this.#typedReader === undefined) {
      this.#typedReader = this.#context.prepareAgain();
      this.#typedReader.raw(true);
      this.#typedReader.safeIntegers(true);
    }
    return this.#typedReader;
  }

  #columnInfo(): { name: string; type: string | null }[] {
    if (this.#finalized) throw this.#unusable();
    return (this.#columns ??= this.#reader ? this.#native.columns().map(({ name, type }) => ({ name, type })) : []);
  }

  get columnNames(): string[] {
    return this.#columnInfo().map((column) => column.name);
  }

  get declaredTypes(): Array<string | null> {
    return this.#columnInfo().map((column) => column.type);
  }

  /** The SQLite type of each column of the first row (with the current bindings); "NULL" when there is no row. */
  get columnTypes(): Array<"INTEGER" | "FLOAT" | "TEXT" | "BLOB" | "NULL" | null> {
    const columns = this.#columnInfo();
    if (!this.#reader) throw new Error("columnTypes is not available for non-read-only statements (INSERT, UPDATE, DELETE, etc.)");
    const values = this.#bound === undefined ? occurrenceValues(new Array<unknown>(this.#analysis.count).fill(null), this.#analysis) : occurrenceValues(this.#bound, this.#analysis);
    let row: unknown[] | undefined;
    try {
      row = this.#typed().get(values) as unknown[] | undefined;
    } catch (error) {
      throw this.#fail(error);
    }
    return row === undefined ? columns.map(() => "NULL") : row.map(typeOfValue);
  }

  get paramsCount(): number {
    return this.#analysis.count;
  }

  get reader(): boolean {
    return this.#reader;
  }

  get readonly(): boolean {
    return this.#native.readonly;
  }

  get isFinalized(): boolean {
    return this.#finalized;
  }

  /** better-sqlite3's statement (Bun gives its own native handle here). */
  get native(): NativeStatement {
    return this.#native;
  }

  safeIntegers(enabled: boolean): this;
  safeIntegers(): boolean;
  safeIntegers(enabled?: boolean): this | boolean {
    if (enabled === undefined) return this.#safeIntegers;
    this.#safeIntegers = Boolean(enabled);
    this.#native.safeIntegers(this.#safeIntegers);
    this.#objectReader?.native.safeIntegers(this.#safeIntegers);
    return this;
  }

  /** Rows get `Class.prototype` (the constructor is not called); `as(undefined)` goes back to plain objects. */
  as<T = unknown>(Class: new (...args: never[]) => T): Statement<T, ParamsType> {
    if (Class === undefined) this.#class = undefined;
    else {
      if (Class === null) throw new TypeError("Expected class to be a constructor or undefined");
      if (typeof Class !== "function" || !Object.hasOwn(Class, "prototype")) throw new TypeError("Expected a constructor");
      if (typeof Class.prototype !== "object" || Class.prototype === null) throw new TypeError("Expected a constructor prototype to be an object");
      this.#class = Class;
    }
    return this as unknown as Statement<T, ParamsType>;
  }

  finalize(): void {
    if (this.#finalized) return;
    this.#finalized = true;
    this.#typedReader = undefined;
    this.#context.onFinalize?.();
  }

  [Symbol.dispose](): void {
    if (!this.#finalized) this.finalize();
  }

  /** The SQL with the last bound values in place of its parameters (`sqlite3_expanded_sql`). */
  toString(): string {
    // A statement of a connection closed with close(true) is finalized in Bun.
    if (this.#finalized || !this.#native.database.open) return "";
    return expandSql(this.#sql, this.#analysis, this.#bound, this.#context.formatReal);
  }

  toJSON(): { sql: string; isFinalized: boolean; paramsCount: number; columnNames: string[] } {
    return { sql: this.toString(), isFinalized: this.#finalized, paramsCount: this.paramsCount, columnNames: this.columnNames };
  }

  get [Symbol.toStringTag](): string {
    return `"${this.toString()}"`;
  }
}
