//! `bun:sqlite`'s read path: the rows of a read-only statement copied out in
//! one N-API call, into a buffer JavaScript decodes.
//!
//! better-sqlite3 builds each row in C++ with one V8 call per column and
//! binds through its own wrapper; rows that JavaScript builds from a flat
//! buffer, with one generated object literal per column list, cost less.
//! The statement stays better-sqlite3's: the facade prepares it there (a
//! statement of its own, never run by better-sqlite3 otherwise) and this
//! module adopts the `sqlite3_stmt` SQLite just created, so better-sqlite3
//! still finalizes it before it closes the connection. JavaScript never uses
//! an adopted statement after the connection closed.
//!
//! - `sqliteRowBuffer(buffer: Float64Array)` — the buffer every call below
//!   reads its request from and writes its rows into (one per thread; the
//!   caller keeps it alive and registers a new one when it grows).
//! - `sqliteAdoptStatement(connection, sql, writes?): number` — an id for the newest
//!   statement of the connection if its text is `sql` and it is read-only
//!   (or `writes` is true), else -1.
//! - `sqliteReleaseStatement(id)` — forgets an id (its statement is collected).
//! - `sqliteReadRows(): number | string` — runs the request in the buffer: slot 0 the
//!   statement id, slot 1 the row limit, slot 2 flags (1: integers as BigInt
//!   bits, 2: go on after a call that filled the buffer, without binding,
//!   4: when one row is read and its bytes are ASCII text of at most 1 KiB,
//!   answer that text as a string instead of 1),
//!   slot 3 the parameter count; parameters from slot 4, three slots each:
//!   kind (1 INTEGER as BigInt64Array bits, 2 REAL, 3 TEXT, 4 BLOB, 5 NULL)
//!   and the value, or the byte offset and length of the bytes.
//! - `sqliteRunStatement(): number | string` — the request as above, for
//!   `run()`: one step and a reset; 0 with the changes in slot 0 and the last
//!   rowid's bits in slot 1 (as a double in slot 2), or SQLite's message with
//!   its extended code in slot 0.
//! - `sqliteResetStatement(id)` — abandons the rows not read yet.
//!
//! The answer replaces the request: slot 0 the column count, slot 1 the state
//! (0: done and reset, 1: a row is waiting for the next call), slot 2 the
//! bytes a row needs when it did not fit an empty buffer; rows from slot 4.
//! A row is two slots, then three a column. The two: where the row's bytes
//! start and end when they are all ASCII text (one Latin-1 decode of them
//! then serves every cell), else -1 and the end. A column: its kind (1
//! INTEGER as a double, 2 FLOAT, 3 TEXT, 4 BLOB, 5 NULL, 6 INTEGER as the 64
//! bits of a BigInt64Array element), then the value, or the byte offset and
//! length of TEXT and BLOB bytes, which fill the buffer from its end, a row's
//! bytes below the previous row's. The result is the number of rows written, or
//! -1 (a request this path does not take: nothing ran), -2 (SQLite failed:
//! the statement is reset) or -3 (a row does not fit: slot 2 says how much it needs).
//!
//! Nothing is passed as an argument on the hot path: each N-API value read
//! costs about as much as a column, and a point select has few.

use std::cell::{Cell, RefCell};
use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;

use crate::input::with_bytes;
use crate::napi::*;
use crate::sqlite_ext::{api_index, bad_argument, connection_argument, int32, undefined, Api, Sqlite3};

const SQLITE_OK: c_int = 0;
const SQLITE_ROW: c_int = 100;
const SQLITE_DONE: c_int = 101;
const SQLITE_INTEGER: c_int = 1;
const SQLITE_FLOAT: c_int = 2;
const SQLITE_TEXT: c_int = 3;
const SQLITE_BLOB: c_int = 4;
/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
const TRANSIENT: *const c_void = usize::MAX as *const c_void;

const KIND_INTEGER: f64 = 1.0;
const KIND_FLOAT: f64 = 2.0;
const KIND_TEXT: f64 = 3.0;
const KIND_BLOB: f64 = 4.0;
const KIND_NULL: f64 = 5.0;
const KIND_BIG_INTEGER: f64 = 6.0;
const HEADER_SLOTS: usize = 4;
const SLOTS_PER_ROW: usize = 2;
const SLOTS_PER_COLUMN: usize = 3;
/// Parameters beyond this many are left to better-sqlite3.
const MAX_PARAMETERS: usize = 32;
const FLAG_BIGINTS: u32 = 1;
const FLAG_GO_ON: u32 = 2;
const FLAG_TEXT_ANSWER: u32 = 4;
/// A row's ASCII text up to this many bytes is decoded at once (src/sqlite-rows.ts has the same bound).
const SHARED_TEXT_BYTES: f64 = 1024.0;

