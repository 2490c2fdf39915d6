//! `spawn(request, onExit, started)`: starts a process and returns at once;
//! `onExit(exitCode, signalCode, ...usage, execErrno)` runs on the JS thread when it ends.
//!
//! "At once" includes the exec, for a (file, cwd) pair that has exec'd here
//! before: `clone(CLONE_VM)` without `CLONE_VFORK`, the child on its own small
//! stack and plan, which live (with the request's strings) until it is reaped,
//! so the JS thread is not suspended while the kernel builds the new image,
//! most of a spawn's cost. A new pair waits for its exec (vfork semantics), so
//! the failures a program can expect are still reported synchronously, as Bun
//! does; see `known_good`.
//!
//! One reaper thread for the whole process watches every child through a
//! pidfd in one epoll set, reaps the ones that exited with `wait4` and hands
//! their exits to the JS thread in one batch per wake-up, through one
//! thread-safe function per env (the "channel"). Where the kernel has no
//! pidfds (Linux < 5.3) a child gets its own small waiter thread blocked in
//! `wait4` instead. libuv's pool is never blocked. The channel does not hold
//! the event loop by itself: the JS side counts its live, referenced children
//! and calls `spawnRef(true/false)` when that count leaves or reaches zero.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;
use std::sync::{Arc, Mutex, OnceLock};

use crate::napi::*;
use crate::spawn::{self, usage, ChildMemory, Exit, RUsage, Request, Started};
use crate::spawn_napi::linux::{with_request, Invalid, Scratch, SCRATCH};

thread_local! {
    /// This thread's exit channel, made on first use.
    static CHANNEL: Cell<napi_threadsafe_function> = const { Cell::new(null_mut()) };
    /// Whether the channel still exists, shared with the reaper (see `Live`).
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
}

/// Node deletes a thread-safe function when its env is torn down (a Worker
/// ending, say), whether or not threads still hold it. The reaper therefore
/// uses the channel only under this lock and only while it says true; the
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
    /// The errno of a child that failed before exec, known only once it was
    /// reaped (see `Unwaited`); 0 otherwise.
    exec_error: i32,
}

// ------------------------------------------------- spawning without waiting

/// A child the parent did not wait for (`spawn::start_unwaited`): the memory
/// it ran on until its exec, which lives until it is reaped.
struct Unwaited {
    memory: Box<ChildMemory>,
    /// The request's strings, which the child's exec reads: only kept alive.
    _strings: Scratch,
    key: Vec<u8>,
}

impl Unwaited {
    /// After the child was reaped: its exec error, if any; the memory is freed.
    fn finish(self) -> i32 {
        let error = self.memory.exec_error();
        if error != 0 {
            // Whatever changed (the file replaced, the folder removed), the next
            // spawn of this pair waits for its exec again and reports synchronously.
            known_good().lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&self.key);
        }
        error
    }
}

/// (file, cwd) pairs that have exec'd here before. A spawn waits for its
/// child's exec (vfork semantics) until its pair is known, so every failure a
/// program can expect (no such file, not executable, bad format, bad cwd) is
/// reported synchronously, as Bun reports it; a known pair's spawns return at
/// once. A known pair can still fail if its file or folder changed since;
/// that failure surfaces at the child's exit (`exec_error`).
fn known_good() -> &'static Mutex<HashSet<Vec<u8>>> {
    static KNOWN: OnceLock<Mutex<HashSet<Vec<u8>>>> = OnceLock::new();
    KNOWN.get_or_init(|| Mutex::new(HashSet::new()))
}

/// More than this in argv and env and the child waits (E2BIG is then possible).
const UNWAITED_IMAGE_LIMIT: usize = 96 * 1024;

