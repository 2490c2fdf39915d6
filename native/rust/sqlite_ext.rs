//! `bun:sqlite`'s `fileControl` and update hooks on a better-sqlite3 connection.
//!
//! better-sqlite3 exposes neither `sqlite3_file_control` nor
//! `sqlite3_update_hook`, but it loads SQLite extensions, and an extension's
//! entry point is handed the connection and the table of SQLite's own API
//! functions. So this addon is also an SQLite extension: the facade loads this
//! very binary into a connection (`db.loadExtension(path,
//! "sqlite3_dxcompat_init")`; `dlopen` returns the copy Node already loaded),
//! the entry point records the connection, and `sqliteAttach()` turns it into
//! an external that the other functions take. Every SQLite call goes through
//! the API table of the SQLite that better-sqlite3 links, never a second copy.
//!
//! - `sqliteAttach(): External | undefined` — the connection the last load on
//!   this thread recorded.
//! - `sqliteFileControl(connection, schema: string | null, op, slot: TypedArray): number`
//!   — `sqlite3_file_control` with the slot's bytes as its argument.
//! - `sqliteLastError(connection, out: Int32Array): string` — `sqlite3_errmsg`,
//!   with the extended error code in `out[0]`.
//! - `sqliteUpdateHook(connection, target: object | null, dispatch, bigints)` —
//!   installs (or, with `null`, removes) an update hook that calls
//!   `dispatch(target, op, table, rowid, schema)` while the statement runs;
//!   `target` is held weakly, and a throw is reported as uncaught.
//! - `sqliteDetach(connection)` — removes the hook; called before the connection closes.

use std::cell::Cell;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::{null, null_mut};

use crate::napi::*;

/// `sqlite3_api_routines` is a table of function pointers that only ever
/// grows at the end, so a field's index is fixed (counted in sqlite3ext.h).
/// The ones this module and `sqlite_rows` call.
pub(crate) mod api_index {
    pub const BIND_BLOB: usize = 2;
    pub const BIND_DOUBLE: usize = 3;
    pub const BIND_INT64: usize = 5;
    pub const BIND_NULL: usize = 6;
    pub const BIND_PARAMETER_COUNT: usize = 7;
    pub const BIND_TEXT: usize = 10;
    pub const CHANGES: usize = 15;
    pub const COLUMN_BLOB: usize = 19;
    pub const COLUMN_BYTES: usize = 20;
    pub const COLUMN_COUNT: usize = 22;
    pub const COLUMN_DOUBLE: usize = 27;
    pub const COLUMN_INT64: usize = 29;
    pub const COLUMN_TEXT: usize = 36;
    pub const COLUMN_TYPE: usize = 38;
    pub const ERRMSG: usize = 53;
    pub const LAST_INSERT_ROWID: usize = 65;
    pub const LIBVERSION_NUMBER: usize = 67;
    pub const RESET: usize = 77;
    pub const STEP: usize = 94;
    pub const TOTAL_CHANGES: usize = 97;
    pub const UPDATE_HOOK: usize = 100;
    pub const FILE_CONTROL: usize = 127;
    pub const NEXT_STMT: usize = 152;
    pub const SQL: usize = 153;
    pub const EXTENDED_ERRCODE: usize = 166;
    pub const STMT_READONLY: usize = 185;
}

pub(crate) type Sqlite3 = c_void;
type UpdateCallback = unsafe extern "C" fn(*mut c_void, c_int, *const c_char, *const c_char, i64);
type UpdateHookFn = unsafe extern "C" fn(*mut Sqlite3, Option<UpdateCallback>, *mut c_void) -> *mut c_void;
type FileControlFn = unsafe extern "C" fn(*mut Sqlite3, *const c_char, c_int, *mut c_void) -> c_int;
type ErrmsgFn = unsafe extern "C" fn(*mut Sqlite3) -> *const c_char;
type IntOfDbFn = unsafe extern "C" fn(*mut Sqlite3) -> c_int;
type IntFn = unsafe extern "C" fn() -> c_int;

