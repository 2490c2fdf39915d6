//! Running a process to completion (`Bun.spawnSync`'s engine), Linux only;
//! `start` and `start_unwaited` start one for `spawn_async_napi`.
//!
//! One `clone(CLONE_VM | CLONE_VFORK)`, as glibc's `posix_spawn` does, so the
//! child shares the parent's memory until it execs and no page table is copied
//! (libuv `fork`s, which costs time proportional to Node's heap); unlike
//! glibc's, on a stack kept per thread rather than one mapped and unmapped per
//! call. A failed `exec` or `chdir` is reported synchronously through the
//! shared memory. The child gets default dispositions for every signal and an empty signal
//! mask (Node ignores SIGPIPE; an ignored signal would otherwise survive the
//! exec). Every descriptor made here is close-on-exec, so the child inherits
//! only its 0, 1 and 2. Then one `poll` loop feeds stdin, drains the captured
//! streams and watches the deadline, and `wait4` collects the status and
//! resource usage. Every path closes what it opened and reaps the child.

use std::ffi::{c_char, c_int, c_long, c_short, c_void, CStr, CString};
use std::io;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

#[repr(C)]
struct PollFd {
    fd: c_int,
    events: c_short,
    revents: c_short,
}

#[repr(C)]
#[derive(Clone, Copy, Default)]
struct TimeVal {
    sec: i64,
    usec: i64,
}

/// `struct rusage`: two timevals, then 14 longs.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct RUsage {
    utime: TimeVal,
    stime: TimeVal,
    fields: [c_long; 14],
}

extern "C" {
    fn clone(child: extern "C" fn(*mut c_void) -> c_int, stack: *mut c_void, flags: c_int, arg: *mut c_void, ...) -> c_int;
    fn open(path: *const c_char, flags: c_int, ...) -> c_int;
    fn _exit(status: c_int) -> !;
    fn pipe2(fds: *mut c_int, flags: c_int) -> c_int;
    fn fcntl(fd: c_int, command: c_int, ...) -> c_int;
    fn close(fd: c_int) -> c_int;
    fn read(fd: c_int, buf: *mut c_void, count: usize) -> isize;
    fn write(fd: c_int, buf: *const c_void, count: usize) -> isize;
    fn poll(fds: *mut PollFd, count: u64, timeout: c_int) -> c_int;
    fn wait4(pid: c_int, status: *mut c_int, options: c_int, usage: *mut RUsage) -> c_int;
    fn kill(pid: c_int, signal: c_int) -> c_int;
    fn syscall(number: c_long, ...) -> c_long;
}

const O_RDONLY: c_int = 0;
const O_WRONLY: c_int = 1;
const O_RDWR: c_int = 2;
const O_NONBLOCK: c_int = 0o4000;
const O_CLOEXEC: c_int = 0o2000000;
const F_DUPFD_CLOEXEC: c_int = 1030;
const F_GETFD: c_int = 1;
const F_GETFL: c_int = 3;
const F_SETFL: c_int = 4;
const POLLIN: c_short = 0x1;
const POLLOUT: c_short = 0x4;
const POLLERR: c_short = 0x8;
const POLLHUP: c_short = 0x10;
const POLLNVAL: c_short = 0x20;
const EINTR: i32 = 4;
const EAGAIN: i32 = 11;
const EINVAL: i32 = 22;
const ENOSYS: i32 = 38;
const WNOHANG: c_int = 1;
const SIGKILL: c_int = 9;
const SIGSTOP: c_int = 19;
const F_SETFD: c_int = 2;
const AT_FDCWD: c_int = -100;
const CLONE_VM: c_int = 0x100;
const TIOCSCTTY: std::ffi::c_ulong = 0x540E;
const CLONE_VFORK: c_int = 0x4000;
const SIGCHLD: c_int = 17;
const SIG_SETMASK: c_long = 2;
/// For the parent's own mask changes (through libc's `syscall`).
const SYS_RT_SIGPROCMASK: c_long = crate::child_sys::nr::RT_SIGPROCMASK;
const CLOSE_RANGE_CLOEXEC: c_long = 4;
/// The child's stack while it runs before exec (kept per thread, reused).
const CHILD_STACK: usize = 64 * 1024;
/// The stack of a child the parent does not wait for (one per such child, until it is reaped).
const SMALL_STACK: usize = 16 * 1024;
/// The same number on every Linux architecture (added in 5.3).
const SYS_PIDFD_OPEN: c_long = 434;
/// How much one `read` of a captured stream asks for (16 pipe pages: a full default pipe).
const READ_CHUNK: usize = 64 * 1024;

/// Where one of the child's output streams goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Output {
    Null,
    Capture,
    /// A pipe as `Capture`, which the asynchronous spawn's reaper reads itself (see `spawn_async_napi`).
    Collect,
    Fd(c_int),
}

/// What the child's stdin reads.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    Null,
    Fd(c_int),
    Bytes(&'a [u8]),
    /// A pipe whose write end `start` hands back (for the asynchronous spawn).
    Pipe,
}

/// One request, with every string already NUL-terminated and the pointer
/// arrays NULL-terminated (see `Strings`).
pub struct Request<'a> {
    pub file: *const c_char,
    pub argv: *const *const c_char,
    pub envp: *const *const c_char,
    pub cwd: Option<&'a CStr>,
    pub stdin: Input<'a>,
    pub stdout: Output,
    pub stderr: Output,
    pub timeout: Option<Duration>,
    pub kill_signal: c_int,
    /// 0: unlimited.
    pub max_buffer: usize,
    /// The child starts a new session (`setsid`) and makes its fd 0, a
    /// pseudo-terminal's slave, its controlling terminal (`TIOCSCTTY`).
    pub ctty: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Exit {
    Code(i32),
    Signal(i32),
}

#[derive(Default)]
pub struct Outcome {
    pub pid: i32,
    /// 0, or the errno of a failed spawn.
    pub errno: i32,
    pub stdout: Option<Vec<u8>>,
    pub stderr: Option<Vec<u8>>,
    pub exit: Option<Exit>,
    pub timed_out: bool,
    pub max_buffer_exceeded: bool,
    pub usage: Option<RUsage>,
}