/// The known-good key of a request, if it may be spawned without waiting:
/// an absolute file (a relative one depends on the process's cwd at exec),
/// no controlling terminal, a modest argv and env.
unsafe fn unwaited_key(request: &Request) -> Option<Vec<u8>> {
    if request.ctty || !crate::child_sys::RAW {
        return None;
    }
    // SAFETY: the request's NUL-terminated strings and NULL-terminated arrays.
    let file = unsafe { CStr::from_ptr(request.file) }.to_bytes();
    if file.first() != Some(&b'/') {
        return None;
    }
    // SAFETY: as above.
    if unsafe { image_bytes(request.argv) + image_bytes(request.envp) } > UNWAITED_IMAGE_LIMIT {
        return None;
    }
    let mut key = Vec::with_capacity(file.len() + 1 + request.cwd.map_or(0, |cwd| cwd.to_bytes().len()));
    key.extend_from_slice(file);
    key.push(0);
    if let Some(cwd) = request.cwd {
        key.extend_from_slice(cwd.to_bytes());
    }
    Some(key)
}

/// Bytes of a NULL-terminated array of C strings, terminators included.
unsafe fn image_bytes(mut array: *const *const std::ffi::c_char) -> usize {
    let mut total = 0;
    // SAFETY: the caller's NULL-terminated array of NUL-terminated strings.
    unsafe {
        while !(*array).is_null() {
            total += CStr::from_ptr(*array).to_bytes().len() + 1;
            array = array.add(1);
        }
    }
    total
}

enum Launched {
    Waited(Started),
    Unwaited(Started, Box<ChildMemory>, Vec<u8>),
}

/// Spawns without waiting for the exec where the pair is known good, else waits and learns it.
unsafe fn launch(request: &Request) -> Result<Launched, i32> {
    // SAFETY: the caller's request.
    let key = unsafe { unwaited_key(request) };
    if let Some(key) = key {
        let known = known_good().lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(&key);
        if known {
            // SAFETY: the scratch holding the request's strings moves into the
            // reaper's record with the memory and is freed with it.
            let (started, memory) = unsafe { spawn::start_unwaited(request) }?;
            return Ok(Launched::Unwaited(started, memory, key));
        }
        // SAFETY: the caller's request.
        let started = unsafe { spawn::start(request) }?;
        known_good().lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key);
        return Ok(Launched::Waited(started));
    }
    // SAFETY: the caller's request.
    Ok(Launched::Waited(unsafe { spawn::start(request) }?))
}

/// Exits for one channel, delivered by one call.
type Batch = Vec<Exited>;

/// One child on its way to being reaped, with what its exit needs (pointers are not Send).
struct Watched {
    channel: usize,
    live: Live,
    exited: Exited,
    pid: i32,
    /// The pidfd in the reaper's epoll set (-1 on the thread-per-child path).
    pidfd: c_int,
    unwaited: Option<Unwaited>,
}

impl Watched {
    /// Reaps the child (it has exited, or the caller may block) and frees what it ran on.
    fn reap(&mut self) {
        self.exited.outcome = spawn::wait(self.pid);
        if let Some(unwaited) = self.unwaited.take() {
            self.exited.exec_error = unwaited.finish();
        }
    }
}

// SAFETY: the reaper never dereferences the JS reference; it only carries it
// back to the JS thread through the channel.
unsafe impl Send for Watched {}

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
    // The initial thread count is never released: the channel lives as long as its env.
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

/// Hands exits to the JS thread, if the channel is still there (else the
/// batch leaks: its JS references may only be touched on the JS thread).
fn send(channel: usize, live: &Live, batch: Batch) {
    let alive = live.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if *alive {
        // SAFETY: the channel exists while `alive` holds, and its finalizer waits for this lock.
        unsafe {
            napi_call_threadsafe_function(channel as napi_threadsafe_function, Box::into_raw(Box::new(batch)).cast(), NAPI_TSFN_NONBLOCKING);
        }
    } else {
        std::mem::forget(batch);
    }
}