const UNSUPPORTED: i32 = -1;
const FAILED: i32 = -2;
const TOO_BIG: i32 = -3;

type Stmt = c_void;
type StmtIntFn = unsafe extern "C" fn(*mut Stmt) -> c_int;
type ColumnIntFn = unsafe extern "C" fn(*mut Stmt, c_int) -> c_int;
type ColumnInt64Fn = unsafe extern "C" fn(*mut Stmt, c_int) -> i64;
type ColumnDoubleFn = unsafe extern "C" fn(*mut Stmt, c_int) -> f64;
type ColumnBytesFn = unsafe extern "C" fn(*mut Stmt, c_int) -> *const u8;
type BindNullFn = unsafe extern "C" fn(*mut Stmt, c_int) -> c_int;
type BindInt64Fn = unsafe extern "C" fn(*mut Stmt, c_int, i64) -> c_int;
type BindDoubleFn = unsafe extern "C" fn(*mut Stmt, c_int, f64) -> c_int;
type BindBytesFn = unsafe extern "C" fn(*mut Stmt, c_int, *const c_void, c_int, *const c_void) -> c_int;
type NextStmtFn = unsafe extern "C" fn(*mut Sqlite3, *mut Stmt) -> *mut Stmt;
type SqlFn = unsafe extern "C" fn(*mut Stmt) -> *const c_char;
type DbIntFn = unsafe extern "C" fn(*mut Sqlite3) -> c_int;
type DbInt64Fn = unsafe extern "C" fn(*mut Sqlite3) -> i64;
type DbTextFn = unsafe extern "C" fn(*mut Sqlite3) -> *const c_char;

thread_local! {
    /// The registered buffer: (first slot, bytes).
    static BUFFER: Cell<(*mut f64, usize)> = const { Cell::new((null_mut(), 0)) };
    /// Adopted statements by id; None where an id was released.
    static STATEMENTS: RefCell<Vec<Option<RowStatement>>> = const { RefCell::new(Vec::new()) };
}

/// An adopted statement: better-sqlite3 owns (and finalizes) the `sqlite3_stmt`.
struct RowStatement {
    stmt: *mut Stmt,
    /// Its connection.
    db: *mut Sqlite3,
    /// Only these are read by `read_rows`: falling back runs a failed read again.
    read_only: bool,
    api: Api,
    /// A row was stepped to but did not fit the last buffer.
    pending: bool,
}

impl RowStatement {
    /// # Safety
    /// `index` is an `api_index` entry and `F` its function type.
    unsafe fn function<F: Copy>(&self, index: usize) -> F {
        // SAFETY: as the caller promises.
        unsafe { self.api.function(index) }
    }

    unsafe fn reset(&mut self) {
        self.pending = false;
        // SAFETY: a live statement (see the module comment).
        unsafe { self.function::<StmtIntFn>(api_index::RESET)(self.stmt) };
    }

    unsafe fn step(&self) -> c_int {
        // SAFETY: a live statement.
        unsafe { self.function::<StmtIntFn>(api_index::STEP)(self.stmt) }
    }