#[derive(Clone, Copy)]
pub(crate) struct Api(*const *const c_void);

impl Api {
    /// # Safety
    /// `self` points at SQLite's API table and `index` is one of `api_index`.
    pub(crate) unsafe fn slot(self, index: usize) -> *const c_void {
        // SAFETY: the table has more than 185 entries in every SQLite since 3.8.
        unsafe { *self.0.add(index) }
    }

    /// The function in slot `index`, typed.
    ///
    /// # Safety
    /// As `slot`, and `F` is that slot's function pointer type.
    pub(crate) unsafe fn function<F: Copy>(self, index: usize) -> F {
        // SAFETY: the caller names the slot's real type; function pointers are pointer-sized.
        unsafe { std::mem::transmute_copy(&self.slot(index)) }
    }
}

thread_local! {
    /// Set by the entry point during `loadExtension`, taken by `sqliteAttach`
    /// right after on the same thread.
    static LOADED: Cell<Option<(*mut Sqlite3, Api)>> = const { Cell::new(None) };
}

/// The SQLite extension entry point.
///
/// # Safety
/// Called by SQLite's `sqlite3_load_extension` with a live connection and its API table.
#[no_mangle]
pub unsafe extern "C" fn sqlite3_dxcompat_init(db: *mut Sqlite3, _error: *mut *mut c_char, api: *const *const c_void) -> c_int {
    LOADED.set(Some((db, Api(api))));
    0
}

/// One update hook: what it calls, in which env.
struct Hook {
    env: napi_env,
    /// The Database, weakly: a hook must not keep its connection alive.
    target: napi_ref,
    dispatch: napi_ref,
    bigints: bool,
    /// False once the connection's external is collected (see `finalize_connection`).
    live: bool,
}

pub(crate) struct Connection {
    /// Null once detached.
    pub(crate) db: *mut Sqlite3,
    pub(crate) api: Api,
    hook: Option<Box<Hook>>,
}

impl Connection {
    /// Removes the hook from SQLite and frees it.
    unsafe fn clear_hook(&mut self, env: napi_env) {
        let Some(hook) = self.hook.take() else { return };
        if !self.db.is_null() {
            // SAFETY: a live connection; the API table's update_hook.
            unsafe {
                let update_hook: UpdateHookFn = self.api.function(api_index::UPDATE_HOOK);
                update_hook(self.db, None, null_mut());
            }
        }
        // SAFETY: the references were made in this env.
        unsafe {
            napi_delete_reference(env, hook.target);
            napi_delete_reference(env, hook.dispatch);
        }
    }
}

unsafe extern "C" fn finalize_connection(env: napi_env, data: *mut c_void, _hint: *mut c_void) {
    // SAFETY: `data` is the box made by `sqlite_attach`, finalized once.
    let mut connection = unsafe { Box::from_raw(data.cast::<Connection>()) };
    if let Some(mut hook) = connection.hook.take() {
        // The connection may already be closed and freed (better-sqlite3's own
        // finalizer runs in any order with this one), so SQLite is not called:
        // the hook is switched off and its few bytes are left to SQLite, which
        // may still hold the pointer until the connection closes.
        hook.live = false;
        // SAFETY: references of this env; deleting them is allowed in a finalizer.
        unsafe {
            napi_delete_reference(env, hook.target);
            napi_delete_reference(env, hook.dispatch);
        }
        Box::leak(hook);
    }
}

pub(crate) unsafe fn connection_argument<'a>(env: napi_env, value: napi_value) -> Option<&'a mut Connection> {
    let mut data = null_mut();
    // SAFETY: a non-external fails and leaves `data` null.
    if unsafe { napi_get_value_external(env, value, &mut data) } != NAPI_OK || data.is_null() {
        return None;
    }
    // SAFETY: every external handed out here wraps a Connection; JS runs on one thread.
    Some(unsafe { &mut *data.cast::<Connection>() })
}