/// The arguments of one onExit call: code, signal, then the resource usage
/// flat (user and system CPU in µs, maxRSS in bytes, ixrss, nswap, inblock,
/// oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw); the JS side builds the
/// object, then the errno of a child that failed before exec (0 if it exec'd).
/// Without an outcome (the child was reaped elsewhere) only two nulls.
unsafe fn exit_arguments(env: napi_env, outcome: Option<(Exit, RUsage)>, exec_error: i32, args: &mut [napi_value; 15]) -> usize {
    let mut null = null_mut();
    // SAFETY: live env; out-pointers into `args`.
    unsafe {
        napi_get_null(env, &mut null);
        let Some((exit, rusage)) = outcome else {
            args[0] = null;
            args[1] = null;
            return 2;
        };
        let (code, signal) = match exit {
            Exit::Code(code) => (code, None),
            Exit::Signal(signal) => (0, Some(signal)),
        };
        match signal {
            None => {
                napi_create_int32(env, code, &mut args[0]);
                args[1] = null;
            }
            Some(signal) => {
                args[0] = null;
                napi_create_int32(env, signal, &mut args[1]);
            }
        }
        let fields = [
            rusage.user_micros() as f64,
            rusage.system_micros() as f64,
            // Linux reports KiB; Bun reports bytes.
            rusage.field(usage::MAX_RSS) as f64 * 1024.0,
            rusage.field(usage::IXRSS) as f64,
            rusage.field(usage::NSWAP) as f64,
            rusage.field(usage::INBLOCK) as f64,
            rusage.field(usage::OUBLOCK) as f64,
            rusage.field(usage::MSGSND) as f64,
            rusage.field(usage::MSGRCV) as f64,
            rusage.field(usage::NSIGNALS) as f64,
            rusage.field(usage::NVCSW) as f64,
            rusage.field(usage::NIVCSW) as f64,
        ];
        for (slot, value) in args[2..14].iter_mut().zip(fields) {
            napi_create_double(env, value, slot);
        }
        napi_create_int32(env, exec_error, &mut args[14]);
    }
    15
}

/// Runs on the JS thread: calls each child's onExit. `env` is null while the
/// env is being torn down; then only the memory is freed.
unsafe extern "C" fn deliver(env: napi_env, _js: napi_value, _context: *mut c_void, data: *mut c_void) {
    // SAFETY: the batch the reaper handed over.
    let batch = unsafe { Box::from_raw(data.cast::<Batch>()) };
    if env.is_null() {
        return;
    }
    let mut receiver = null_mut();
    // SAFETY: live env.
    unsafe { napi_get_undefined(env, &mut receiver) };
    for exited in *batch {
        let mut args = [null_mut(); 15];
        let mut callback = null_mut();
        let mut result = null_mut();
        let mut pending = false;
        // SAFETY: live env; the reference was made in `spawn_async` and is deleted here, once.
        unsafe {
            let argc = exit_arguments(env, exited.outcome, exited.exec_error, &mut args);
            napi_get_reference_value(env, exited.callback, &mut callback);
            napi_delete_reference(env, exited.callback);
            napi_call_function(env, receiver, callback, argc, args.as_ptr(), &mut result);
            // A throwing callback must not cost the rest of the batch their calls.
            napi_is_exception_pending(env, &mut pending);
            if pending {
                let mut error = null_mut();
                napi_get_and_clear_last_exception(env, &mut error);
                napi_fatal_exception(env, error);
            }
        }
    }
}

// ---------------------------------------------------------------- the reaper

/// `struct epoll_event`: packed on x86-64 only.
#[cfg_attr(target_arch = "x86_64", repr(C, packed))]
#[cfg_attr(not(target_arch = "x86_64"), repr(C))]
#[derive(Clone, Copy)]
struct EpollEvent {
    events: u32,
    data: u64,
}

extern "C" {
    fn epoll_create1(flags: c_int) -> c_int;
    fn epoll_ctl(epoll: c_int, op: c_int, fd: c_int, event: *mut EpollEvent) -> c_int;
    fn epoll_wait(epoll: c_int, events: *mut EpollEvent, max: c_int, timeout: c_int) -> c_int;
    fn close(fd: c_int) -> c_int;
}

const EPOLL_CLOEXEC: c_int = 0o2000000;
const EPOLL_CTL_ADD: c_int = 1;
const EPOLL_CTL_DEL: c_int = 2;
const EPOLLIN: u32 = 0x1;
const EPOLLONESHOT: u32 = 1 << 30;
/// Exits reaped per wake-up at most.
const REAP_BATCH: usize = 64;

/// The reaper's epoll set, made (with its thread) on first use; None if either failed.
static REAPER: OnceLock<Option<c_int>> = OnceLock::new();

