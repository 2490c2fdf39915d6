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
//!
//! A stdout or stderr of -3 is *collected*: a pipe whose read end stays here.
//! The reaper reads it to its end alongside the pidfd, and the bytes reach
//! onExit with the exit, in one call once the child has exited and every
//! collected pipe has ended; a caller that only wants the bytes at the end then
//! needs no stream, and no wake-up of its own, per pipe. Such a child is handed
//! to the reaper through its inbox (an eventfd wakes it), so that only the
//! reaper thread ever touches the record and its descriptors.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;
use std::sync::{Arc, Mutex, OnceLock};

use crate::napi::*;
use crate::spawn::{self, usage, Capture, ChildMemory, Exit, Output, RUsage, Request, Started};
use crate::spawn_napi::linux::{buffer_to_js, with_request, Invalid, Scratch, SCRATCH};

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
    /// The bytes of the collected stdout and stderr (None: not collected);
    /// None altogether for a child that collects neither.
    collected: Option<[Option<Vec<u8>>; 2]>,
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
/// Without an outcome (the child was reaped elsewhere) two nulls, and the
/// usage and errno undefined. A collecting child's stdout and stderr bytes
/// (Buffers, or null for one not collected) come last, at 15 and 16.
unsafe fn exit_arguments(env: napi_env, exited: Exited, args: &mut [napi_value; EXIT_ARGUMENTS]) -> usize {
    let mut null = null_mut();
    let mut undefined = null_mut();
    // SAFETY: live env; out-pointers into `args`.
    unsafe {
        napi_get_null(env, &mut null);
        napi_get_undefined(env, &mut undefined);
        let used = match exited.outcome {
            None => {
                args[0] = null;
                args[1] = null;
                args[2..15].fill(undefined);
                2
            }
            Some((exit, rusage)) => {
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
                napi_create_int32(env, exited.exec_error, &mut args[14]);
                15
            }
        };
        let Some([stdout, stderr]) = exited.collected else { return used };
        args[15] = stdout.map_or(null, |bytes| buffer_to_js(env, bytes));
        args[16] = stderr.map_or(null, |bytes| buffer_to_js(env, bytes));
    }
    EXIT_ARGUMENTS
}

/// Arguments of onExit at most.
const EXIT_ARGUMENTS: usize = 17;

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
        let mut args = [null_mut(); EXIT_ARGUMENTS];
        let mut callback = null_mut();
        let mut result = null_mut();
        let mut pending = false;
        let reference = exited.callback;
        // SAFETY: live env; the reference was made in `spawn_async` and is deleted here, once.
        unsafe {
            let argc = exit_arguments(env, exited, &mut args);
            napi_get_reference_value(env, reference, &mut callback);
            napi_delete_reference(env, reference);
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
    fn eventfd(initial: u32, flags: c_int) -> c_int;
    fn poll(fds: *mut PollFd, count: u64, timeout: c_int) -> c_int;
    fn read(fd: c_int, buffer: *mut c_void, count: usize) -> isize;
    fn write(fd: c_int, buffer: *const c_void, count: usize) -> isize;
    fn close(fd: c_int) -> c_int;
}

#[repr(C)]
struct PollFd {
    fd: c_int,
    events: i16,
    revents: i16,
}

const EPOLL_CLOEXEC: c_int = 0o2000000;
const EFD_CLOEXEC: c_int = 0o2000000;
const EFD_NONBLOCK: c_int = 0o4000;
const EPOLL_CTL_ADD: c_int = 1;
const EPOLL_CTL_DEL: c_int = 2;
const EPOLLIN: u32 = 0x1;
const EPOLLONESHOT: u32 = 1 << 30;
const POLLIN: i16 = 0x1;
/// Exits reaped per wake-up at most.
const REAP_BATCH: usize = 64;

/// An epoll entry's data: a plain child's `Watched` box (tag 0, boxes are
/// 8-aligned), a collecting child's box tagged with what fired, or the inbox.
const INBOX_TOKEN: u64 = 0;
const TAG_MASK: u64 = 0b111;
const TAG_PIDFD: u64 = 1;
/// The tags of the collected stdout and stderr: TAG_PIPE + their index.
const TAG_PIPE: u64 = 2;

#[derive(Clone, Copy)]
struct Reaper {
    epoll: c_int,
    /// An eventfd in the set: written when the inbox has children to watch.
    wake: c_int,
}

/// The reaper's epoll set and wake-up, made (with its thread) on first use; None if any failed.
static REAPER: OnceLock<Option<Reaper>> = OnceLock::new();

/// Collecting children for the reaper to put in its set (boxes, as addresses).
static INBOX: Mutex<Vec<usize>> = Mutex::new(Vec::new());