pub(crate) unsafe fn undefined(env: napi_env) -> napi_value {
    let mut result = null_mut();
    // SAFETY: out-pointer to a local.
    unsafe { napi_get_undefined(env, &mut result) };
    result
}

pub(crate) unsafe fn int32(env: napi_env, value: i32) -> napi_value {
    let mut result = null_mut();
    // SAFETY: out-pointer to a local.
    unsafe { napi_create_int32(env, value, &mut result) };
    result
}

pub(crate) unsafe fn bad_argument(env: napi_env) -> napi_value {
    // SAFETY: static strings.
    unsafe { napi_throw_type_error(env, c"ERR_INVALID_ARG_TYPE".as_ptr(), c"expected a connection from sqliteAttach".as_ptr()) };
    null_mut()
}

/// `sqliteAttach(): External | undefined`
pub unsafe extern "C" fn sqlite_attach(env: napi_env, _info: napi_callback_info) -> napi_value {
    let Some((db, api)) = LOADED.take() else {
        // SAFETY: live env.
        return unsafe { undefined(env) };
    };
    // A table this module cannot read would make every call below undefined behaviour.
    // SAFETY: the entry point received this table from SQLite.
    let version = unsafe {
        let libversion_number: IntFn = api.function(api_index::LIBVERSION_NUMBER);
        libversion_number()
    };
    if version < 3_008_000 {
        // SAFETY: live env.
        return unsafe { undefined(env) };
    }
    let connection = Box::into_raw(Box::new(Connection { db, api, hook: None }));
    let mut result = null_mut();
    // SAFETY: the box is reclaimed by `finalize_connection`.
    unsafe { napi_create_external(env, connection.cast(), Some(finalize_connection), null_mut(), &mut result) };
    result
}

/// The schema name as SQLite reads it: up to the first NUL; `None` for a non-string.
unsafe fn schema_argument(env: napi_env, value: napi_value) -> Option<Vec<u8>> {
    let mut kind = 0;
    // SAFETY: live handle.
    unsafe { napi_typeof(env, value, &mut kind) };
    if kind != NAPI_STRING {
        return None;
    }
    let mut length = 0usize;
    // SAFETY: a null buffer asks for the length.
    unsafe { napi_get_value_string_utf8(env, value, null_mut(), 0, &mut length) };
    let mut bytes = vec![0u8; length + 1];
    // SAFETY: `bytes` has room for the string and its NUL.
    unsafe { napi_get_value_string_utf8(env, value, bytes.as_mut_ptr().cast(), bytes.len(), &mut length) };
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(length);
    bytes.truncate(end);
    bytes.push(0);
    Some(bytes)
}

/// `sqliteFileControl(connection, schema, op, slot): number`
pub unsafe extern "C" fn sqlite_file_control(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback.
    let [connection, schema, op, slot] = unsafe { callback_args::<4>(env, info) };
    // SAFETY: live handles.
    let Some(connection) = (unsafe { connection_argument(env, connection) }) else { return unsafe { bad_argument(env) } };
    if connection.db.is_null() {
        // SAFETY: live env.
        return unsafe { undefined(env) };
    }
    // SAFETY: live handles.
    let schema = unsafe { schema_argument(env, schema) };
    let mut op_value = 0i32;
    // SAFETY: the facade passes an int32.
    unsafe { napi_get_value_int32(env, op, &mut op_value) };
    let (mut kind, mut length, mut data, mut buffer, mut offset) = (0, 0usize, null_mut(), null_mut(), 0usize);
    // SAFETY: out-pointers to locals.
    let status = unsafe { napi_get_typedarray_info(env, slot, &mut kind, &mut length, &mut data, &mut buffer, &mut offset) };
    let bytes = TYPED_ARRAY_ELEMENT_SIZES.get(kind as usize).copied().unwrap_or(0) * length;
    // Some opcodes write a pointer or an i64 through the argument: 8 bytes at least (the facade checks too).
    if status != NAPI_OK || data.is_null() || bytes < 8 {
        // SAFETY: static strings.
        unsafe { napi_throw_type_error(env, c"ERR_INVALID_ARG_TYPE".as_ptr(), c"slot must be a TypedArray of 8 bytes or more".as_ptr()) };
        return null_mut();
    }
    let schema_pointer = schema.as_ref().map_or(null(), |bytes| bytes.as_ptr().cast::<c_char>());
    // SAFETY: a live connection; `data` has at least 8 writable bytes; the schema is NUL-terminated.
    let code = unsafe {
        let file_control: FileControlFn = connection.api.function(api_index::FILE_CONTROL);
        file_control(connection.db, schema_pointer, op_value, data)
    };
    // SAFETY: live env.
    unsafe { int32(env, code) }
}