fn reaper() -> Option<c_int> {
    *REAPER.get_or_init(|| {
        // SAFETY: plain syscall.
        let epoll = unsafe { epoll_create1(EPOLL_CLOEXEC) };
        if epoll < 0 {
            return None;
        }
        // The reaper only calls epoll_wait, wait4 and the channel: a small stack is plenty.
        let spawned = std::thread::Builder::new().name("dx-compat-reap".into()).stack_size(128 * 1024).spawn(move || reap(epoll));
        if spawned.is_err() {
            // SAFETY: our own descriptor, unused.
            unsafe { close(epoll) };
            return None;
        }
        Some(epoll)
    })
}

/// The reaper thread: runs for the life of the process.
fn reap(epoll: c_int) {
    let mut events = [EpollEvent { events: 0, data: 0 }; REAP_BATCH];
    let mut batches: Vec<(usize, Live, Batch)> = Vec::new();
    loop {
        // SAFETY: room for REAP_BATCH events.
        let ready = unsafe { epoll_wait(epoll, events.as_mut_ptr(), REAP_BATCH as c_int, -1) };
        for event in &events[..ready.max(0) as usize] {
            let data = event.data;
            // SAFETY: the box `watch` put in the set; it fires once (one-shot, then deleted).
            let watched = unsafe { Box::from_raw(data as *mut Watched) };
            let mut watched = *watched;
            let pidfd = watched.pidfd;
            // Closing alone would not do: a child being spawned at this moment
            // holds a copy of the descriptor until it execs, and the set
            // drops an entry only when its file is gone.
            // SAFETY: the pidfd `watch` opened; nothing else closes it.
            unsafe {
                epoll_ctl(epoll, EPOLL_CTL_DEL, pidfd, null_mut());
                close(pidfd);
            }
            // The pidfd was readable: the child is a zombie, so this does not block.
            watched.reap();
            let Watched { channel, live, exited, .. } = watched;
            match batches.iter_mut().find(|(to, same, _)| *to == channel && Arc::ptr_eq(same, &live)) {
                Some((_, _, batch)) => batch.push(exited),
                None => batches.push((channel, live, vec![exited])),
            }
        }
        for (channel, live, batch) in batches.drain(..) {
            send(channel, &live, batch);
        }
    }
}

/// Puts the child in the reaper's set; gives it back if there is no reaper or no pidfd.
fn watch(mut watched: Box<Watched>) -> Result<(), Box<Watched>> {
    let Some(epoll) = reaper() else { return Err(watched) };
    let Some(pidfd) = spawn::exit_watch(watched.pid) else { return Err(watched) };
    let pidfd = pidfd.into_raw();
    watched.pidfd = pidfd;
    let boxed = Box::into_raw(watched);
    let mut event = EpollEvent { events: EPOLLIN | EPOLLONESHOT, data: boxed as u64 };
    // SAFETY: live descriptors; from here the reaper owns the box (it may already be gone).
    if unsafe { epoll_ctl(epoll, EPOLL_CTL_ADD, pidfd, &mut event) } == 0 {
        return Ok(());
    }
    // SAFETY: not in the set, so still ours.
    let mut watched = unsafe { Box::from_raw(boxed) };
    // SAFETY: our pidfd.
    unsafe { close(pidfd) };
    watched.pidfd = -1;
    Err(watched)
}

/// The path without pidfds: a small thread per child, blocked in `wait4`.
fn wait_on_a_thread(watched: Box<Watched>) {
    // The record goes to the thread through a shared slot, so that it is
    // still here if no thread could be made.
    let slot = Arc::new(Mutex::new(Some(watched)));
    let theirs = slot.clone();
    // A waiter only calls wait4 and the channel: a small stack is plenty.
    let spawned = std::thread::Builder::new().stack_size(64 * 1024).spawn(move || reap_and_send(&theirs));
    if spawned.is_err() {
        // No thread (EAGAIN): wait here rather than leave a zombie and a callback never called.
        // This blocks the JS thread, but only when the system is out of threads.
        reap_and_send(&slot);
    }
}

fn reap_and_send(slot: &Mutex<Option<Box<Watched>>>) {
    let taken = slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    if let Some(mut watched) = taken {
        watched.reap();
        let Watched { channel, live, exited, .. } = *watched;
        send(channel, &live, vec![exited]);
    }
}

