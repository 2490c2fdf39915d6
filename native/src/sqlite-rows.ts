import { selected } from "./internal/selected.ts";
import type { NativeBinding } from "./internal/binding.ts";
import type { SqliteConnection } from "./sqlite-extension.ts";

/** A statement the addon reads rows from or runs (an id), from {@link SqliteRows.adopt}. */
export type SqliteStatement = number & { readonly __sqliteStatement: unique symbol };

// The buffer's layout (rust/sqlite_rows.rs): a header of 4 slots, then 3 slots a
// parameter; or rows of 2 slots (where the row's bytes start if all ASCII
// text, else -1, and end) and 3 a column.
const HEADER_SLOTS = 4;
const SLOTS_PER_ROW = 2;
const SLOTS_PER_COLUMN = 3;
const KIND_INTEGER = 1;
const KIND_FLOAT = 2;
const KIND_TEXT = 3;
const KIND_BLOB = 4;
const KIND_NULL = 5;
const KIND_BIG_INTEGER = 6;
const FLAG_BIGINTS = 1;
const FLAG_GO_ON = 2;
const FLAG_TEXT_ANSWER = 4;
const NOT_TAKEN = -1;
const TOO_BIG = -3;
const INITIAL_BYTES = 64 * 1024;
/**
 * The ASCII text of consecutive rows, up to this many bytes, is decoded at
 * once and cut into cells: one decode instead of one a cell. A cut of 13
 * characters or more keeps the whole decoded string alive, hence the bound.
 */
const SHARED_TEXT_BYTES = 1024;

interface ByteView extends Uint8Array {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
  utf8Write(text: string, offset: number): number;
}

/**
 * Builds row `row` of a {@link SqliteRows} batch as an object; from
 * {@link SqliteRows.objectMaker}, for {@link SqliteRows.object}.
 */
export interface SqliteObjectMaker {
  /** How many columns the rows it builds have. */
  readonly columns: number;
  /** The builder; `slots` and `base` locate the row in the reader's buffer. */
  readonly build: (slots: Float64Array, base: number, rows: SqliteRows, row: number) => Record<string, unknown>;
}

/**
 * Rows of read-only SQLite statements, read by `@dx-compat/native`'s addon in
 * one call and decoded here: what `bun:sqlite`'s `get()` and `all()` use
 * instead of better-sqlite3's row building (and `run()`, for any statement,
 * instead of its binder: {@link SqliteRows.run}). The statement is better-sqlite3's
 * own (see {@link SqliteRows.adopt}). Requests and rows go through one buffer
 * per thread, so each batch must be decoded ({@link SqliteRows.cell}) before
 * the next call.
 *
 * @example
 * ```ts
 * const rows = SqliteRows.shared();
 * const twin = betterSqlite.prepare("SELECT id, name FROM users WHERE id = ?");
 * const statement = rows?.adopt(connection, twin.source, twin);
 * if (rows && statement !== undefined && rows.read(statement, 1, false, [1n]) === 1) rows.cell(0, 1); // the name
 * ```
 */
export class SqliteRows {
  static #shared: SqliteRows | null | undefined;
  readonly #binding: NativeBinding;
  readonly #released: FinalizationRegistry<number>;
  #slots: Float64Array;
  #bigints: BigInt64Array;
  #bytes: ByteView;
  #columns = 0;
  /** Rows in the last batch. */
  #rows = 0;
  /** Slots a row of the last batch takes. */
  #rowSlots = SLOTS_PER_ROW;
  /** Rows `#textFirst` to `#textLast` of the batch have their ASCII text, from byte `#textFrom` on, decoded in `#text`. */
  #textFirst = 0;
  #textLast = -1;
  #textFrom = 0;
  #text = "";

  /** This thread's reader, or undefined without the addon. */
  static shared(): SqliteRows | undefined {
    if (SqliteRows.#shared === undefined) {
      const { backend, binding } = selected();
      SqliteRows.#shared = backend === "native" ? new SqliteRows(binding) : null;
    }
    return SqliteRows.#shared ?? undefined;
  }

  private constructor(binding: NativeBinding) {
    this.#binding = binding;
    this.#released = new FinalizationRegistry((id) => binding.sqliteReleaseStatement(id));
    this.#slots = new Float64Array(0);
    this.#bigints = new BigInt64Array(0);
    this.#bytes = Buffer.alloc(0) as unknown as ByteView;
    this.#grow(INITIAL_BYTES);
  }

  #grow(bytes: number): void {
    const size = Math.max(this.#slots.byteLength * 2, Math.ceil(bytes / INITIAL_BYTES) * INITIAL_BYTES);
    const previous = this.#slots;
    // Kept: a request may be half written, or a row count and state already read back.
    this.#slots = new Float64Array(size / 8);
    this.#slots.set(previous);
    this.#bigints = new BigInt64Array(this.#slots.buffer);
    this.#bytes = Buffer.from(this.#slots.buffer) as unknown as ByteView;
    this.#binding.sqliteRowBuffer(this.#slots);
  }