/// `sqliteLastError(connection, out): string`
pub unsafe extern "C" fn sqlite_last_error(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback.
    let [connection, out] = unsafe { callback_args::<2>(env, info) };
    // SAFETY: live handles.
    let Some(connection) = (unsafe { connection_argument(env, connection) }) else { return unsafe { bad_argument(env) } };
    if connection.db.is_null() {
        // SAFETY: live env.
        return unsafe { undefined(env) };
    }
    // SAFETY: a live connection; errmsg's string lives until the next SQLite call, and is copied first.
    let (message, code) = unsafe {
        let errmsg: ErrmsgFn = connection.api.function(api_index::ERRMSG);
        let extended: IntOfDbFn = connection.api.function(api_index::EXTENDED_ERRCODE);
        let text = errmsg(connection.db);
        let message = if text.is_null() { Vec::new() } else { CStr::from_ptr(text).to_bytes().to_vec() };
        (message, extended(connection.db))
    };
    let (mut kind, mut length, mut data, mut buffer, mut offset) = (0, 0usize, null_mut(), null_mut(), 0usize);
    // SAFETY: out-pointers to locals.
    let status = unsafe { napi_get_typedarray_info(env, out, &mut kind, &mut length, &mut data, &mut buffer, &mut offset) };
    if status == NAPI_OK && !data.is_null() && TYPED_ARRAY_ELEMENT_SIZES.get(kind as usize) == Some(&4) && length > 0 {
        // SAFETY: a 4-byte element array with at least one element.
        unsafe { *data.cast::<i32>() = code };
    }
    let mut result = null_mut();
    // SAFETY: `message` holds `len` bytes of UTF-8 from SQLite.
    unsafe { napi_create_string_utf8(env, message.as_ptr().cast(), message.len(), &mut result) };
    result
}

unsafe fn c_string(env: napi_env, text: *const c_char) -> napi_value {
    let bytes = if text.is_null() {
        &[][..]
    } else {
        // SAFETY: SQLite passes NUL-terminated names.
        unsafe { CStr::from_ptr(text) }.to_bytes()
    };
    let mut result = null_mut();
    // SAFETY: `bytes` holds `len` bytes.
    unsafe { napi_create_string_utf8(env, bytes.as_ptr().cast(), bytes.len(), &mut result) };
    result
}

