//! `spawn(request, onExit)`: starts a process and returns at once with its
//! pid and the parent's ends of its pipes; `onExit(exitCode, signalCode,
//! resourceUsage)` runs on the JS thread when it ends.
//!
//! Each child gets a small waiter thread blocked in `wait4(pid)` (libuv's
//! pool is never blocked), which hands the status to the JS thread through
//! one thread-safe function per thread (env). That function keeps the event
//! loop alive only while children are pending.

use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::ptr::null_mut;
use std::sync::{Arc, Mutex};

use crate::napi::*;
use crate::spawn::{self, Exit, RUsage};
use crate::spawn_napi::linux::{with_request, Builder, Invalid, Scratch, SCRATCH};

thread_local! {
    /// This thread's exit channel, made on first use.
    static CHANNEL: Cell<napi_threadsafe_function> = const { Cell::new(null_mut()) };
    /// Children whose exit has not been delivered yet.
    static PENDING: Cell<usize> = const { Cell::new(0) };
    /// Whether the channel still exists, shared with the waiters (see `Live`).
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
}

/// Node deletes a thread-safe function when its env is torn down (a Worker
/// ending, say), whether or not threads still hold it. Waiters therefore use
/// the channel only under this lock and only while it says true; the
/// channel's finalizer sets it to false under the same lock.
type Live = Arc<Mutex<bool>>;

unsafe extern "C" fn channel_closed(_env: napi_env, data: *mut c_void, _hint: *mut c_void) {
    // SAFETY: the Arc handed over in `channel`, given back once.
    let live = unsafe { Arc::from_raw(data.cast::<Mutex<bool>>().cast_const()) };
    *live.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = false;
}

struct Exited {
    callback: napi_ref,
    outcome: Option<(Exit, RUsage)>,
}

/// The waiter's handle on the channel and the JS callback (pointers are not Send).
struct Waiter {
    channel: usize,
    live: Live,
    exited: Box<Exited>,
    pid: i32,
}

// SAFETY: the waiter thread never dereferences the JS reference; it only
// carries it back to the JS thread through the channel.
unsafe impl Send for Waiter {}

unsafe fn channel(env: napi_env) -> napi_threadsafe_function {
    let existing = CHANNEL.with(Cell::get);
    if !existing.is_null() {
        return existing;
    }
    let mut name = null_mut();
    let mut channel = null_mut();
    let label = c"dx-compat:spawn";
    let live: Live = Arc::new(Mutex::new(true));
    let finalize_data = Arc::into_raw(live.clone()).cast_mut().cast::<c_void>();
    // SAFETY: live env; no JS function (deliver calls each child's own callback).
    unsafe {
        napi_create_string_utf8(env, label.as_ptr(), label.to_bytes().len(), &mut name);
        napi_create_threadsafe_function(
            env,
            null_mut(),
            null_mut(),
            name,
            0,
            1,
            finalize_data,
            Some(channel_closed),
            null_mut(),
            Some(deliver),
            &mut channel,
        );
        napi_unref_threadsafe_function(env, channel);
    }
    CHANNEL.with(|cell| cell.set(channel));
    LIVE.with(|cell| *cell.borrow_mut() = Some(live));
    channel
}

/// Hands an exit to the JS thread, if the channel is still there (else the
/// box leaks: its JS reference may only be touched on the JS thread).
fn send(channel: napi_threadsafe_function, live: &Live, exited: Box<Exited>) {
    let alive = live.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if *alive {
        // SAFETY: the channel exists while `alive` holds, and its finalizer waits for this lock.
        unsafe {
            napi_call_threadsafe_function(channel, Box::into_raw(exited).cast(), NAPI_TSFN_NONBLOCKING);
            napi_release_threadsafe_function(channel, NAPI_TSFN_RELEASE);
        }
    } else {
        std::mem::forget(exited);
    }
}