  /**
   * The statement better-sqlite3 prepared last on this connection, if its
   * text is `sql` and it only reads. Call it right after preparing, and use
   * the result only while `owner` (which must keep that better-sqlite3
   * statement referenced) is alive and the connection open: better-sqlite3
   * finalizes the statement. The id is released when `owner` is collected.
   * With `writes`, a statement that writes is adopted too, for
   * {@link SqliteRows.run} only ({@link SqliteRows.read} refuses it).
   */
  adopt(connection: SqliteConnection, sql: string, owner: object, writes = false): SqliteStatement | undefined {
    const id = this.#binding.sqliteAdoptStatement(connection, sql, writes);
    if (id < 0) return undefined;
    this.#released.register(owner, id);
    return id as SqliteStatement;
  }

  /** After a call that filled the buffer: whether rows are left for {@link SqliteRows.more}. */
  get hasMore(): boolean {
    return this.#slots[1] === 1;
  }

  /** Columns of the rows last read. */
  get columnCount(): number {
    return this.#columns;
  }

  /**
   * Binds `params` (null, numbers as REAL, 64-bit BigInts as INTEGER, strings
   * as TEXT, Uint8Arrays as BLOB), runs the statement and reads up to `limit`
   * rows (integers as BigInts when `bigints`). The row count, or -1 when this
   * path does not take the request (nothing ran), or -2 when SQLite failed
   * (the statement is reset): run the statement the other way then.
   */
  read(statement: SqliteStatement, limit: number, bigints: boolean, params: readonly unknown[]): number {
    if (!this.#writeParameters(params)) return NOT_TAKEN;
    return this.#call(statement, limit, (bigints ? FLAG_BIGINTS : 0) | (limit === 1 ? FLAG_TEXT_ANSWER : 0));
  }

  /**
   * Runs the statement as better-sqlite3's `run()` does: binds `params` (as
   * {@link SqliteRows.read}), steps once, resets. 0 when it succeeded (see
   * {@link SqliteRows.changes} and {@link SqliteRows.lastInsertRowid}), -1
   * when this path does not take the request (nothing ran), or SQLite's error
   * message (see {@link SqliteRows.errorCode}).
   */
  run(statement: SqliteStatement, params: readonly unknown[]): number | string {
    if (!this.#writeParameters(params)) return NOT_TAKEN;
    this.#slots[0] = statement;
    return this.#binding.sqliteRunStatement();
  }

  /** After a {@link SqliteRows.run} that succeeded: the rows it changed (0 when SQLite's total did not move). */
  get changes(): number {
    return this.#slots[0] ?? 0;
  }

  /** After a {@link SqliteRows.run} that succeeded: the connection's last inserted rowid. */
  lastInsertRowid(bigint: boolean): number | bigint {
    return bigint ? (this.#bigints[1] ?? 0n) : (this.#slots[2] ?? 0);
  }

  /** After a {@link SqliteRows.run} that failed: SQLite's extended result code. */
  get errorCode(): number {
    return this.#slots[0] ?? 0;
  }

  /** The next rows after a read that left {@link SqliteRows.hasMore}; as {@link SqliteRows.read}. */
  more(statement: SqliteStatement, limit: number, bigints: boolean): number {
    return this.#call(statement, limit, FLAG_GO_ON | (bigints ? FLAG_BIGINTS : 0));
  }

  /** Abandons the rows not read yet (the statement is reset). */
  abandon(statement: SqliteStatement): void {
    this.#binding.sqliteResetStatement(statement);
  }

  #call(statement: SqliteStatement, limit: number, flags: number): number {
    const slots = this.#slots;
    slots[0] = statement;
    slots[1] = limit;
    slots[2] = flags;
    const answer = this.#binding.sqliteReadRows();
    if (typeof answer === "string") {
      // One row, and its ASCII text decoded by the addon (FLAG_TEXT_ANSWER).
      this.#batch(1);
      this.#text = answer;
      this.#textFrom = slots[HEADER_SLOTS] as number;
      this.#textFirst = this.#textLast = 0;
      return 1;
    }
    const rows = answer;
    if (rows === TOO_BIG) {
      this.#grow(slots[2] ?? 0);
      return this.more(statement, limit, (flags & FLAG_BIGINTS) !== 0);
    }
    if (rows >= 0) this.#batch(rows);
    return rows;
  }

  #batch(rows: number): void {
    this.#columns = this.#slots[0] ?? 0;
    this.#rowSlots = SLOTS_PER_ROW + this.#columns * SLOTS_PER_COLUMN;
    this.#rows = rows;
    this.#textLast = -1;
  }

  /**
   * Decodes the ASCII text of `row` and of the rows after it, while it stays
   * ASCII and within {@link SHARED_TEXT_BYTES}; false if `row`'s is not.
   * A row's bytes lie just below the previous row's.
   */
  #decodeText(row: number): boolean {
    const slots = this.#slots;
    const rowSlots = this.#rowSlots;
    let slot = HEADER_SLOTS + row * rowSlots;
    const end = slots[slot + 1] as number;
    let from = slots[slot] as number;
    if (from < 0 || end - from > SHARED_TEXT_BYTES) return false;
    let last = row;
    for (slot += rowSlots; last + 1 < this.#rows; slot += rowSlots) {
      const nextFrom = slots[slot] as number;
      if (nextFrom < 0 || slots[slot + 1] !== from || end - nextFrom > SHARED_TEXT_BYTES) break;
      from = nextFrom;
      last++;
    }
    this.#text = this.#bytes.latin1Slice(from, end);
    this.#textFrom = from;
    this.#textFirst = row;
    this.#textLast = last;
    return true;
  }