/// SQLite's update hook: runs inside `sqlite3_step`, on the thread that set it.
unsafe extern "C" fn on_update(data: *mut c_void, op: c_int, schema: *const c_char, table: *const c_char, rowid: i64) {
    // SAFETY: `data` is the boxed Hook installed with this callback; it outlives its installation.
    let hook = unsafe { &*data.cast::<Hook>() };
    if !hook.live {
        return;
    }
    let env = hook.env;
    let mut scope = null_mut();
    // SAFETY: SQLite calls this on the JS thread, inside a JS call into better-sqlite3.
    unsafe { napi_open_handle_scope(env, &mut scope) };
    let (mut target, mut dispatch) = (null_mut(), null_mut());
    // SAFETY: references of this env; a collected target reads as undefined.
    unsafe {
        napi_get_reference_value(env, hook.target, &mut target);
        napi_get_reference_value(env, hook.dispatch, &mut dispatch);
    }
    if !target.is_null() && !dispatch.is_null() {
        let mut rowid_value = null_mut();
        // SAFETY: out-pointers to locals; live env.
        unsafe {
            if hook.bigints {
                napi_create_bigint_int64(env, rowid, &mut rowid_value);
            } else {
                napi_create_double(env, rowid as f64, &mut rowid_value);
            }
            let argv = [target, int32(env, op), c_string(env, table), rowid_value, c_string(env, schema)];
            let mut result = null_mut();
            if napi_call_function(env, undefined(env), dispatch, argv.len(), argv.as_ptr(), &mut result) != NAPI_OK {
                report_exception(env);
            }
        }
    }
    // SAFETY: the scope opened above.
    unsafe { napi_close_handle_scope(env, scope) };
}

/// A hook that throws cannot unwind through SQLite: the exception is reported
/// as uncaught now (`process.on("uncaughtException")` sees it, as in Bun) and
/// the statement goes on.
unsafe fn report_exception(env: napi_env) {
    let mut pending = false;
    // SAFETY: live env.
    unsafe { napi_is_exception_pending(env, &mut pending) };
    if pending {
        let mut error = null_mut();
        // SAFETY: live env; clears this env's pending exception, which would otherwise surface later.
        unsafe {
            napi_get_and_clear_last_exception(env, &mut error);
            napi_fatal_exception(env, error);
        }
    }
}

/// `sqliteUpdateHook(connection, target, dispatch, bigints): void`
pub unsafe extern "C" fn sqlite_update_hook(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback.
    let [connection, target, dispatch, bigints] = unsafe { callback_args::<4>(env, info) };
    // SAFETY: live handles.
    let Some(connection) = (unsafe { connection_argument(env, connection) }) else { return unsafe { bad_argument(env) } };
    // SAFETY: live env.
    unsafe { connection.clear_hook(env) };
    let mut kind = 0;
    // SAFETY: live handle.
    unsafe { napi_typeof(env, target, &mut kind) };
    if kind != NAPI_OBJECT || connection.db.is_null() {
        // SAFETY: live env.
        return unsafe { undefined(env) };
    }
    let mut as_bigints = false;
    // SAFETY: a non-boolean leaves false.
    unsafe { napi_get_value_bool(env, bigints, &mut as_bigints) };
    let (mut target_ref, mut dispatch_ref) = (null_mut(), null_mut());
    // SAFETY: live handles; the target weakly (count 0), the dispatcher strongly.
    unsafe {
        napi_create_reference(env, target, 0, &mut target_ref);
        napi_create_reference(env, dispatch, 1, &mut dispatch_ref);
    }
    let hook = Box::new(Hook { env, target: target_ref, dispatch: dispatch_ref, bigints: as_bigints, live: true });
    let hook_pointer = (&*hook as *const Hook).cast_mut().cast::<c_void>();
    connection.hook = Some(hook);
    // SAFETY: a live connection; the hook box stays put until `clear_hook` uninstalls it.
    unsafe {
        let update_hook: UpdateHookFn = connection.api.function(api_index::UPDATE_HOOK);
        update_hook(connection.db, Some(on_update), hook_pointer);
        undefined(env)
    }
}

/// `sqliteDetach(connection): void`
pub unsafe extern "C" fn sqlite_detach(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback.
    let [connection] = unsafe { callback_args::<1>(env, info) };
    // SAFETY: live handles.
    let Some(connection) = (unsafe { connection_argument(env, connection) }) else { return unsafe { bad_argument(env) } };
    // SAFETY: live env.
    unsafe { connection.clear_hook(env) };
    connection.db = null_mut();
    // SAFETY: live env.
    unsafe { undefined(env) }
}