impl RUsage {
    pub fn user_micros(&self) -> i64 {
        self.utime.sec * 1_000_000 + self.utime.usec
    }
    pub fn system_micros(&self) -> i64 {
        self.stime.sec * 1_000_000 + self.stime.usec
    }
    /// `ru_maxrss`, `ru_ixrss`, ... `ru_nivcsw` in `struct rusage` order.
    // c_long is i32 on 32-bit targets, so the cast is not always a no-op.
    #[allow(clippy::unnecessary_cast)]
    pub fn field(&self, index: usize) -> i64 {
        self.fields[index] as i64
    }
}

/// Indices into `RUsage::field`.
pub mod usage {
    pub const MAX_RSS: usize = 0;
    pub const IXRSS: usize = 1;
    pub const NSWAP: usize = 6;
    pub const INBLOCK: usize = 7;
    pub const OUBLOCK: usize = 8;
    pub const MSGSND: usize = 9;
    pub const MSGRCV: usize = 10;
    pub const NSIGNALS: usize = 11;
    pub const NVCSW: usize = 12;
    pub const NIVCSW: usize = 13;
}

fn errno() -> i32 {
    io::Error::last_os_error().raw_os_error().unwrap_or(EINVAL)
}

/// Closes a descriptor once, when dropped.
pub struct Fd(c_int);

impl Fd {
    /// Hands the descriptor over; the caller closes it.
    pub fn into_raw(self) -> c_int {
        std::mem::ManuallyDrop::new(self).0
    }

    /// The descriptor, still owned (for `poll` and `epoll_ctl`).
    pub fn raw(&self) -> c_int {
        self.0
    }
}

impl Drop for Fd {
    fn drop(&mut self) {
        if self.0 >= 0 {
            // SAFETY: a descriptor this module opened and nothing else closes.
            // Linux frees the descriptor even when close reports EINTR, so no retry.
            unsafe { close(self.0) };
        }
    }
}

/// A close-on-exec pipe: (read end, write end).
fn pipe() -> Result<(Fd, Fd), i32> {
    let mut fds = [-1; 2];
    // SAFETY: room for two descriptors.
    if unsafe { pipe2(fds.as_mut_ptr(), O_CLOEXEC) } != 0 {
        return Err(errno());
    }
    Ok((Fd(fds[0]), Fd(fds[1])))
}

/// The parent's ends never block: writes to stdin and the final drain must
/// not wait on the child. (The child's ends are separate open files and stay blocking.)
fn set_nonblocking(fd: c_int) {
    // SAFETY: plain fcntl on an open descriptor.
    unsafe {
        let flags = fcntl(fd, F_GETFL);
        if flags >= 0 {
            fcntl(fd, F_SETFL, flags | O_NONBLOCK);
        }
    }
}

/// What the parent keeps of one stdio slot after the spawn.
#[derive(Default)]
struct Slot {
    /// The parent's end of a pipe, if the slot is one.
    parent: Option<Fd>,
    /// Closed in the parent as soon as the child exists (the child's pipe end,
    /// or a private duplicate of a low descriptor).
    child_side: Option<Fd>,
}

extern "C" {
    fn fstat(fd: c_int, buf: *mut c_void) -> c_int;
}

/// Where `st_ino` and `st_rdev` sit in the kernel's `struct stat` (x86-64's
/// layout, else the generic one of aarch64 and riscv64).
const ST_INO: usize = 8;
#[cfg(target_arch = "x86_64")]
const ST_RDEV: usize = 40;
#[cfg(not(target_arch = "x86_64"))]
const ST_RDEV: usize = 32;

/// (device number, inode) of a descriptor, or None if it is not open.
fn identity(fd: c_int) -> Option<(u64, u64)> {
    let mut buf = [0u64; 32];
    // SAFETY: 256 bytes, more than any `struct stat`.
    if unsafe { fstat(fd, buf.as_mut_ptr().cast()) } != 0 {
        return None;
    }
    Some((buf[ST_RDEV / 8], buf[ST_INO / 8]))
}

/// The process's /dev/null descriptor (read-write, close-on-exec): opened
/// once, and checked on each use to still be the same file (something may
/// have closed it, or put another file at its number).
static DEV_NULL: std::sync::Mutex<Option<(c_int, (u64, u64))>> = std::sync::Mutex::new(None);

fn dev_null() -> Option<c_int> {
    let mut kept = DEV_NULL.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((fd, id)) = *kept {
        if identity(fd) == Some(id) {
            return Some(fd);
        }
    }
    // SAFETY: a static path.
    let mut fd = unsafe { open(c"/dev/null".as_ptr(), O_RDWR | O_CLOEXEC) };
    if (0..3).contains(&fd) {
        // Above 2, so that no stdio dup2 in the child can overwrite it before it is used.
        // SAFETY: plain fcntl and close on the descriptor just opened.
        unsafe {
            let high = fcntl(fd, F_DUPFD_CLOEXEC, 3);
            close(fd);
            fd = high;
        }
    }
    let id = identity(fd)?;
    *kept = Some((fd, id));
    Some(fd)
}

/// One step the child takes on its descriptors before exec.
#[derive(Clone, Copy)]
enum Action {
    /// Opens /dev/null with these flags as `target`.
    Null { target: c_int, flags: c_int },
    /// Makes `fd` the child's `target` (clearing close-on-exec when they are the same).
    Dup { fd: c_int, target: c_int },
}

/// What the child does between clone and exec, in order: one action per
/// stdio slot, close every descriptor from 3, change directory. Shared with
/// the child (CLONE_VM), which writes `error` if a step fails.
struct Plan {
    actions: [Option<Action>; 3],
    count: usize,
    close_from: c_int,
    /// setsid, then fd 0 (after the dup2s) becomes the controlling terminal.
    ctty: bool,
    cwd: *const c_char,
    file: *const c_char,
    argv: *const *const c_char,
    envp: *const *const c_char,
    error: i32,
}

impl Plan {
    fn new() -> Plan {
        Plan {
            actions: [None; 3],
            count: 0,
            close_from: -1,
            ctty: false,
            cwd: std::ptr::null(),
            file: std::ptr::null(),
            argv: std::ptr::null(),
            envp: std::ptr::null(),
            error: 0,
        }
    }

    fn push(&mut self, action: Action) -> Result<(), i32> {
        let slot = self.actions.get_mut(self.count).ok_or(EINVAL)?;
        *slot = Some(action);
        self.count += 1;
        Ok(())
    }

    fn dup2(&mut self, fd: c_int, target: c_int) -> Result<(), i32> {
        self.push(Action::Dup { fd, target })
    }