    /// Binds the request's parameters (see the module comment); false for a request this path does not take.
    unsafe fn bind_request(&self, out: *mut f64, capacity: usize) -> bool {
        // SAFETY (below): the header and parameter slots were checked to lie inside the buffer,
        // and so is every byte range before it is handed to SQLite (which copies it).
        let count = unsafe { out.add(3).read() };
        let expected = unsafe { self.function::<StmtIntFn>(api_index::BIND_PARAMETER_COUNT)(self.stmt) };
        if !(0.0..=MAX_PARAMETERS as f64).contains(&count) || f64::from(expected) != count {
            return false;
        }
        let count = count as usize;
        if (HEADER_SLOTS + count * SLOTS_PER_COLUMN) * 8 > capacity {
            return false;
        }
        let stmt = self.stmt;
        for parameter in 0..count {
            let at = unsafe { out.add(HEADER_SLOTS + parameter * SLOTS_PER_COLUMN) };
            let index = parameter as c_int + 1;
            let kind = unsafe { at.read() };
            let code = if kind == KIND_INTEGER {
                unsafe { self.function::<BindInt64Fn>(api_index::BIND_INT64)(stmt, index, at.add(1).cast::<i64>().read()) }
            } else if kind == KIND_FLOAT {
                unsafe { self.function::<BindDoubleFn>(api_index::BIND_DOUBLE)(stmt, index, at.add(1).read()) }
            } else if kind == KIND_TEXT || kind == KIND_BLOB {
                let (start, length) = unsafe { (at.add(1).read(), at.add(2).read()) };
                if !(start >= 0.0 && length >= 0.0 && start + length <= capacity as f64 && length <= f64::from(c_int::MAX)) {
                    return false;
                }
                let bind = unsafe { self.function::<BindBytesFn>(if kind == KIND_TEXT { api_index::BIND_TEXT } else { api_index::BIND_BLOB }) };
                // A non-null pointer even for no bytes: SQLite binds NULL for a null one.
                unsafe { bind(stmt, index, out.cast::<u8>().add(start as usize).cast(), length as c_int, TRANSIENT) }
            } else if kind == KIND_NULL {
                unsafe { self.function::<BindNullFn>(api_index::BIND_NULL)(stmt, index) }
            } else {
                return false;
            };
            if code != SQLITE_OK {
                return false;
            }
        }
        true
    }

    /// Writes the current row at `slot` (below the bytes from `floor` on); the new (slot, floor), or None if it does not fit.
    unsafe fn write_row(&self, out: *mut f64, slot: usize, floor: usize, columns: c_int, bigints: bool) -> Option<(usize, usize)> {
        let stmt = self.stmt;
        let bytes_base = out.cast::<u8>();
        let slots_end = (slot + SLOTS_PER_ROW + columns as usize * SLOTS_PER_COLUMN) * 8;
        let ceiling = floor;
        let mut floor = floor;
        let mut ascii = true;
        if slots_end > floor {
            return None;
        }
        // SAFETY (below): a live statement on a row; every write stays below `floor` and at or above `slots_end`,
        // inside the buffer the caller measured.
        let (column_type, column_bytes) =
            unsafe { (self.function::<ColumnIntFn>(api_index::COLUMN_TYPE), self.function::<ColumnIntFn>(api_index::COLUMN_BYTES)) };
        for column in 0..columns {
            let at = unsafe { out.add(slot + SLOTS_PER_ROW + column as usize * SLOTS_PER_COLUMN) };
            match unsafe { column_type(stmt, column) } {
                SQLITE_INTEGER => {
                    let value = unsafe { self.function::<ColumnInt64Fn>(api_index::COLUMN_INT64)(stmt, column) };
                    if bigints {
                        unsafe { at.write(KIND_BIG_INTEGER) };
                        unsafe { at.add(1).cast::<i64>().write(value) };
                    } else {
                        unsafe { at.write(KIND_INTEGER) };
                        unsafe { at.add(1).write(value as f64) };
                    }
                }
                SQLITE_FLOAT => unsafe {
                    at.write(KIND_FLOAT);
                    at.add(1).write(self.function::<ColumnDoubleFn>(api_index::COLUMN_DOUBLE)(stmt, column));
                },
                kind @ (SQLITE_TEXT | SQLITE_BLOB) => {
                    let read = if kind == SQLITE_TEXT { api_index::COLUMN_TEXT } else { api_index::COLUMN_BLOB };
                    // The pointer first, then its length (SQLite's order: the length is of the converted value).
                    let pointer = unsafe { self.function::<ColumnBytesFn>(read)(stmt, column) };
                    let length = usize::try_from(unsafe { column_bytes(stmt, column) }).unwrap_or(0);
                    if floor < slots_end + length {
                        return None;
                    }
                    floor -= length;
                    if length > 0 {
                        // SAFETY: SQLite's value holds `length` bytes at `pointer` until the next column call.
                        let bytes = unsafe { std::slice::from_raw_parts(pointer, length) };
                        ascii = ascii && kind == SQLITE_TEXT && bytes.is_ascii();
                        unsafe { std::ptr::copy_nonoverlapping(pointer, bytes_base.add(floor), length) };
                    }
                    unsafe {
                        at.write(if kind == SQLITE_TEXT { KIND_TEXT } else { KIND_BLOB });
                        at.add(1).write(floor as f64);
                        at.add(2).write(length as f64);
                    }
                }
                _ => unsafe { at.write(KIND_NULL) },
            }
        }
        // SAFETY: the row's own two slots, below `slots_end`.
        unsafe {
            out.add(slot).write(if ascii { floor as f64 } else { -1.0 });
            out.add(slot + 1).write(ceiling as f64);
        }
        Some((slots_end / 8, floor))
    }

