//! `@dx-compat/native`: the N-API addon behind `@dx-compat/native`'s facade.
//!
//! Exports one function per `Bun.hash` algorithm, `(input, seedLo?, seedHi?)`,
//! plus `readFileSync(path, smallerThan?)` and `readFile(path)`, `mmap`, the
//! spawn and pseudo-terminal functions, `which`, `listDirectory`, and
//! `digest`, `digestStep`, `inflate` and `deflate` (Node's own OpenSSL and
//! zlib, found at run time), and the `sqlite*` functions behind `bun:sqlite`'s
//! `fileControl` and update hooks (this binary doubles as an SQLite extension,
//! see `sqlite_ext`). The JavaScript facade
//! normalises arguments (Bun's seed and input rules) before calling here, so
//! this layer only converts and computes. Every export has a TypeScript twin
//! in `src/internal/twin/` with the same contract (`src/internal/binding.ts`).

#![deny(unsafe_op_in_unsafe_fn)]

mod child_sys;
mod deflate;
mod digest;
mod hash;
mod host;
mod inflate;
mod input;
mod list_dir;
#[cfg(unix)]
mod mmap;
mod napi;
mod page_buffer;
mod socket_pair;
mod read_file;
mod spare;
mod sqlite_ext;
mod sqlite_rows;
mod which;
#[cfg(target_os = "linux")]
mod pty;
mod spawn;
#[cfg(target_os = "linux")]
mod spawn_async_napi;
mod spawn_napi;

use std::ffi::{c_char, c_void, CStr};
use std::ptr::null_mut;

use napi::*;
use page_buffer::PageBuffer;

/// How an algorithm takes its seed and returns its result.
#[derive(Clone, Copy)]
enum Hasher {
    /// No seed; a u32 result (a JS number).
    Unseeded32(fn(&[u8]) -> u32),
    /// A u32 seed; a u32 result.
    Seed32(fn(u32, &[u8]) -> u32),
    /// A u32 seed widened to u64 (Bun truncates it first); a u64 result (a BigInt).
    Seed32Wide(fn(u64, &[u8]) -> u64),
    /// A u64 seed; a u64 result.
    Seed64(fn(u64, &[u8]) -> u64),
}

const HASHERS: [(&CStr, Hasher); 12] = [
    (c"wyhash", Hasher::Seed64(hash::wyhash)),
    (c"adler32", Hasher::Unseeded32(hash::adler32)),
    (c"crc32", Hasher::Seed32(hash::crc32)),
    (c"cityHash32", Hasher::Unseeded32(hash::city_hash32)),
    (c"cityHash64", Hasher::Seed64(hash::city_hash64)),
    (c"xxHash32", Hasher::Seed32(hash::xxhash32)),
    (c"xxHash64", Hasher::Seed64(hash::xxhash64)),
    (c"xxHash3", Hasher::Seed32Wide(hash::xxhash3)),
    (c"murmur32v2", Hasher::Seed32(hash::murmur32v2)),
    (c"murmur32v3", Hasher::Seed32(hash::murmur32v3)),
    (c"murmur64v2", Hasher::Seed64(hash::murmur64v2)),
    (c"rapidhash", Hasher::Seed64(hash::rapidhash)),
];

enum Digest {
    Narrow(u32),
    Wide(u64),
}

impl Hasher {
    fn digest(self, bytes: &[u8], seed_lo: u32, seed_hi: u32) -> Digest {
        match self {
            Hasher::Unseeded32(f) => Digest::Narrow(f(bytes)),
            Hasher::Seed32(f) => Digest::Narrow(f(seed_lo, bytes)),
            Hasher::Seed32Wide(f) => Digest::Wide(f(u64::from(seed_lo), bytes)),
            Hasher::Seed64(f) => Digest::Wide(f(u64::from(seed_hi) << 32 | u64::from(seed_lo), bytes)),
        }
    }
}

/// Reads a u32 argument; anything else (absent, undefined) counts as 0. The
/// facade always passes unsigned 32-bit numbers.
unsafe fn u32_argument(env: napi_env, value: napi_value) -> u32 {
    let mut out = 0u32;
    // SAFETY: live handle; on a non-number Node leaves `out` untouched.
    let _ = unsafe { napi_get_value_uint32(env, value, &mut out) };
    out
}