    /// /dev/null as `target`: a dup of the descriptor kept open for that
    /// (an open's path lookup is the costliest step a child would take
    /// before exec, while the parent waits), else opened by the child.
    fn dev_null(&mut self, target: c_int, flags: c_int) -> Result<(), i32> {
        match dev_null() {
            Some(fd) => self.push(Action::Dup { fd, target }),
            None => self.push(Action::Null { target, flags }),
        }
    }

    /// The child keeps only 0, 1 and 2, as under Bun: descriptors some
    /// library opened without close-on-exec do not leak into it.
    fn close_from(&mut self, first: c_int) -> Result<(), i32> {
        self.close_from = first;
        Ok(())
    }

    fn chdir(&mut self, path: &CStr) -> Result<(), i32> {
        self.cwd = path.as_ptr();
        Ok(())
    }
}

/// The child, from clone to exec, on the parent's memory: raw system calls
/// only (no allocation, no locks, no `errno`: see `child_sys`). Every signal
/// gets its default disposition (an ignored one, SIGPIPE in Node, SIGHUP under
/// nohup, SIGINT in a background job, would stay ignored through exec; a
/// handler would run on the parent's memory), glibc's internal 32 and 33
/// included, and the mask, all blocked by the parent, becomes empty at the end.
/// A failing step stores its errno in the plan and exits with 127.
extern "C" fn child_main(arg: *mut c_void) -> c_int {
    use crate::child_sys::{call3, call4, nr};
    // SAFETY: the parent's plan, alive until the child has exec'd or exited.
    let plan = unsafe { &mut *arg.cast::<Plan>() };
    let fail = |plan: &mut Plan, result: isize| -> ! {
        // SAFETY: the parent reads it after the child exits.
        unsafe {
            std::ptr::write_volatile(&mut plan.error, (-result) as i32);
            loop {
                call3(nr::EXIT, 127, 0, 0);
            }
        }
    };
    // `struct sigaction` of the kernel, all zero: SIG_DFL, no flags, empty mask.
    let default = [0usize; 4];
    for signal in 1..=64usize {
        if signal != SIGKILL as usize && signal != SIGSTOP as usize {
            // SAFETY: a valid kernel sigaction; a failure leaves that signal as it was.
            unsafe { call4(nr::RT_SIGACTION, signal, default.as_ptr() as usize, 0, 8) };
        }
    }
    if plan.ctty {
        // SAFETY: a plain system call in the child (a fresh process, never a group leader).
        let result = unsafe { call3(nr::SETSID, 0, 0, 0) };
        if result < 0 {
            fail(plan, result);
        }
    }
    for action in plan.actions.iter().take(plan.count).flatten() {
        // SAFETY: plain descriptor calls in the child.
        let result = unsafe {
            match *action {
                Action::Null { target, flags } => {
                    let fd = call4(nr::OPENAT, AT_FDCWD as usize, c"/dev/null".as_ptr() as usize, flags as usize, 0);
                    if fd < 0 || fd == target as isize {
                        fd
                    } else {
                        let duplicated = call3(nr::DUP3, fd as usize, target as usize, 0);
                        call3(nr::CLOSE, fd as usize, 0, 0);
                        duplicated
                    }
                }
                Action::Dup { fd, target } if fd == target => call3(nr::FCNTL, fd as usize, F_SETFD as usize, 0),
                Action::Dup { fd, target } => call3(nr::DUP3, fd as usize, target as usize, 0),
            }
        };
        if result < 0 {
            fail(plan, result);
        }
    }
    if plan.ctty {
        // SAFETY: fd 0 is the slave now; the session has no controlling terminal yet.
        let result = unsafe { call3(nr::IOCTL, 0, TIOCSCTTY as usize, 0) };
        if result < 0 {
            fail(plan, result);
        }
    }
    if plan.close_from >= 0 {
        // Marked close-on-exec rather than closed (Linux >= 5.11): exec then
        // closes them after the parent has been let go.
        // SAFETY: the child's own descriptor table (not shared: no CLONE_FILES).
        if unsafe { call3(nr::CLOSE_RANGE, plan.close_from as usize, c_int::MAX as usize, CLOSE_RANGE_CLOEXEC as usize) } != 0
            && unsafe { call3(nr::CLOSE_RANGE, plan.close_from as usize, c_int::MAX as usize, 0) } != 0
        {
            // Linux < 5.9: one by one, as far as a descriptor table usually goes.
            for fd in plan.close_from as usize..65_536 {
                // SAFETY: as above; EBADF for the closed ones.
                unsafe { call3(nr::CLOSE, fd, 0, 0) };
            }
        }
    }
    if !plan.cwd.is_null() {
        // SAFETY: a NUL-terminated path from the request's arena.
        let result = unsafe { call3(nr::CHDIR, plan.cwd as usize, 0, 0) };
        if result < 0 {
            fail(plan, result);
        }
    }
    let empty = 0u64;
    // SAFETY: a valid 8-byte mask; then the request's NUL-terminated strings and arrays.
    let result = unsafe {
        call4(nr::RT_SIGPROCMASK, SIG_SETMASK as usize, &empty as *const u64 as usize, 0, 8);
        call3(nr::EXECVE, plan.file as usize, plan.argv as usize, plan.envp as usize)
    };
    fail(plan, result)
}

/// The child's stack, kept for the thread: 16-byte aligned.
#[repr(C, align(16))]
struct ChildStack([u8; CHILD_STACK]);

thread_local! {
    static STACK: std::cell::RefCell<Option<Box<ChildStack>>> = const { std::cell::RefCell::new(None) };
}