    /// One step and a reset, as better-sqlite3's `run()`: the changes (0 when
    /// the total did not move), the last rowid's bits and the rowid as a double into slots 0, 1 and 2,
    /// or SQLite's message, with the extended code in slot 0.
    ///
    /// # Safety
    /// A live statement on a live connection; `out` holds the header.
    unsafe fn run_once(&mut self, out: *mut f64) -> Result<(), Vec<u8>> {
        let db = self.db;
        // SAFETY (below): the connection's own API table, on its live handles.
        let total_changes: DbIntFn = unsafe { self.function(api_index::TOTAL_CHANGES) };
        let before = unsafe { total_changes(db) };
        unsafe { self.step() };
        self.pending = false;
        if unsafe { self.function::<StmtIntFn>(api_index::RESET)(self.stmt) } == SQLITE_OK {
            let changes = if unsafe { total_changes(db) } == before { 0 } else { unsafe { self.function::<DbIntFn>(api_index::CHANGES)(db) } };
            let rowid = unsafe { self.function::<DbInt64Fn>(api_index::LAST_INSERT_ROWID)(db) };
            unsafe {
                out.write(f64::from(changes));
                out.add(1).cast::<i64>().write(rowid);
                out.add(2).write(rowid as f64);
            }
            return Ok(());
        }
        let code = unsafe { self.function::<DbIntFn>(api_index::EXTENDED_ERRCODE)(db) };
        let message = unsafe { CStr::from_ptr(self.function::<DbTextFn>(api_index::ERRMSG)(db)) }.to_bytes().to_vec();
        unsafe { out.write(f64::from(code)) };
        Err(message)
    }

    /// Bytes the current row needs in an otherwise empty buffer.
    unsafe fn row_size(&self, columns: c_int) -> usize {
        let mut size = (HEADER_SLOTS + SLOTS_PER_ROW + columns as usize * SLOTS_PER_COLUMN) * 8;
        for column in 0..columns {
            // SAFETY: a live statement on a row; the same calls `write_row` makes.
            unsafe {
                match self.function::<ColumnIntFn>(api_index::COLUMN_TYPE)(self.stmt, column) {
                    SQLITE_TEXT => {
                        let _ = self.function::<ColumnBytesFn>(api_index::COLUMN_TEXT)(self.stmt, column);
                    }
                    SQLITE_BLOB => {
                        let _ = self.function::<ColumnBytesFn>(api_index::COLUMN_BLOB)(self.stmt, column);
                    }
                    _ => continue,
                }
                size += usize::try_from(self.function::<ColumnIntFn>(api_index::COLUMN_BYTES)(self.stmt, column)).unwrap_or(0);
            }
        }
        size
    }

    /// Steps (or first writes the waiting row) and fills `out` with up to `limit` rows.
    unsafe fn fill(&mut self, out: *mut f64, capacity: usize, limit: i64, bigints: bool) -> i32 {
        // SAFETY: a live statement.
        let columns = unsafe { self.function::<StmtIntFn>(api_index::COLUMN_COUNT)(self.stmt) };
        // SAFETY (writes to the header): `capacity` was checked to hold it.
        unsafe {
            out.write(f64::from(columns));
            out.add(1).write(0.0);
        }
        let (mut slot, mut floor) = (HEADER_SLOTS, capacity);
        let mut rows = 0i32;
        let mut on_row = self.pending;
        self.pending = false;
        loop {
            if !on_row {
                // SAFETY: a live statement.
                match unsafe { self.step() } {
                    SQLITE_ROW => {}
                    SQLITE_DONE => {
                        // SAFETY: as above.
                        unsafe { self.reset() };
                        return rows;
                    }
                    _ => {
                        // SAFETY: as above.
                        unsafe { self.reset() };
                        return FAILED;
                    }
                }
            }
            on_row = false;
            // SAFETY: on a row; `out` holds `capacity` bytes.
            match unsafe { self.write_row(out, slot, floor, columns, bigints) } {
                Some((next_slot, next_floor)) => {
                    (slot, floor) = (next_slot, next_floor);
                    rows += 1;
                    if i64::from(rows) >= limit || rows == i32::MAX {
                        // SAFETY: a live statement.
                        unsafe { self.reset() };
                        return rows;
                    }
                }
                None => {
                    self.pending = true;
                    // SAFETY: header slots, inside `out`.
                    unsafe { out.add(1).write(1.0) };
                    if rows > 0 {
                        return rows;
                    }
                    // SAFETY: on a row; header slot 2.
                    unsafe { out.add(2).write(self.row_size(columns) as f64) };
                    return TOO_BIG;
                }
            }
        }
    }
}