unsafe fn throw_type_error(env: napi_env, code: &CStr, message: &CStr) -> napi_value {
    // SAFETY: both strings are NUL-terminated statics.
    unsafe { napi_throw_type_error(env, code.as_ptr(), message.as_ptr()) };
    null_mut()
}

unsafe extern "C" fn hash_callback(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 3usize;
    let mut argv = [null_mut(); 3];
    let mut data: *mut c_void = null_mut();
    // SAFETY: argv holds `argc` slots; missing arguments are filled with undefined.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), &mut data) };
    let (_, hasher) = HASHERS[data as usize];
    // SAFETY: argv entries are live handles of this callback.
    let seed_lo = if argc > 1 { unsafe { u32_argument(env, argv[1]) } } else { 0 };
    // SAFETY: as above.
    let seed_hi = if argc > 2 { unsafe { u32_argument(env, argv[2]) } } else { 0 };
    // SAFETY: as above.
    let digest = unsafe { input::with_bytes(env, argv[0], |bytes| hasher.digest(bytes, seed_lo, seed_hi)) };
    let mut result = null_mut();
    match digest {
        // SAFETY: out-pointer to a local.
        Some(Digest::Narrow(value)) => unsafe { napi_create_uint32(env, value, &mut result) },
        // SAFETY: out-pointer to a local.
        Some(Digest::Wide(value)) => unsafe { napi_create_bigint_uint64(env, value, &mut result) },
        // SAFETY: static messages.
        None => return unsafe { throw_type_error(env, c"ERR_INVALID_ARG_TYPE", c"input must be a string or a TypedArray") },
    };
    result
}

/// Hands a buffer to JavaScript without copying; the Buffer's finalizer gives
/// the memory back (to `spare`, or to the allocator).
unsafe fn buffer_to_js(env: napi_env, bytes: PageBuffer) -> napi_value {
    let mut result = null_mut();
    if bytes.len() == 0 {
        let mut data = null_mut();
        // SAFETY: a zero-length copy reads nothing.
        unsafe { napi_create_buffer_copy(env, 0, bytes.as_ptr().cast(), &mut data, &mut result) };
        return result;
    }
    let (pointer, length, capacity) = bytes.into_raw_parts();
    // SAFETY: `pointer` stays valid until `release_buffer` runs, which rebuilds
    // the buffer from the same parts (capacity travels as the hint).
    let status = unsafe {
        napi_create_external_buffer(env, length, pointer.cast(), release_buffer, capacity as *mut c_void, &mut result)
    };
    if status == NAPI_OK {
        // Tell V8 what the Buffer holds, so its GC (and so the finalizer that
        // recycles the memory) keeps pace with large reads.
        let mut total = 0i64;
        // SAFETY: live env; out-pointer to a local.
        unsafe { napi_adjust_external_memory(env, capacity as i64, &mut total) };
        return result;
    }
    // Runtimes that forbid external buffers (a V8 sandbox) get a copy.
    // SAFETY: the parts came from `into_raw_parts` just above and were not handed out.
    let bytes = unsafe { PageBuffer::from_raw_parts(pointer, length, capacity) };
    let mut data = null_mut();
    // SAFETY: copies `length` initialised bytes.
    unsafe { napi_create_buffer_copy(env, length, bytes.as_ptr().cast(), &mut data, &mut result) };
    result
}

unsafe extern "C" fn release_buffer(env: napi_env, data: *mut c_void, hint: *mut c_void) {
    let mut total = 0i64;
    // SAFETY: finalizers may adjust external memory; out-pointer to a local.
    unsafe { napi_adjust_external_memory(env, -(hint as i64), &mut total) };
    // SAFETY: `data` and `hint` are the pointer and capacity `buffer_to_js`
    // handed over; the length does not matter once JavaScript is done.
    spare::give_back(unsafe { PageBuffer::from_raw_parts(data.cast::<u8>(), 0, hint as usize) });
}

unsafe fn outcome_value(env: napi_env, outcome: Result<PageBuffer, read_file::Failure>) -> napi_value {
    match outcome {
        // SAFETY: live env.
        Ok(bytes) => unsafe { buffer_to_js(env, bytes) },
        Err(failure) => {
            let mut result = null_mut();
            // SAFETY: out-pointer to a local.
            unsafe { napi_create_uint32(env, failure, &mut result) };
            result
        }
    }
}