/// Runs the plan in a vforked child; its pid once it has exec'd, or the errno of the step that failed.
///
/// # Safety
/// The plan's strings and arrays must be valid.
unsafe fn launch(plan: &mut Plan) -> Result<c_int, i32> {
    STACK.with(|cell| {
        let mut borrowed = cell.try_borrow_mut();
        let mut fallback = None;
        let stack = match borrowed.as_deref_mut() {
            Ok(stack) => stack,
            // Re-entered (a signal handler spawning): a stack for this call only.
            Err(_) => &mut fallback,
        };
        let stack = stack.get_or_insert_with(|| {
            // SAFETY: a zeroed byte array is a valid value; allocated zeroed on the heap (no stack copy).
            unsafe { Box::<ChildStack>::new_zeroed().assume_init() }
        });
        // SAFETY: the top of our stack; the child is done with it when clone returns.
        let top = unsafe { stack.0.as_mut_ptr().add(CHILD_STACK) }.cast::<c_void>();
        let all = u64::MAX;
        let mut old = 0u64;
        plan.error = 0;
        // SAFETY: every signal blocked while the child runs on our memory, then the mask restored.
        let pid = unsafe {
            syscall(SYS_RT_SIGPROCMASK, SIG_SETMASK, &all as *const u64, &mut old as *mut u64, 8 as c_long);
            let pid = clone(child_main, top, CLONE_VM | CLONE_VFORK | SIGCHLD, (plan as *mut Plan).cast::<c_void>());
            let error = errno();
            syscall(SYS_RT_SIGPROCMASK, SIG_SETMASK, &old as *const u64, std::ptr::null_mut::<u64>(), 8 as c_long);
            if pid < 0 {
                return Err(error);
            }
            pid
        };
        // SAFETY: written by the child, which has exec'd or exited.
        let error = unsafe { std::ptr::read_volatile(&plan.error) };
        if error != 0 {
            // The child exited with 127 before exec: reap it, report why.
            wait(pid);
            return Err(error);
        }
        Ok(pid)
    })
}

/// The stack of a child the parent does not wait for: it only makes raw
/// system calls in small frames.
#[repr(C, align(16))]
struct SmallStack([u8; SMALL_STACK]);

/// What a child runs on from clone to exec when the parent goes on at once:
/// its own stack and plan, kept until the child is reaped.
pub struct ChildMemory {
    stack: Box<std::mem::MaybeUninit<SmallStack>>,
    plan: Plan,
}

// SAFETY: plain memory; the raw pointers in the plan are only read by the child.
unsafe impl Send for ChildMemory {}

impl ChildMemory {
    /// The errno of the step that failed in the child before exec (0: it exec'd).
    /// Meaningful once the child has been reaped.
    pub fn exec_error(&self) -> i32 {
        // SAFETY: written by the child before it exited.
        unsafe { std::ptr::read_volatile(&self.plan.error) }
    }
}

/// `clone(CLONE_VM)` without `CLONE_VFORK`: the child's pid at once.
///
/// # Safety
/// The plan's strings and arrays must outlive the child's exec or exit.
unsafe fn launch_unwaited(plan: Plan) -> Result<(c_int, Box<ChildMemory>), i32> {
    if !crate::child_sys::RAW {
        return Err(ENOSYS);
    }
    let mut memory = Box::new(ChildMemory { stack: Box::new_uninit(), plan });
    memory.plan.error = 0;
    // SAFETY: the top of the child's own stack, which lives in `memory`.
    let top = unsafe { memory.stack.as_mut_ptr().cast::<u8>().add(SMALL_STACK) }.cast::<c_void>();
    let arg = (&mut memory.plan as *mut Plan).cast::<c_void>();
    let all = u64::MAX;
    let mut old = 0u64;
    // SAFETY: every signal blocked while the child is created (it starts with
    // this mask and resets it before exec), then the mask restored.
    let pid = unsafe {
        syscall(SYS_RT_SIGPROCMASK, SIG_SETMASK, &all as *const u64, &mut old as *mut u64, 8 as c_long);
        let pid = clone(child_main, top, CLONE_VM | SIGCHLD, arg);
        let error = errno();
        syscall(SYS_RT_SIGPROCMASK, SIG_SETMASK, &old as *const u64, std::ptr::null_mut::<u64>(), 8 as c_long);
        if pid < 0 {
            return Err(error);
        }
        pid
    };
    Ok((pid, memory))
}

/// An inherited descriptor below 3 other than its target would be clobbered
/// by an earlier dup2 (stdout: 0 while stdin's dup2 writes 0), so the child
/// gets a private duplicate of it instead.
fn inherit(plan: &mut Plan, fd: c_int, target: c_int, slot: &mut Slot) -> Result<(), i32> {
    if fd < 3 && fd != target {
        // SAFETY: plain fcntl; a bad fd fails with EBADF.
        let copy = unsafe { fcntl(fd, F_DUPFD_CLOEXEC, 3) };
        if copy < 0 {
            return Err(errno());
        }
        slot.child_side = Some(Fd(copy));
        return plan.dup2(copy, target);
    }
    // fd == target: the child clears close-on-exec on it (see `Action::Dup`).
    plan.dup2(fd, target)
}

fn plan_output(plan: &mut Plan, output: Output, target: c_int) -> Result<Slot, i32> {
    let mut slot = Slot::default();
    match output {
        Output::Null => plan.dev_null(target, O_WRONLY)?,
        Output::Fd(fd) => inherit(plan, fd, target, &mut slot)?,
        Output::Capture | Output::Collect => {
            let (reader, writer) = pipe()?;
            plan.dup2(writer.0, target)?;
            set_nonblocking(reader.0);
            slot.parent = Some(reader);
            slot.child_side = Some(writer);
        }
    }
    Ok(slot)
}

fn plan_input(plan: &mut Plan, input: Input) -> Result<Slot, i32> {
    let mut slot = Slot::default();
    match input {
        Input::Null => plan.dev_null(0, O_RDONLY)?,
        Input::Fd(fd) => inherit(plan, fd, 0, &mut slot)?,
        Input::Bytes(_) | Input::Pipe => {
            let (reader, writer) = pipe()?;
            plan.dup2(reader.0, 0)?;
            set_nonblocking(writer.0);
            slot.parent = Some(writer);
            slot.child_side = Some(reader);
        }
    }
    Ok(slot)
}

/// Descriptors to hand over must be open before any pipe is made: a closed
/// one's number could otherwise be taken by a new pipe and wired to the wrong stream.
fn check_inherited(request: &Request) -> Result<(), i32> {
    let stdin = match request.stdin {
        Input::Fd(fd) => Some(fd),
        _ => None,
    };
    let outputs = [request.stdout, request.stderr].map(|output| match output {
        Output::Fd(fd) => Some(fd),
        _ => None,
    });
    for fd in [stdin, outputs[0], outputs[1]].into_iter().flatten() {
        // SAFETY: F_GETFD only reads the descriptor's flags.
        if unsafe { fcntl(fd, F_GETFD) } < 0 {
            return Err(errno());
        }
    }
    Ok(())
}