unsafe fn id_argument(env: napi_env, value: napi_value) -> usize {
    let mut id = -1i32;
    // SAFETY: a live handle; a non-number leaves -1.
    unsafe { napi_get_value_int32(env, value, &mut id) };
    usize::try_from(id).unwrap_or(usize::MAX)
}

/// `sqliteRowBuffer(buffer: Float64Array): void`
pub unsafe extern "C" fn row_buffer(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback.
    let [buffer] = unsafe { callback_args::<1>(env, info) };
    let (mut kind, mut length, mut data) = (0, 0usize, null_mut());
    // SAFETY: a live handle; a non-TypedArray fails.
    let status = unsafe { napi_get_typedarray_info(env, buffer, &mut kind, &mut length, &mut data, null_mut(), null_mut()) };
    if status != NAPI_OK || kind != NAPI_FLOAT64_ARRAY || length < HEADER_SLOTS || data.is_null() {
        return unsafe { bad_argument(env) };
    }
    BUFFER.set((data.cast::<f64>(), length * 8));
    // SAFETY: live env.
    unsafe { undefined(env) }
}

/// `sqliteAdoptStatement(connection, sql, writes?): number` (-1: not adopted)
pub unsafe extern "C" fn adopt_statement(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback.
    let [connection, sql, writes] = unsafe { callback_args::<3>(env, info) };
    let mut writes_too = false;
    // SAFETY: a live handle (undefined when not passed); a non-boolean leaves false.
    unsafe { napi_get_value_bool(env, writes, &mut writes_too) };
    // SAFETY: live handles.
    let Some(connection) = (unsafe { connection_argument(env, connection) }) else { return unsafe { bad_argument(env) } };
    if connection.db.is_null() {
        return unsafe { int32(env, UNSUPPORTED) };
    }
    let api = connection.api;
    // SAFETY: a live connection; SQLite lists a connection's statements newest first.
    let stmt = unsafe {
        let next_stmt: NextStmtFn = api.function(api_index::NEXT_STMT);
        next_stmt(connection.db, null_mut())
    };
    if stmt.is_null() {
        return unsafe { int32(env, UNSUPPORTED) };
    }
    // SAFETY: a live statement; its text is NUL-terminated and lives as long as it.
    let (text, read_only) = unsafe {
        let sql_of: SqlFn = api.function(api_index::SQL);
        let read_only: StmtIntFn = api.function(api_index::STMT_READONLY);
        (CStr::from_ptr(sql_of(stmt)).to_bytes(), read_only(stmt) != 0)
    };
    // SAFETY: a live handle.
    let same = unsafe { with_bytes(env, sql, |expected| expected == text) }.unwrap_or(false);
    if !same || !(read_only || writes_too) {
        return unsafe { int32(env, UNSUPPORTED) };
    }
    let adopted = RowStatement { stmt, db: connection.db, read_only, api, pending: false };
    let id = STATEMENTS.with_borrow_mut(|statements| match statements.iter().position(Option::is_none) {
        Some(free) => {
            statements[free] = Some(adopted);
            free
        }
        None => {
            statements.push(Some(adopted));
            statements.len() - 1
        }
    });
    unsafe { int32(env, i32::try_from(id).unwrap_or(UNSUPPORTED)) }
}

/// `sqliteReleaseStatement(id): void`
pub unsafe extern "C" fn release_statement(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback and handle.
    let id = unsafe { id_argument(env, callback_args::<1>(env, info)[0]) };
    STATEMENTS.with_borrow_mut(|statements| {
        if let Some(slot) = statements.get_mut(id) {
            *slot = None;
        }
    });
    // SAFETY: live env.
    unsafe { undefined(env) }
}