fn reaper() -> Option<Reaper> {
    *REAPER.get_or_init(|| {
        // SAFETY: plain syscalls.
        let (epoll, wake) = unsafe { (epoll_create1(EPOLL_CLOEXEC), eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) };
        let mut event = EpollEvent { events: EPOLLIN, data: INBOX_TOKEN };
        // SAFETY: our descriptors (a negative one makes epoll_ctl fail).
        let ready = epoll >= 0 && wake >= 0 && unsafe { epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &mut event) } == 0;
        // The reaper calls epoll_wait, read, wait4 and the channel: a small stack is plenty.
        let spawned = ready && std::thread::Builder::new().name("dx-compat-reap".into()).stack_size(128 * 1024).spawn(move || reap(epoll, wake)).is_ok();
        if !spawned {
            // SAFETY: our own descriptors, unused.
            unsafe {
                close(epoll);
                close(wake);
            }
            return None;
        }
        Some(Reaper { epoll, wake })
    })
}

/// Where one reaped child's exit goes: batched per channel.
fn batch_exit(batches: &mut Vec<(usize, Live, Batch)>, channel: usize, live: Live, exited: Exited) {
    match batches.iter_mut().find(|(to, same, _)| *to == channel && Arc::ptr_eq(same, &live)) {
        Some((_, _, batch)) => batch.push(exited),
        None => batches.push((channel, live, vec![exited])),
    }
}

/// The reaper thread: runs for the life of the process.
fn reap(epoll: c_int, wake: c_int) {
    let mut events = [EpollEvent { events: 0, data: 0 }; REAP_BATCH];
    let mut batches: Vec<(usize, Live, Batch)> = Vec::new();
    loop {
        // SAFETY: room for REAP_BATCH events.
        let ready = unsafe { epoll_wait(epoll, events.as_mut_ptr(), REAP_BATCH as c_int, -1) };
        for event in &events[..ready.max(0) as usize] {
            let data = event.data;
            if data == INBOX_TOKEN {
                take_inbox(epoll, wake);
                continue;
            }
            if data & TAG_MASK != 0 {
                // SAFETY: a box `take_inbox` put in the set, alive until its last descriptor closed.
                if let Some((channel, live, exited)) = unsafe { collect_step(epoll, data) } {
                    batch_exit(&mut batches, channel, live, exited);
                }
                continue;
            }
            // SAFETY: the box `watch` put in the set; it fires once (one-shot, then deleted).
            let watched = unsafe { Box::from_raw(data as *mut Watched) };
            let mut watched = *watched;
            let pidfd = watched.pidfd;
            // SAFETY: the pidfd `watch` opened; nothing else closes it.
            unsafe { unwatch(epoll, pidfd) };
            // The pidfd was readable: the child is a zombie, so this does not block.
            watched.reap();
            let Watched { channel, live, exited, .. } = watched;
            batch_exit(&mut batches, channel, live, exited);
        }
        for (channel, live, batch) in batches.drain(..) {
            send(channel, &live, batch);
        }
    }
}

/// Takes a descriptor out of the set and closes it. Closing alone would not
/// do: a child being spawned at this moment holds a copy of the descriptor
/// until it execs, and the set drops an entry only when its file is gone.
///
/// # Safety
/// `fd` is the caller's, in the set or not, and closed by nothing else.
unsafe fn unwatch(epoll: c_int, fd: c_int) {
    // SAFETY: as the caller promises.
    unsafe {
        epoll_ctl(epoll, EPOLL_CTL_DEL, fd, null_mut());
        close(fd);
    }
}

/// Puts the child in the reaper's set; gives it back if there is no reaper or no pidfd.
fn watch(mut watched: Box<Watched>) -> Result<(), Box<Watched>> {
    let Some(Reaper { epoll, .. }) = reaper() else { return Err(watched) };
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

/// Runs `work` on a small thread of its own (it only waits, reads pipes and
/// uses the channel). With no thread to be had (EAGAIN) it runs here instead,
/// rather than leave a zombie and a callback never called: this blocks the
/// caller, but only when the system is out of threads.
fn on_a_thread<T: Send + 'static>(record: Box<T>, work: fn(Box<T>)) {
    // The record goes to the thread through a shared slot, so that it is
    // still here if no thread could be made.
    let slot = Arc::new(Mutex::new(Some(record)));
    let theirs = slot.clone();
    let spawned = std::thread::Builder::new().stack_size(64 * 1024).spawn(move || take_and_run(&theirs, work));
    if spawned.is_err() {
        take_and_run(&slot, work);
    }
}

fn take_and_run<T>(slot: &Mutex<Option<Box<T>>>, work: fn(Box<T>)) {
    let taken = slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    if let Some(record) = taken {
        work(record);
    }
}