/// The scratch back to the thread, for the next request.
fn give_back(scratch: Scratch) {
    SCRATCH.with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = scratch;
        }
    });
}

fn descriptors(started: Started) -> [c_int; 3] {
    [started.stdin, started.stdout, started.stderr].map(|fd| fd.map_or(-1, spawn::Fd::into_raw))
}

/// `spawn(request, onExit, started)`: the pid (0 when the spawn failed), with
/// errno and the parent's pipe ends written to `started` (an Int32Array of 4);
/// see the module comment.
pub unsafe extern "C" fn spawn_async(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 3usize;
    let mut argv = [null_mut(); 3];
    // SAFETY: three argument slots.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    let mut out: *mut c_void = null_mut();
    let mut kind = 0;
    let mut length = 0usize;
    // SAFETY: live handles; out-pointers to locals.
    let status = unsafe { napi_get_typedarray_info(env, argv[2], &mut kind, &mut length, &mut out, null_mut(), null_mut()) };
    if status != NAPI_OK || kind != 5 || length < 4 {
        // SAFETY: static strings.
        unsafe { napi_throw_type_error(env, c"ERR_INVALID_ARG_TYPE".as_ptr(), c"started must be an Int32Array of 4".as_ptr()) };
        return null_mut();
    }
    // The request's strings are read into the thread's reusable scratch, which
    // a child spawned without waiting takes along (its exec reads them later).
    let mut scratch = SCRATCH.with(|cell| cell.try_borrow_mut().map(|mut scratch| std::mem::take(&mut *scratch)).unwrap_or_default());
    // SAFETY: live handles; the strings stay in `scratch`, which outlives the
    // call, and moves (its heap buffers in place) with an unwaited child.
    let launched = unsafe { with_request(env, argv[0], &mut scratch, |request| launch(request)) };
    let launched = match launched {
        Ok(launched) => launched,
        Err(Invalid::Nul) => Err(22),
        Err(Invalid::Shape(message)) => {
            give_back(scratch);
            // SAFETY: static strings.
            unsafe { napi_throw_type_error(env, c"ERR_INVALID_ARG_TYPE".as_ptr(), message.as_ptr()) };
            return null_mut();
        }
    };
    let (pid, errno, fds, unwaited) = match launched {
        Ok(Launched::Waited(started)) => {
            give_back(scratch);
            (started.pid, 0, descriptors(started), None)
        }
        Ok(Launched::Unwaited(started, memory, key)) => (started.pid, 0, descriptors(started), Some(Unwaited { memory, _strings: scratch, key })),
        Err(errno) => {
            give_back(scratch);
            (0, errno, [-1; 3], None)
        }
    };
    // SAFETY: checked above: an Int32Array of at least 4 elements.
    unsafe { std::slice::from_raw_parts_mut(out.cast::<i32>(), 4) }.copy_from_slice(&[errno, fds[0], fds[1], fds[2]]);
    let mut result = null_mut();
    // SAFETY: out-pointer to a local.
    unsafe { napi_create_int32(env, pid, &mut result) };
    if pid <= 0 {
        return result;
    }
    let mut callback = null_mut();
    // SAFETY: live env and handle; the reference is deleted in `deliver`.
    let channel = unsafe {
        napi_create_reference(env, argv[1], 1, &mut callback);
        channel(env)
    };
    let Some(live) = LIVE.with(|cell| cell.borrow().clone()) else { return result };
    let exited = Exited { callback, outcome: None, exec_error: 0 };
    let watched = Box::new(Watched { channel: channel as usize, live, exited, pid, pidfd: -1, unwaited });
    if let Err(watched) = watch(watched) {
        wait_on_a_thread(watched);
    }
    result
}

/// `spawnRef(referenced)`: whether the exit channel holds the event loop open.
pub unsafe extern "C" fn spawn_ref(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 1usize;
    let mut argv = [null_mut(); 1];
    let mut referenced = false;
    // SAFETY: one argument slot; a non-boolean reads as false.
    unsafe {
        napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut());
        napi_get_value_bool(env, argv[0], &mut referenced);
        let channel = channel(env);
        if referenced {
            napi_ref_threadsafe_function(env, channel);
        } else {
            napi_unref_threadsafe_function(env, channel);
        }
    }
    null_mut()
}