/// Runs on the JS thread: calls the child's onExit. `env` is null while the
/// env is being torn down; then only the memory is freed.
unsafe extern "C" fn deliver(env: napi_env, _js: napi_value, _context: *mut c_void, data: *mut c_void) {
    // SAFETY: the box the waiter handed over.
    let exited = unsafe { Box::from_raw(data.cast::<Exited>()) };
    if env.is_null() {
        return;
    }
    let left = PENDING.with(|pending| {
        pending.set(pending.get() - 1);
        pending.get()
    });
    if left == 0 {
        // SAFETY: live env; the channel exists since a child was spawned.
        unsafe { napi_unref_threadsafe_function(env, CHANNEL.with(Cell::get)) };
    }
    let builder = Builder { env };
    let (code, signal, usage) = match exited.outcome {
        Some((Exit::Code(code), usage)) => (builder.int(code), builder.null(), builder.resource_usage(Some(usage))),
        Some((Exit::Signal(signal), usage)) => (builder.null(), builder.int(signal), builder.resource_usage(Some(usage))),
        None => (builder.null(), builder.null(), builder.null()),
    };
    let mut callback = null_mut();
    let mut receiver = null_mut();
    let mut result = null_mut();
    // SAFETY: live env; the reference was made in `spawn_async` and is deleted here, once.
    unsafe {
        napi_get_reference_value(env, exited.callback, &mut callback);
        napi_delete_reference(env, exited.callback);
        napi_get_undefined(env, &mut receiver);
        napi_call_function(env, receiver, callback, 3, [code, signal, usage].as_ptr(), &mut result);
    }
}

fn wait_then_deliver(waiter: Waiter) {
    let Waiter { channel, live, mut exited, pid } = waiter;
    exited.outcome = spawn::wait(pid);
    send(channel as napi_threadsafe_function, &live, exited);
}

unsafe fn started_object(env: napi_env, started: Result<spawn::Started, i32>) -> (napi_value, Option<i32>) {
    let builder = Builder { env };
    let object = builder.object();
    let (pid, errno, fds) = match started {
        Ok(started) => {
            let fds = [started.stdin, started.stdout, started.stderr].map(|fd| fd.map_or(-1, spawn::Fd::into_raw));
            (started.pid, 0, fds)
        }
        Err(errno) => (0, errno, [-1; 3]),
    };
    builder.set(object, c"pid", builder.int(pid));
    builder.set(object, c"errno", builder.int(errno));
    builder.set(object, c"stdin", builder.int(fds[0]));
    builder.set(object, c"stdout", builder.int(fds[1]));
    builder.set(object, c"stderr", builder.int(fds[2]));
    (object, (pid > 0).then_some(pid))
}

/// `spawn(request, onExit)`; see the module comment.
pub unsafe extern "C" fn spawn_async(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 2usize;
    let mut argv = [null_mut(); 2];
    // SAFETY: two argument slots.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    let started = SCRATCH.with(|scratch| {
        let mut fallback = Scratch::default();
        let mut borrowed = scratch.try_borrow_mut();
        let scratch = borrowed.as_deref_mut().unwrap_or(&mut fallback);
        // SAFETY: live handles; the strings outlive `start`.
        unsafe { with_request(env, argv[0], scratch, |request| spawn::start(request)) }
    });
    let started = match started {
        Ok(started) => started,
        Err(Invalid::Nul) => Err(22),
        Err(Invalid::Shape(message)) => {
            // SAFETY: static strings.
            unsafe { napi_throw_type_error(env, c"ERR_INVALID_ARG_TYPE".as_ptr(), message.as_ptr()) };
            return null_mut();
        }
    };
    // SAFETY: live env.
    let (object, pid) = unsafe { started_object(env, started) };
    let Some(pid) = pid else { return object };
    let mut callback = null_mut();
    // SAFETY: live env and handle; the reference is deleted in `deliver`.
    let channel = unsafe {
        napi_create_reference(env, argv[1], 1, &mut callback);
        channel(env)
    };
    if PENDING.with(|pending| pending.replace(pending.get() + 1)) == 0 {
        // SAFETY: live env, our channel.
        unsafe { napi_ref_threadsafe_function(env, channel) };
    }
    // SAFETY: acquired here, released by the waiter after its call.
    unsafe { napi_acquire_threadsafe_function(channel) };
    let Some(live) = LIVE.with(|cell| cell.borrow().clone()) else { return object };
    let waiter = Waiter { channel: channel as usize, live: live.clone(), exited: Box::new(Exited { callback, outcome: None }), pid };
    // A waiter only calls wait4 and the channel: a small stack is plenty.
    let spawned = std::thread::Builder::new().stack_size(64 * 1024).spawn(move || wait_then_deliver(waiter));
    if spawned.is_err() {
        // No thread (EAGAIN): wait here rather than leave a zombie and a callback never called.
        // This blocks the JS thread, but only when the system is out of threads.
        send(channel, &live, Box::new(Exited { callback, outcome: spawn::wait(pid) }));
    }
    object
}