/// The path without pidfds: a small thread per child, blocked in `wait4`.
fn wait_on_a_thread(watched: Box<Watched>) {
    on_a_thread(watched, reap_and_send);
}

fn reap_and_send(mut watched: Box<Watched>) {
    watched.reap();
    let Watched { channel, live, exited, .. } = *watched;
    send(channel, &live, vec![exited]);
}

// ------------------------------------------------------ collecting children

/// A child whose stdout and/or stderr the reaper reads to their end; its
/// exit is sent once it was reaped and every collected pipe has ended.
struct Collecting {
    watched: Watched,
    /// stdout and stderr (a Capture without a descriptor when not collected).
    outputs: [Capture; 2],
    reaped: bool,
}

// SAFETY: as `Watched`; the pipes are plain descriptors and bytes.
unsafe impl Send for Collecting {}

impl Collecting {
    fn done(&self) -> bool {
        self.reaped && self.outputs.iter().all(|output| output.fd().is_none())
    }

    /// The exit, with what was read (the record is consumed).
    fn finish(self) -> (usize, Live, Exited) {
        let Collecting { watched, outputs, .. } = self;
        let Watched { channel, live, mut exited, .. } = watched;
        let [stdout, stderr] = outputs;
        exited.collected = Some([stdout.into_bytes(), stderr.into_bytes()]);
        (channel, live, exited)
    }
}

/// From the JS thread: hands a collecting child to the reaper (or to a thread of its own).
fn collect_in_reaper(collecting: Box<Collecting>) {
    let Some(Reaper { wake, .. }) = reaper() else { return collect_on_a_thread(collecting) };
    INBOX.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(Box::into_raw(collecting) as usize);
    let one = 1u64;
    // SAFETY: 8 bytes from a local. It cannot fail for want of room: the reaper
    // reads the counter back to zero each time it empties the inbox.
    unsafe { write(wake, (&raw const one).cast(), 8) };
}

/// On the reaper: puts the inbox's children in the set (pidfd and pipes).
fn take_inbox(epoll: c_int, wake: c_int) {
    let mut counter = 0u64;
    // SAFETY: 8 bytes into a local; resets the eventfd (non-blocking).
    unsafe { read(wake, (&raw mut counter).cast(), 8) };
    let taken = std::mem::take(&mut *INBOX.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    for address in taken {
        // SAFETY: a box `collect` handed over, once.
        let collecting = unsafe { Box::from_raw(address as *mut Collecting) };
        if let Err(collecting) = start_collecting(epoll, collecting) {
            collect_on_a_thread(collecting);
        }
    }
}

/// Registers the child's pidfd and collected pipes; on any failure takes back
/// what it registered (nothing fired for them yet: this is the reaper thread).
fn start_collecting(epoll: c_int, mut collecting: Box<Collecting>) -> Result<(), Box<Collecting>> {
    let Some(pidfd) = spawn::exit_watch(collecting.watched.pid) else { return Err(collecting) };
    let pidfd = pidfd.into_raw();
    collecting.watched.pidfd = pidfd;
    let address = Box::into_raw(collecting) as u64;
    let mut entries = vec![(pidfd, TAG_PIDFD)];
    // SAFETY: the box just made; only this thread uses it.
    let outputs = unsafe { &(*(address as *mut Collecting)).outputs };
    for (index, output) in outputs.iter().enumerate() {
        if let Some(fd) = output.fd() {
            entries.push((fd, TAG_PIPE + index as u64));
        }
    }
    for (added, &(fd, tag)) in entries.iter().enumerate() {
        let mut event = EpollEvent { events: EPOLLIN, data: address | tag };
        // SAFETY: live descriptors.
        if unsafe { epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &mut event) } != 0 {
            for &(fd, _) in &entries[..added] {
                // SAFETY: registered above.
                unsafe { epoll_ctl(epoll, EPOLL_CTL_DEL, fd, null_mut()) };
            }
            // SAFETY: the box made above, in no set any more.
            let mut collecting = unsafe { Box::from_raw(address as *mut Collecting) };
            // SAFETY: our pidfd.
            unsafe { close(pidfd) };
            collecting.watched.pidfd = -1;
            return Err(collecting);
        }
    }
    Ok(())
}