/// A started child and the parent's ends of its pipes (None where a slot is
/// not a pipe). All three are non-blocking and close-on-exec.
pub struct Started {
    pub pid: c_int,
    pub stdin: Option<Fd>,
    pub stdout: Option<Fd>,
    pub stderr: Option<Fd>,
}

/// The plan for a request, with the parent's ends of its pipes.
fn plan_request(request: &Request) -> Result<(Plan, [Slot; 3]), i32> {
    check_inherited(request)?;
    let mut plan = Plan::new();
    // stdin's dup2 runs first in the child, then stdout's, then stderr's.
    let slots = [plan_input(&mut plan, request.stdin)?, plan_output(&mut plan, request.stdout, 1)?, plan_output(&mut plan, request.stderr, 2)?];
    plan.close_from(3)?;
    plan.ctty = request.ctty;
    if let Some(cwd) = request.cwd {
        plan.chdir(cwd)?;
    }
    plan.file = request.file;
    plan.argv = request.argv;
    plan.envp = request.envp;
    Ok((plan, slots))
}

fn started(pid: c_int, slots: [Slot; 3]) -> Started {
    let [stdin, stdout, stderr] = slots.map(|slot| slot.parent);
    Started { pid, stdin, stdout, stderr }
}

/// Spawns the child and returns once it has exec'd; the caller must reap it.
///
/// # Safety
/// As for `run`.
pub unsafe fn start(request: &Request) -> Result<Started, i32> {
    let (mut plan, mut slots) = plan_request(request)?;
    // SAFETY: the caller guarantees the strings and arrays.
    let launched = unsafe { launch(&mut plan) };
    for slot in &mut slots {
        slot.child_side = None;
    }
    // A failed exec or chdir comes back here, with the child already reaped.
    Ok(started(launched?, slots))
}

/// Spawns the child and returns without waiting for its exec: the parent
/// goes on while the kernel builds the new image (most of a spawn's cost). A
/// failed exec shows only when the child is reaped, in `ChildMemory::exec_error`.
///
/// # Safety
/// As for `run`, and the strings and arrays must also outlive the child's exec
/// or exit, as must the returned memory: drop it only after reaping the child.
pub unsafe fn start_unwaited(request: &Request) -> Result<(Started, Box<ChildMemory>), i32> {
    let (plan, mut slots) = plan_request(request)?;
    // SAFETY: the caller's guarantees, passed on.
    let launched = unsafe { launch_unwaited(plan) };
    // The child has its own copy of the descriptor table (no CLONE_FILES).
    for slot in &mut slots {
        slot.child_side = None;
    }
    let (pid, memory) = launched?;
    Ok((started(pid, slots), memory))
}

/// Spawns and runs the child to completion.
///
/// # Safety
/// `request.file`, `argv` and `envp` must point to NUL-terminated strings and
/// NULL-terminated arrays that outlive the call.
pub unsafe fn run(request: &Request) -> Outcome {
    // SAFETY: the caller's guarantees, passed on.
    let started = match unsafe { start(request) } {
        Ok(started) => started,
        Err(errno) => return Outcome { errno, ..Outcome::default() },
    };
    let Started { pid, stdin, stdout, stderr } = started;
    let mut child = Child {
        pid,
        stdin,
        input: match request.stdin {
            Input::Bytes(bytes) => bytes,
            _ => &[],
        },
        written: 0,
        outputs: [Capture::new(stdout), Capture::new(stderr)],
        deadline: request.timeout.map(|timeout| Instant::now() + timeout),
        kill_signal: request.kill_signal,
        max_buffer: request.max_buffer,
        exit_fd: None,
        exited: false,
        killed: false,
        outcome: Outcome { pid, ..Outcome::default() },
    };
    child.run();
    child.finish()
}

pub struct Capture {
    fd: Option<Fd>,
    bytes: Option<Vec<u8>>,
    /// Past maxBuffer: keep reading (so the child never blocks) but keep nothing.
    discard: bool,
}

impl Capture {
    pub fn new(fd: Option<Fd>) -> Capture {
        let bytes = fd.as_ref().map(|_| Vec::new());
        Capture { fd, bytes, discard: false }
    }

    /// Reads what is there; true at end of stream (or on an error: nothing
    /// more will come), false when the pipe is empty for now.
    pub fn drain_once(&mut self) -> bool {
        let (Some(fd), Some(bytes)) = (&self.fd, &mut self.bytes) else { return true };
        if self.discard {
            return drop_all(fd.0);
        }
        loop {
            bytes.reserve(READ_CHUNK);
            let room = bytes.capacity() - bytes.len();
            // SAFETY: `room` writable bytes after the initialised ones.
            match unsafe { read_some(fd.0, bytes.as_mut_ptr().add(bytes.len()), room) } {
                PipeRead::Got(got) => {
                    // SAFETY: the kernel initialised `got` more bytes.
                    unsafe { bytes.set_len(bytes.len() + got) };
                    if got < room {
                        return false;
                    }
                }
                PipeRead::Empty => return false,
                PipeRead::End => return true,
            }
        }
    }

    fn len(&self) -> usize {
        self.bytes.as_ref().map_or(0, Vec::len)
    }

    /// The pipe still being read, if any.
    pub fn fd(&self) -> Option<c_int> {
        self.fd.as_ref().map(Fd::raw)
    }

    /// Closes the pipe (at its end, or when giving up on it).
    pub fn close(&mut self) {
        self.fd = None;
    }

    /// What was read: None for a stream that was not captured.
    pub fn into_bytes(self) -> Option<Vec<u8>> {
        self.bytes
    }
}

/// A `wait4` status: exited with a code, or killed by a signal.
fn decode(status: c_int) -> Exit {
    let signal = status & 0x7f;
    if signal == 0 {
        Exit::Code((status >> 8) & 0xff)
    } else {
        Exit::Signal(signal)
    }
}