unsafe fn path_argument(env: napi_env, value: napi_value) -> Option<String> {
    let mut path = None;
    // SAFETY: live handle.
    unsafe {
        input::with_bytes(env, value, |bytes| path = std::str::from_utf8(bytes).ok().map(str::to_owned));
    }
    path
}

/// `readFileSync(path: string, smallerThan?: number): Buffer | number | undefined`
/// — the number is a failure code. With `smallerThan`, only a regular file of
/// fewer bytes is read; anything else (larger, a FIFO, a device) gives
/// `undefined` without reading, so callers can read small files synchronously
/// and leave the rest to the asynchronous path.
unsafe extern "C" fn read_file_sync(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 2usize;
    let mut argv = [null_mut(); 2];
    // SAFETY: two argument slots.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    // SAFETY: live callback handles.
    let Some(path) = (unsafe { path_argument(env, argv[0]) }) else {
        // SAFETY: static messages.
        return unsafe { throw_type_error(env, c"ERR_INVALID_ARG_TYPE", c"path must be a string") };
    };
    let mut limit = 0u32;
    // SAFETY: a missing or non-number argument leaves `limit` at 0 (no limit).
    if argc > 1 && unsafe { napi_get_value_uint32(env, argv[1], &mut limit) } != NAPI_OK {
        limit = 0;
    }
    if limit == 0 {
        // SAFETY: live env.
        return unsafe { outcome_value(env, read_file::read_whole_file(&path)) };
    }
    thread_local! {
        static SMALL_READS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SMALL_READS.with_borrow_mut(|bytes| match read_file::read_small_file(&path, limit as u64, bytes) {
        Ok(false) => null_mut(),
        Ok(true) => {
            let mut result = null_mut();
            let mut data = null_mut();
            // SAFETY: `bytes` holds `len` initialised bytes for the copy.
            unsafe { napi_create_buffer_copy(env, bytes.len(), bytes.as_ptr().cast(), &mut data, &mut result) };
            result
        }
        // SAFETY: live env.
        Err(failure) => unsafe { outcome_value(env, Err(failure)) },
    })
}

struct ReadJob {
    path: String,
    deferred: napi_deferred,
    work: napi_async_work,
    outcome: Option<Result<PageBuffer, read_file::Failure>>,
}

unsafe extern "C" fn read_job_execute(_env: napi_env, data: *mut c_void) {
    // SAFETY: `data` is the job boxed by `read_file_async`; only this thread
    // touches it until `read_job_complete`.
    let job = unsafe { &mut *data.cast::<ReadJob>() };
    job.outcome = Some(read_file::read_whole_file(&job.path));
}

unsafe extern "C" fn read_job_complete(env: napi_env, _status: napi_status, data: *mut c_void) {
    // SAFETY: ownership of the boxed job comes back to the main thread here.
    let job = unsafe { Box::from_raw(data.cast::<ReadJob>()) };
    // A cancelled job has no outcome; report it as an interrupted read.
    let outcome = job.outcome.unwrap_or(Err(4 * 4 + read_file::Syscall::Read as u32));
    // SAFETY: live env on the main thread.
    unsafe {
        let value = outcome_value(env, outcome);
        napi_resolve_deferred(env, job.deferred, value);
        napi_delete_async_work(env, job.work);
    }
}

/// `readFile(path: string): Promise<Buffer | number>`, read on libuv's pool.
unsafe extern "C" fn read_file_async(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 1usize;
    let mut argv = [null_mut(); 1];
    // SAFETY: one argument slot.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    // SAFETY: live callback handles.
    let Some(path) = (unsafe { path_argument(env, argv[0]) }) else {
        // SAFETY: static messages.
        return unsafe { throw_type_error(env, c"ERR_INVALID_ARG_TYPE", c"path must be a string") };
    };
    let mut promise = null_mut();
    let mut deferred = null_mut();
    let mut name = null_mut();
    // SAFETY: out-pointers to locals; the job box is reclaimed in `read_job_complete`.
    unsafe {
        napi_create_promise(env, &mut deferred, &mut promise);
        let label = c"dx-compat:readFile";
        napi_create_string_utf8(env, label.as_ptr(), label.to_bytes().len(), &mut name);
        let job = Box::into_raw(Box::new(ReadJob { path, deferred, work: null_mut(), outcome: None }));
        napi_create_async_work(env, null_mut(), name, read_job_execute, read_job_complete, job.cast(), &mut (*job).work);
        napi_queue_async_work(env, (*job).work);
    }
    promise
}

/// Where there is no `mmap` (Windows), the function exists and reports ENOSYS from `mmap`.
#[cfg(not(unix))]
unsafe extern "C" fn mmap_unsupported(env: napi_env, _info: napi_callback_info) -> napi_value {
    const ENOSYS: u32 = 38;
    let mut result = null_mut();
    // SAFETY: out-pointer to a local.
    unsafe { napi_create_uint32(env, ENOSYS * 4 + read_file::Syscall::Mmap as u32, &mut result) };
    result
}

unsafe fn export(env: napi_env, exports: napi_value, name: &CStr, callback: napi_callback, data: usize) {
    let mut function = null_mut();
    // SAFETY: static name; `data` is an index, never dereferenced.
    unsafe {
        napi_create_function(env, name.as_ptr(), name.to_bytes().len(), callback, data as *mut c_void, &mut function);
        napi_set_named_property(env, exports, name.as_ptr().cast::<c_char>(), function);
    }
}

/// The module entry point Node looks up after `dlopen`.
///
/// # Safety
/// Called by Node with a live env and exports object.
#[no_mangle]
pub unsafe extern "C" fn napi_register_module_v1(env: napi_env, exports: napi_value) -> napi_value {
    for (index, (name, _)) in HASHERS.iter().enumerate() {
        // SAFETY: live env and exports.
        unsafe { export(env, exports, name, hash_callback, index) };
    }
    // SAFETY: live env and exports.
    unsafe {
        export(env, exports, c"readFileSync", read_file_sync, 0);
        export(env, exports, c"readFile", read_file_async, 0);
        #[cfg(unix)]
        export(env, exports, c"mmap", mmap::mmap_callback, 0);
        #[cfg(not(unix))]
        export(env, exports, c"mmap", mmap_unsupported, 0);
        export(env, exports, c"spawnSync", spawn_napi::spawn_sync, 0);
        export(env, exports, c"ptyOpen", pty::pty_open, 0);
        export(env, exports, c"ptyResize", pty::pty_resize, 0);
        export(env, exports, c"ptyGetFlags", pty::pty_get_flags, 0);
        export(env, exports, c"ptySetFlag", pty::pty_set_flag, 0);
        export(env, exports, c"ptySetRawMode", pty::pty_set_raw_mode, 0);
        export(env, exports, c"which", which::which_callback, 0);
        export(env, exports, c"socketPair", socket_pair::socket_pair_callback, 0);
        export(env, exports, c"listDirectory", list_dir::list_directory_callback, 0);
        export(env, exports, c"digest", digest::digest_callback, 0);
        export(env, exports, c"digestStep", digest::digest_step_callback, 0);
        export(env, exports, c"inflate", inflate::inflate_callback, 0);
        export(env, exports, c"deflate", deflate::deflate_callback, 0);
        export(env, exports, c"sqliteAttach", sqlite_ext::sqlite_attach, 0);
        export(env, exports, c"sqliteFileControl", sqlite_ext::sqlite_file_control, 0);
        export(env, exports, c"sqliteLastError", sqlite_ext::sqlite_last_error, 0);
        export(env, exports, c"sqliteUpdateHook", sqlite_ext::sqlite_update_hook, 0);
        export(env, exports, c"sqliteDetach", sqlite_ext::sqlite_detach, 0);
        export(env, exports, c"sqliteRowBuffer", sqlite_rows::row_buffer, 0);
        export(env, exports, c"sqliteAdoptStatement", sqlite_rows::adopt_statement, 0);
        export(env, exports, c"sqliteReleaseStatement", sqlite_rows::release_statement, 0);
        export(env, exports, c"sqliteReadRows", sqlite_rows::read_rows, 0);
        export(env, exports, c"sqliteResetStatement", sqlite_rows::reset_statement, 0);
        export(env, exports, c"sqliteRunStatement", sqlite_rows::run_statement, 0);
        #[cfg(target_os = "linux")]
        export(env, exports, c"spawn", spawn_async_napi::spawn_async, 0);
        #[cfg(target_os = "linux")]
        export(env, exports, c"spawnRef", spawn_async_napi::spawn_ref, 0);
        #[cfg(not(target_os = "linux"))]
        export(env, exports, c"spawn", spawn_napi::spawn_async, 0);
        #[cfg(not(target_os = "linux"))]
        export(env, exports, c"spawnRef", spawn_napi::spawn_async, 0);
    }
    exports
}