/// On the reaper: one event of a collecting child (`data` is its tagged box).
/// Reads the pipe, or reaps the child; gives the exit once all is done.
///
/// # Safety
/// `data` carries a box `start_collecting` registered, not yet finished.
unsafe fn collect_step(epoll: c_int, data: u64) -> Option<(usize, Live, Exited)> {
    let address = (data & !TAG_MASK) as *mut Collecting;
    // SAFETY: alive until `done`; only this thread touches it.
    let collecting = unsafe { &mut *address };
    match data & TAG_MASK {
        TAG_PIDFD => {
            // SAFETY: the pidfd `start_collecting` registered.
            unsafe { unwatch(epoll, collecting.watched.pidfd) };
            collecting.watched.pidfd = -1;
            // The pidfd was readable: the child is a zombie, so this does not block.
            collecting.watched.reap();
            collecting.reaped = true;
        }
        tag => {
            let output = &mut collecting.outputs[(tag - TAG_PIPE) as usize];
            if output.drain_once() {
                if let Some(fd) = output.fd() {
                    // SAFETY: registered in `start_collecting`; `close` below closes it.
                    unsafe { epoll_ctl(epoll, EPOLL_CTL_DEL, fd, null_mut()) };
                }
                output.close();
            }
        }
    }
    if !collecting.done() {
        return None;
    }
    // SAFETY: every descriptor of it is out of the set: no event can name it again.
    Some(unsafe { Box::from_raw(address) }.finish())
}

/// Without the reaper's set: a small thread per child that reads its pipes
/// to their end with `poll`, then waits for it.
fn collect_on_a_thread(collecting: Box<Collecting>) {
    on_a_thread(collecting, collect_and_send);
}

fn collect_and_send(mut collecting: Box<Collecting>) {
    loop {
        let mut fds: [PollFd; 2] = std::array::from_fn(|index| PollFd { fd: collecting.outputs[index].fd().unwrap_or(-1), events: POLLIN, revents: 0 });
        if fds.iter().all(|entry| entry.fd < 0) {
            break;
        }
        // SAFETY: two initialised entries; negative descriptors are ignored.
        if unsafe { poll(fds.as_mut_ptr(), 2, -1) } < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            // poll itself failed (ENOMEM): stop reading rather than spin; the child still gets reaped.
            collecting.outputs.iter_mut().for_each(Capture::close);
            break;
        }
        for (index, entry) in fds.iter().enumerate() {
            if entry.revents != 0 && collecting.outputs[index].drain_once() {
                collecting.outputs[index].close();
            }
        }
    }
    collecting.watched.reap();
    collecting.reaped = true;
    let (channel, live, exited) = collecting.finish();
    send(channel, &live, vec![exited]);
}

/// The scratch back to the thread, for the next request.
fn give_back(scratch: Scratch) {
    SCRATCH.with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = scratch;
        }
    });
}

/// The parent's pipe ends for JS (-1 where none), and the collected ones kept here.
fn descriptors(started: Started, collect: [bool; 2]) -> ([c_int; 3], [Capture; 2]) {
    let Started { stdin, stdout, stderr, .. } = started;
    let mut kept = [Capture::new(None), Capture::new(None)];
    let mut handed = [stdin.map_or(-1, spawn::Fd::into_raw), -1, -1];
    for (index, fd) in [stdout, stderr].into_iter().enumerate() {
        match fd {
            Some(fd) if collect[index] => kept[index] = Capture::new(Some(fd)),
            Some(fd) => handed[1 + index] = fd.into_raw(),
            None => {}
        }
    }
    (handed, kept)
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
    let launched = unsafe {
        with_request(env, argv[0], &mut scratch, |request| (launch(request), [request.stdout, request.stderr].map(|output| output == Output::Collect)))
    };
    let (launched, collect) = match launched {
        Ok((launched, collect)) => (launched, collect),
        Err(Invalid::Nul) => (Err(22), [false; 2]),
        Err(Invalid::Shape(message)) => {
            give_back(scratch);
            // SAFETY: static strings.
            unsafe { napi_throw_type_error(env, c"ERR_INVALID_ARG_TYPE".as_ptr(), message.as_ptr()) };
            return null_mut();
        }
    };
    let (pid, errno, (fds, kept), unwaited) = match launched {
        Ok(Launched::Waited(started)) => {
            give_back(scratch);
            (started.pid, 0, descriptors(started, collect), None)
        }
        Ok(Launched::Unwaited(started, memory, key)) => {
            (started.pid, 0, descriptors(started, collect), Some(Unwaited { memory, _strings: scratch, key }))
        }
        Err(errno) => {
            give_back(scratch);
            (0, errno, ([-1; 3], [Capture::new(None), Capture::new(None)]), None)
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
    let exited = Exited { callback, outcome: None, exec_error: 0, collected: None };
    let watched = Watched { channel: channel as usize, live, exited, pid, pidfd: -1, unwaited };
    if collect.contains(&true) {
        collect_in_reaper(Box::new(Collecting { watched, outputs: kept, reaped: false }));
    } else if let Err(watched) = watch(Box::new(watched)) {
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
