//! System calls for a child that runs on its parent's memory between `clone`
//! and `exec`. libc's wrappers store failures in `errno`, which lives in the
//! parent thread's TLS (the child inherits its thread pointer): harmless while
//! that thread is suspended (`CLONE_VFORK`), a data race once it runs on. These
//! return `-errno` instead and touch no memory but their arguments.

use std::ffi::c_long;

/// Whether this architecture has the raw path (else the child falls back to
/// libc, and callers must keep the parent suspended while it runs).
pub const RAW: bool = cfg!(any(target_arch = "x86_64", target_arch = "aarch64"));

#[cfg(target_arch = "x86_64")]
pub mod nr {
    use std::ffi::c_long;
    pub const RT_SIGACTION: c_long = 13;
    pub const RT_SIGPROCMASK: c_long = 14;
    pub const OPENAT: c_long = 257;
    pub const GETDENTS64: c_long = 217;
    pub const DUP3: c_long = 292;
    pub const FCNTL: c_long = 72;
    pub const CLOSE: c_long = 3;
    pub const SETSID: c_long = 112;
    pub const IOCTL: c_long = 16;
    pub const CHDIR: c_long = 80;
    pub const EXECVE: c_long = 59;
    pub const EXIT: c_long = 60;
    pub const CLOSE_RANGE: c_long = 436;
}

/// The generic table (aarch64, riscv64, loongarch64).
#[cfg(not(target_arch = "x86_64"))]
pub mod nr {
    use std::ffi::c_long;
    pub const RT_SIGACTION: c_long = 134;
    pub const RT_SIGPROCMASK: c_long = 135;
    pub const OPENAT: c_long = 56;
    pub const GETDENTS64: c_long = 61;
    pub const DUP3: c_long = 24;
    pub const FCNTL: c_long = 25;
    pub const CLOSE: c_long = 57;
    pub const SETSID: c_long = 157;
    pub const IOCTL: c_long = 29;
    pub const CHDIR: c_long = 49;
    pub const EXECVE: c_long = 221;
    pub const EXIT: c_long = 93;
    pub const CLOSE_RANGE: c_long = 436;
}

/// `number(args…)`: the kernel's result, `-errno` on failure.
///
/// # Safety
/// The arguments must be what the system call expects.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub unsafe fn call(number: c_long, args: [usize; 6]) -> isize {
    let result: isize;
    // SAFETY: the x86-64 Linux system call convention; rcx and r11 are clobbered by `syscall`.
    unsafe {
        std::arch::asm!(
            "syscall",
            inlateout("rax") number as isize => result,
            in("rdi") args[0],
            in("rsi") args[1],
            in("rdx") args[2],
            in("r10") args[3],
            in("r8") args[4],
            in("r9") args[5],
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack),
        );
    }
    result
}

/// # Safety
/// As above.
#[cfg(target_arch = "aarch64")]
#[inline(always)]
pub unsafe fn call(number: c_long, args: [usize; 6]) -> isize {
    let result: isize;
    // SAFETY: the aarch64 Linux system call convention.
    unsafe {
        std::arch::asm!(
            "svc 0",
            in("x8") number,
            inlateout("x0") args[0] as isize => result,
            in("x1") args[1],
            in("x2") args[2],
            in("x3") args[3],
            in("x4") args[4],
            in("x5") args[5],
            options(nostack),
        );
    }
    result
}

/// # Safety
/// As above. Writes `errno` on failure: only for a suspended parent (see `RAW`).
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
pub unsafe fn call(number: c_long, args: [usize; 6]) -> isize {
    extern "C" {
        fn syscall(number: c_long, ...) -> c_long;
        fn __errno_location() -> *mut std::ffi::c_int;
    }
    // SAFETY: the caller's guarantees.
    unsafe {
        let result = syscall(number, args[0], args[1], args[2], args[3], args[4], args[5]);
        if result < 0 {
            -(*__errno_location() as isize)
        } else {
            result as isize
        }
    }
}

/// `call` with fewer arguments.
///
/// # Safety
/// As for `call`.
#[inline(always)]
pub unsafe fn call3(number: c_long, a: usize, b: usize, c: usize) -> isize {
    // SAFETY: the caller's guarantees; unused registers are ignored by the kernel.
    unsafe { call(number, [a, b, c, 0, 0, 0]) }
}

/// `call` with four arguments.
///
/// # Safety
/// As for `call`.
#[inline(always)]
pub unsafe fn call4(number: c_long, a: usize, b: usize, c: usize, d: usize) -> isize {
    // SAFETY: as above.
    unsafe { call(number, [a, b, c, d, 0, 0]) }
}