/// Blocks until `pid` (a child of this process) ends; None if it cannot be
/// waited for (already reaped elsewhere: ECHILD).
pub fn wait(pid: c_int) -> Option<(Exit, RUsage)> {
    loop {
        let mut status = 0;
        let mut usage = RUsage::default();
        // SAFETY: out-pointers to locals.
        let reaped = unsafe { wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            return Some((decode(status), usage));
        }
        if reaped < 0 && errno() != EINTR {
            return None;
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Lets a test take the path of kernels without pidfds (Linux < 5.3).
    static NO_PIDFD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn pidfd_open(pid: c_int) -> c_long {
    #[cfg(test)]
    if NO_PIDFD.with(std::cell::Cell::get) {
        return -1;
    }
    // SAFETY: pidfd_open(pid, 0) on our unreaped child; fails harmlessly with ENOSYS.
    unsafe { syscall(SYS_PIDFD_OPEN, pid as c_long, 0 as c_long) }
}

/// A pidfd for our unreaped child (readable once it has exited), or None
/// where the kernel has none (Linux < 5.3) or no descriptor is left.
pub fn exit_watch(pid: c_int) -> Option<Fd> {
    let fd = pidfd_open(pid);
    // pidfds are always close-on-exec.
    (fd >= 0).then(|| Fd(fd as c_int))
}

/// What one `read` of a non-blocking pipe gave.
enum PipeRead {
    Got(usize),
    /// Nothing there for now (EAGAIN).
    Empty,
    /// End of stream, or an error after which nothing more will come.
    End,
}

/// One `read`, retried on EINTR.
///
/// # Safety
/// `buffer` must have `length` writable bytes.
unsafe fn read_some(fd: c_int, buffer: *mut u8, length: usize) -> PipeRead {
    loop {
        // SAFETY: the caller's buffer has `length` writable bytes.
        let got = unsafe { read(fd, buffer.cast(), length) };
        if got > 0 {
            return PipeRead::Got(got as usize);
        }
        if got == 0 {
            return PipeRead::End;
        }
        match errno() {
            EINTR => continue,
            EAGAIN => return PipeRead::Empty,
            _ => return PipeRead::End,
        }
    }
}

/// Reads and drops what a pipe holds; true at its end.
fn drop_all(fd: c_int) -> bool {
    let mut sink = [0u8; 16 * 1024];
    loop {
        // SAFETY: a local buffer of that size.
        match unsafe { read_some(fd, sink.as_mut_ptr(), sink.len()) } {
            PipeRead::Got(_) => continue,
            PipeRead::Empty => return false,
            PipeRead::End => return true,
        }
    }
}

struct Child<'a> {
    pid: c_int,
    stdin: Option<Fd>,
    input: &'a [u8],
    written: usize,
    outputs: [Capture; 2],
    deadline: Option<Instant>,
    kill_signal: c_int,
    max_buffer: usize,
    /// A pidfd, polled while a deadline runs, so the loop wakes when the child exits.
    exit_fd: Option<Fd>,
    exited: bool,
    killed: bool,
    outcome: Outcome,
}

impl Child<'_> {
    fn run(&mut self) {
        if self.input.is_empty() {
            self.stdin = None;
        }
        if self.deadline.is_some() {
            self.watch_exit();
        }
        while self.pending() {
            self.step();
        }
    }

    /// Opens a pidfd, polled so the loop wakes when the child exits; without
    /// one (Linux < 5.3) the loop looks in on the child every few milliseconds.
    fn watch_exit(&mut self) {
        if self.exit_fd.is_none() {
            let fd = pidfd_open(self.pid);
            if fd >= 0 {
                // pidfds are always close-on-exec.
                self.exit_fd = Some(Fd(fd as c_int));
            }
        }
    }

    /// Something still to do before the final `wait4`. Normally: a stream to
    /// drain, bytes to feed, or (with a deadline) the exit to wait for. After a
    /// kill, only the exit: the streams are drained meanwhile (a child that
    /// ignores the signal may be blocked writing), but their end is not
    /// awaited (a grandchild may hold them open for ever).
    fn pending(&self) -> bool {
        if self.killed {
            return !self.exited;
        }
        self.stdin.is_some()
            || self.outputs.iter().any(|output| output.fd.is_some())
            || (self.deadline.is_some() && !self.exited)
    }

    fn poll_timeout(&self) -> c_int {
        let Some(deadline) = self.deadline.filter(|_| !self.killed) else { return -1 };
        let left = deadline.saturating_duration_since(Instant::now());
        // Round up, so the loop never spins on a sub-millisecond remainder.
        let millis = left.as_micros().div_ceil(1000);
        millis.min(c_int::MAX as u128) as c_int
    }

    fn step(&mut self) {
        let mut fds: [PollFd; 4] = std::array::from_fn(|_| PollFd { fd: -1, events: 0, revents: 0 });
        if let Some(fd) = &self.stdin {
            fds[0] = PollFd { fd: fd.0, events: POLLOUT, revents: 0 };
        }
        for (index, output) in self.outputs.iter().enumerate() {
            if let Some(fd) = &output.fd {
                fds[1 + index] = PollFd { fd: fd.0, events: POLLIN, revents: 0 };
            }
        }
        let mut timeout = self.poll_timeout();
        if (self.deadline.is_some() || self.killed) && !self.exited {
            match self.exit_fd.as_ref().map(|fd| fd.0) {
                Some(fd) => fds[3] = PollFd { fd, events: POLLIN, revents: 0 },
                None if self.try_reap() => return,
                None => timeout = if timeout < 0 { 2 } else { timeout.min(2) },
            }
        }
        // SAFETY: four initialised entries; negative fds are ignored by poll.
        let ready = unsafe { poll(fds.as_mut_ptr(), 4, timeout) };
        if ready < 0 {
            if errno() != EINTR {
                self.abort();
            }
            return;
        }
        if ready == 0 {
            return self.expire_if_due();
        }
        if fds[0].revents != 0 {
            self.feed();
        }
        for index in 0..2 {
            if fds[1 + index].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL) != 0 && self.outputs[index].drain_once() {
                self.outputs[index].fd = None;
            }
        }
        if !self.killed && self.max_buffer > 0 && self.outputs.iter().any(|output| output.len() > self.max_buffer) {
            self.outcome.max_buffer_exceeded = true;
            // Bun keeps what was read; anything the child still writes is read and dropped.
            for output in &mut self.outputs {
                output.discard = true;
            }
            self.kill(self.kill_signal);
        }
        if fds[3].revents != 0 {
            self.exited = true;
        }
        self.expire_if_due();
    }

    fn try_reap(&mut self) -> bool {
        let mut status = 0;
        let mut usage = RUsage::default();
        // SAFETY: our own child; out-pointers to locals.
        if unsafe { wait4(self.pid, &mut status, WNOHANG, &mut usage) } == self.pid {
            self.record(status, usage);
            self.exited = true;
            return true;
        }
        false
    }

    fn expire_if_due(&mut self) {
        if !self.killed && self.deadline.is_some_and(|deadline| Instant::now() >= deadline) {
            // Still running, or its streams still open (a grandchild holds them): Bun's timeout covers both.
            self.outcome.timed_out = true;
            self.kill(self.kill_signal);
        }
    }

    fn feed(&mut self) {
        let Some(fd) = &self.stdin else { return };
        while self.written < self.input.len() {
            let rest = &self.input[self.written..];
            // SAFETY: `rest` is readable for its length.
            let wrote = unsafe { write(fd.0, rest.as_ptr().cast(), rest.len()) };
            if wrote >= 0 {
                self.written += wrote as usize;
                continue;
            }
            match errno() {
                EINTR => continue,
                EAGAIN => return,
                // EPIPE (the child closed its stdin or exited) and the rest: stop feeding.
                _ => break,
            }
        }
        // All written, or the child will read no more: it sees end-of-file.
        self.stdin = None;
    }

    fn kill(&mut self, signal: c_int) {
        self.killed = true;
        self.stdin = None;
        self.watch_exit();
        // Not yet reaped, so the pid cannot have been reused.
        if self.outcome.exit.is_none() {
            // SAFETY: signalling our own unreaped child.
            unsafe { kill(self.pid, signal) };
        }
    }

    /// A failure of poll itself (ENOMEM): end the child rather than hang.
    fn abort(&mut self) {
        self.kill(SIGKILL);
    }

    fn record(&mut self, status: c_int, usage: RUsage) {
        self.outcome.exit = Some(decode(status));
        self.outcome.usage = Some(usage);
    }

    /// Reaps the child (blocking), then takes whatever the streams still hold
    /// without waiting for their end: after a kill, a grandchild may keep them open.
    fn finish(mut self) -> Outcome {
        self.stdin = None;
        if self.outcome.exit.is_none() {
            // None (ECHILD) only if someone else reaped it (SIGCHLD set to SIG_IGN): nothing to report then.
            if let Some((exit, usage)) = wait(self.pid) {
                self.outcome.exit = Some(exit);
                self.outcome.usage = Some(usage);
            }
        }
        for output in &mut self.outputs {
            if output.fd.is_some() {
                output.drain_once();
                output.fd = None;
            }
        }
        let [stdout, stderr] = self.outputs;
        self.outcome.stdout = stdout.bytes;
        self.outcome.stderr = stderr.bytes;
        self.outcome
    }
}