/// `sqliteReadRows(): number`, the request in the registered buffer.
pub unsafe extern "C" fn read_rows(env: napi_env, _info: napi_callback_info) -> napi_value {
    let (out, capacity) = BUFFER.get();
    if out.is_null() {
        return unsafe { int32(env, UNSUPPORTED) };
    }
    // SAFETY: the registered buffer holds at least the header.
    let (id, limit, flags) = unsafe { (out.read(), out.add(1).read(), out.add(2).read() as u32) };
    let rows = STATEMENTS.with_borrow_mut(|statements| {
        let Some(Some(statement)) = statements.get_mut(id as usize).filter(|_| id >= 0.0) else { return UNSUPPORTED };
        if !statement.read_only {
            return UNSUPPORTED;
        }
        let go_on = flags & FLAG_GO_ON != 0;
        if go_on != statement.pending {
            // A stale continuation, or a new request while rows were left: start over.
            // SAFETY: a live statement (the module comment says why).
            unsafe { statement.reset() };
            if go_on {
                return 0;
            }
        }
        // SAFETY: the registered buffer, `capacity` bytes.
        if !go_on && !unsafe { statement.bind_request(out, capacity) } {
            return UNSUPPORTED;
        }
        // SAFETY: as above.
        unsafe { statement.fill(out, capacity, limit as i64, flags & FLAG_BIGINTS != 0) }
    });
    if rows == 1 && flags & FLAG_TEXT_ANSWER != 0 {
        // SAFETY: a row was written, so its two slots and its bytes lie inside the buffer.
        if let Some(text) = unsafe { single_row_text(env, out) } {
            return text;
        }
    }
    unsafe { int32(env, rows) }
}

/// The ASCII text of the one row written, as a string, when there is some and
/// at most `SHARED_TEXT_BYTES`: made here, it costs less than a decode call from JavaScript.
///
/// # Safety
/// `out` holds a row written by `fill`.
unsafe fn single_row_text(env: napi_env, out: *mut f64) -> Option<napi_value> {
    // SAFETY: as the caller promises.
    let (from, end) = unsafe { (out.add(HEADER_SLOTS).read(), out.add(HEADER_SLOTS + 1).read()) };
    if !(from >= 0.0 && end > from && end - from <= SHARED_TEXT_BYTES) {
        return None;
    }
    let mut text = null_mut();
    // SAFETY: `from..end` are the row's bytes, inside the buffer.
    let status = unsafe { napi_create_string_latin1(env, out.cast::<c_char>().add(from as usize), (end - from) as usize, &mut text) };
    (status == NAPI_OK).then_some(text)
}

/// `sqliteRunStatement(): number | string`, the request in the registered
/// buffer as for `read_rows`: binds, steps once and resets, as better-sqlite3's
/// `run()` does. 0 with the changes in slot 0 and the last rowid's bits in
/// slot 1 (as a double in slot 2); or SQLite's message with the extended code in slot 0; or -1 (not
/// taken: nothing ran).
pub unsafe extern "C" fn run_statement(env: napi_env, _info: napi_callback_info) -> napi_value {
    let (out, capacity) = BUFFER.get();
    if out.is_null() {
        return unsafe { int32(env, UNSUPPORTED) };
    }
    // SAFETY: the registered buffer holds at least the header.
    let id = unsafe { out.read() };
    let failure = STATEMENTS.with_borrow_mut(|statements| {
        let Some(Some(statement)) = statements.get_mut(id as usize).filter(|_| id >= 0.0) else { return Some(None) };
        if statement.pending {
            // SAFETY: a live statement (the module comment says why).
            unsafe { statement.reset() };
        }
        // SAFETY: the registered buffer, `capacity` bytes.
        if !unsafe { statement.bind_request(out, capacity) } {
            return Some(None);
        }
        // SAFETY: a live statement on a live connection; the header slots lie inside the buffer.
        unsafe { statement.run_once(out) }.err().map(Some)
    });
    match failure {
        None => unsafe { int32(env, 0) },
        Some(None) => unsafe { int32(env, UNSUPPORTED) },
        Some(Some(message)) => {
            let mut text = null_mut();
            // SAFETY: a live env; the message's bytes.
            unsafe { napi_create_string_utf8(env, message.as_ptr().cast(), message.len(), &mut text) };
            text
        }
    }
}

/// `sqliteResetStatement(id): void`
pub unsafe extern "C" fn reset_statement(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback and handle.
    let id = unsafe { id_argument(env, callback_args::<1>(env, info)[0]) };
    STATEMENTS.with_borrow_mut(|statements| {
        if let Some(Some(statement)) = statements.get_mut(id) {
            // SAFETY: a live statement.
            unsafe { statement.reset() };
        }
    });
    // SAFETY: live env.
    unsafe { undefined(env) }
}