  /** Parameters into the request (slot 3 and on); false for a value this path does not bind. */
  #writeParameters(params: readonly unknown[]): boolean {
    const count = params.length;
    let end = (HEADER_SLOTS + count * SLOTS_PER_COLUMN) * 8;
    if (end > this.#slots.byteLength) this.#grow(end);
    for (let i = 0; i < count; i++) {
      const value = params[i];
      const slot = HEADER_SLOTS + i * SLOTS_PER_COLUMN;
      if (typeof value === "bigint") {
        this.#slots[slot] = KIND_INTEGER;
        this.#bigints[slot + 1] = value;
      } else if (typeof value === "number") {
        this.#slots[slot] = KIND_FLOAT;
        this.#slots[slot + 1] = value;
      } else if (value === null || value === undefined) {
        this.#slots[slot] = KIND_NULL;
      } else if (typeof value === "string") {
        // Up to three UTF-8 bytes a UTF-16 unit.
        if (end + value.length * 3 > this.#slots.byteLength) this.#grow(end + value.length * 3);
        const length = this.#bytes.utf8Write(value, end);
        this.#placeBytes(slot, KIND_TEXT, end, length);
        end += length;
      } else if (value instanceof Uint8Array) {
        if (end + value.length > this.#slots.byteLength) this.#grow(end + value.length);
        this.#bytes.set(value, end);
        this.#placeBytes(slot, KIND_BLOB, end, value.length);
        end += value.length;
      } else {
        return false;
      }
    }
    this.#slots[3] = count;
    return true;
  }

  #placeBytes(slot: number, kind: number, start: number, length: number): void {
    this.#slots[slot] = kind;
    this.#slots[slot + 1] = start;
    this.#slots[slot + 2] = length;
  }

  /**
   * A builder of row objects with these keys, one a column in order, as an
   * object literal would have them: a repeated key keeps its first position
   * and its last value, and `__proto__` is an own property. Numbers are read
   * in the builder itself; other cells through {@link SqliteRows.cell}.
   */
  static objectMaker(keys: readonly string[]): SqliteObjectMaker {
    const fields = keys.map((key, column) => {
      const kind = `s[b + ${SLOTS_PER_ROW + column * SLOTS_PER_COLUMN}]`;
      const value = `s[b + ${SLOTS_PER_ROW + column * SLOTS_PER_COLUMN + 1}]`;
      const property = key === "__proto__" ? `["__proto__"]` : JSON.stringify(key);
      return `${property}: (k = ${kind}) === ${KIND_INTEGER} || k === ${KIND_FLOAT} ? ${value} : rows.cell(i, ${column})`;
    });
    // The keys are data (JSON-quoted), never code.
    const build = new Function(`"use strict"; return function row(s, b, rows, i) { let k; return { ${fields.join(", ")} }; };`)() as SqliteObjectMaker["build"];
    return { columns: keys.length, build };
  }

  /** Row `row` of the last batch, built by `maker` (from {@link SqliteRows.objectMaker}). */
  object(row: number, maker: SqliteObjectMaker): Record<string, unknown> {
    return maker.build(this.#slots, HEADER_SLOTS + row * this.#rowSlots, this, row);
  }

  /** Column `column` of row `row` of the last batch: number, BigInt, string, Uint8Array (its own buffer) or null. */
  cell(row: number, column: number): unknown {
    const rowSlot = HEADER_SLOTS + row * this.#rowSlots;
    const slot = rowSlot + SLOTS_PER_ROW + column * SLOTS_PER_COLUMN;
    const slots = this.#slots;
    const kind = slots[slot];
    if (kind === KIND_INTEGER || kind === KIND_FLOAT) return slots[slot + 1];
    if (kind === KIND_TEXT) {
      const start = slots[slot + 1] as number;
      const end = start + (slots[slot + 2] as number);
      if ((row < this.#textFirst || row > this.#textLast) && !this.#decodeText(row)) return this.#bytes.utf8Slice(start, end);
      const textFrom = this.#textFrom;
      return this.#text.substring(start - textFrom, end - textFrom);
    }
    if (kind === KIND_BLOB) {
      const start = slots[slot + 1] as number;
      return new Uint8Array(slots.buffer.slice(start, start + (slots[slot + 2] as number)));
    }
    if (kind === KIND_BIG_INTEGER) return this.#bigints[slot + 1];
    return null;
  }
}