/// NUL-terminated strings in one arena plus NULL-terminated pointer arrays
/// into it, built from the request's strings.
#[derive(Default)]
pub struct Strings {
    arena: Vec<u8>,
    /// Where each string starts in `arena`; pointers are made once the arena stops growing.
    starts: Vec<usize>,
}

impl Strings {
    pub fn clear(&mut self) {
        self.arena.clear();
        self.starts.clear();
    }

    /// Appends a string; `Err(EINVAL)` if it holds a NUL.
    #[cfg(test)]
    pub fn push(&mut self, bytes: &[u8]) -> Result<usize, i32> {
        if bytes.contains(&0) {
            return Err(EINVAL);
        }
        self.starts.push(self.arena.len());
        self.arena.extend_from_slice(bytes);
        self.arena.push(0);
        Ok(self.starts.len() - 1)
    }

    /// The arena, for writing a string straight into its spare room; `commit` then records it.
    pub fn arena(&mut self) -> &mut Vec<u8> {
        &mut self.arena
    }

    /// Records that `arena[start..]` (now NUL-terminated by this call) is one string.
    pub fn commit(&mut self, start: usize) -> Result<usize, i32> {
        if self.arena[start..].contains(&0) {
            self.arena.truncate(start);
            return Err(EINVAL);
        }
        self.arena.push(0);
        self.starts.push(start);
        Ok(self.starts.len() - 1)
    }

    pub fn pointer(&self, index: usize) -> *const c_char {
        // SAFETY: every start lies inside the arena.
        unsafe { self.arena.as_ptr().add(self.starts[index]).cast() }
    }

    pub fn c_str(&self, index: usize) -> &CStr {
        // SAFETY: every string in the arena is NUL-terminated and NUL-free before that.
        unsafe { CStr::from_ptr(self.pointer(index)) }
    }

    /// A NULL-terminated array of the pointers of strings `from..to`.
    pub fn pointers(&self, from: usize, to: usize, out: &mut Vec<*const c_char>) {
        out.clear();
        out.extend((from..to).map(|index| self.pointer(index)));
        out.push(std::ptr::null());
    }
}

extern "C" {
    static environ: *const *const c_char;
}

/// The process environment as it is now, for a child that inherits it. The
/// pointers are copied: the asynchronous spawn returns before the child's exec,
/// and a `setenv` in the parent meanwhile may move the array (libc never frees
/// the strings themselves).
pub fn copy_environ(out: &mut Vec<*const c_char>) {
    out.clear();
    // SAFETY: `environ` is NULL-terminated and only changed by this thread (the JS thread, through setenv).
    unsafe {
        let mut entry = environ;
        while !entry.is_null() && !(*entry).is_null() {
            out.push(*entry);
            entry = entry.add(1);
        }
    }
    out.push(std::ptr::null());
}

/// The environment this process was started with, as Linux kept it
/// (`/proc/self/environ`), read once and kept for the life of the process;
/// the environment as it is now where that file cannot be read.
fn launch_entries() -> &'static [CString] {
    static LAUNCH: OnceLock<Vec<CString>> = OnceLock::new();
    LAUNCH.get_or_init(|| match std::fs::read("/proc/self/environ") {
        Ok(bytes) => bytes.split(|&byte| byte == 0).filter(|entry| !entry.is_empty()).filter_map(|entry| CString::new(entry).ok()).collect(),
        Err(_) => {
            let mut now = Vec::new();
            copy_environ(&mut now);
            // SAFETY: the NULL-terminated entries `copy_environ` just listed.
            now.iter().take_while(|entry| !entry.is_null()).map(|&entry| unsafe { CStr::from_ptr(entry) }.to_owned()).collect()
        }
    })
}

/// `out` as the NULL-terminated pointers of the launch environment (see
/// `launch_entries`), which live as long as the process: a child that
/// execs after its spawn call returned can still read them.
pub fn launch_environ(out: &mut Vec<*const c_char>) {
    out.clear();
    out.extend(launch_entries().iter().map(|entry| entry.as_ptr()));
    out.push(std::ptr::null());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_launch_environment_is_the_one_linux_kept() {
        let expected: Vec<Vec<u8>> = std::fs::read("/proc/self/environ").unwrap().split(|&byte| byte == 0).filter(|entry| !entry.is_empty()).map(<[u8]>::to_vec).collect();
        let mut pointers = Vec::new();
        launch_environ(&mut pointers);
        assert_eq!(pointers.last(), Some(&std::ptr::null()));
        // SAFETY: the NULL-terminated entries just listed.
        let got: Vec<Vec<u8>> = pointers.iter().take_while(|entry| !entry.is_null()).map(|&entry| unsafe { CStr::from_ptr(entry) }.to_bytes().to_vec()).collect();
        assert_eq!(got, expected);
    }

    fn run_with(args: &[&str], stdin: Input, stdout: Output, stderr: Output, timeout: Option<Duration>, max_buffer: usize) -> Outcome {
        let mut strings = Strings::default();
        for arg in args {
            strings.push(arg.as_bytes()).unwrap();
        }
        strings.push(b"PATH=/usr/bin:/bin").unwrap();
        let mut argv = Vec::new();
        let mut envp = Vec::new();
        strings.pointers(0, args.len(), &mut argv);
        strings.pointers(args.len(), args.len() + 1, &mut envp);
        let request = Request {
            file: strings.pointer(0),
            argv: argv.as_ptr(),
            envp: envp.as_ptr(),
            cwd: None,
            stdin,
            stdout,
            stderr,
            timeout,
            kill_signal: 15,
            max_buffer,
            ctty: false,
        };
        // SAFETY: strings and arrays outlive the call.
        unsafe { run(&request) }
    }

    #[test]
    fn captures_both_streams_and_the_status() {
        let outcome = run_with(&["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], Input::Null, Output::Capture, Output::Capture, None, 0);
        assert_eq!(outcome.errno, 0);
        assert_eq!(outcome.stdout.as_deref(), Some(&b"out\n"[..]));
        assert_eq!(outcome.stderr.as_deref(), Some(&b"err\n"[..]));
        assert_eq!(outcome.exit, Some(Exit::Code(3)));
    }

    #[test]
    fn feeds_stdin_larger_than_a_pipe() {
        let input = vec![b'x'; 1 << 20];
        let outcome = run_with(&["/bin/cat"], Input::Bytes(&input), Output::Capture, Output::Null, None, 0);
        assert_eq!(outcome.stdout.map(|bytes| bytes.len()), Some(1 << 20));
    }

    #[test]
    fn reports_a_missing_executable() {
        let outcome = run_with(&["/nonexistent/program"], Input::Null, Output::Capture, Output::Null, None, 0);
        assert_eq!((outcome.pid, outcome.errno), (0, 2));
    }

    #[test]
    fn reports_a_bad_cwd_and_reads_dev_null() {
        let mut strings = Strings::default();
        for text in [&b"/bin/cat"[..], b"/nonexistent", b"/"] {
            strings.push(text).unwrap();
        }
        let (mut argv, mut envp) = (Vec::new(), Vec::new());
        strings.pointers(0, 1, &mut argv);
        strings.pointers(1, 1, &mut envp);
        let mut request = Request {
            file: strings.pointer(0),
            argv: argv.as_ptr(),
            envp: envp.as_ptr(),
            cwd: Some(strings.c_str(1)),
            stdin: Input::Null,
            stdout: Output::Capture,
            stderr: Output::Null,
            timeout: None,
            kill_signal: 15,
            max_buffer: 0,
            ctty: false,
        };
        // SAFETY: strings and arrays outlive the calls.
        let outcome = unsafe { run(&request) };
        assert_eq!((outcome.pid, outcome.errno), (0, 2));
        request.cwd = Some(strings.c_str(2));
        // SAFETY: as above.
        let outcome = unsafe { run(&request) };
        assert_eq!((outcome.errno, outcome.stdout.as_deref(), outcome.exit), (0, Some(&b""[..]), Some(Exit::Code(0))));
    }

    #[test]
    fn kills_on_timeout() {
        let outcome = run_with(&["/bin/sleep", "5"], Input::Null, Output::Null, Output::Null, Some(Duration::from_millis(50)), 0);
        assert!(outcome.timed_out);
        assert_eq!(outcome.exit, Some(Exit::Signal(15)));
    }

    #[test]
    fn reaps_a_child_that_ignores_the_kill_signal_and_keeps_writing() {
        let script = "trap '' TERM; i=0; while [ $i -lt 3000 ]; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; i=$((i+1)); done; exit 7";
        let mut outcome = run_with(&["/bin/sh", "-c", script], Input::Null, Output::Capture, Output::Null, None, 1000);
        outcome.stdout = None;
        assert!(outcome.max_buffer_exceeded);
        assert_eq!(outcome.exit, Some(Exit::Code(7)));
    }

    #[test]
    fn works_without_pidfds() {
        NO_PIDFD.with(|flag| flag.set(true));
        let quiet = run_with(&["/bin/sleep", "5"], Input::Null, Output::Null, Output::Null, Some(Duration::from_millis(50)), 0);
        assert!(quiet.timed_out);
        assert_eq!(quiet.exit, Some(Exit::Signal(15)));
        let quick = run_with(&["/bin/true"], Input::Null, Output::Null, Output::Null, Some(Duration::from_secs(5)), 0);
        assert_eq!((quick.timed_out, quick.exit), (false, Some(Exit::Code(0))));
        let held = run_with(&["/bin/sh", "-c", "sleep 2 & echo x"], Input::Null, Output::Capture, Output::Null, Some(Duration::from_millis(100)), 0);
        assert!(held.timed_out);
        let script = "trap '' TERM; i=0; while [ $i -lt 3000 ]; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; i=$((i+1)); done; exit 7";
        let ignoring = run_with(&["/bin/sh", "-c", script], Input::Null, Output::Capture, Output::Null, None, 1000);
        assert_eq!((ignoring.max_buffer_exceeded, ignoring.exit), (true, Some(Exit::Code(7))));
        NO_PIDFD.with(|flag| flag.set(false));
    }

    #[test]
    fn kills_past_max_buffer() {
        let outcome = run_with(&["/bin/sh", "-c", "yes"], Input::Null, Output::Capture, Output::Null, None, 100_000);
        assert!(outcome.max_buffer_exceeded);
        assert_eq!(outcome.exit, Some(Exit::Signal(15)));
    }
}
