//! Pseudo-terminals (`Bun.Terminal`'s engine), Linux only: elsewhere every
//! function reports ENOSYS.
//!
//! `ptyOpen(cols, rows, out)` opens a pair with `posix_openpt`, gives the
//! slave Bun's termios defaults (node-pty's cooked mode) and the size, and
//! writes three descriptors into `out` (an Int32Array of 3): the master
//! (non-blocking, for writes and ioctls), a duplicate of it for the reader
//! (the same open file) and the slave. All three are close-on-exec: a child
//! gets the slave through `dup2` onto its 0, 1 and 2 (see `spawn::Request::ctty`).
//! The other functions take the master: `ptyResize(fd, cols, rows)`,
//! `ptyGetFlags(fd, out)` (a Uint32Array of 4: c_iflag, c_oflag, c_lflag,
//! c_cflag), `ptySetFlag(fd, index, value)` and `ptySetRawMode(fd, enabled,
//! saved)` (libuv's raw mode; `saved`, a Uint8Array of 64, keeps the termios to
//! restore). Each returns 0 or a positive errno.

use std::ffi::c_void;
use std::ptr::null_mut;

use crate::napi::*;

#[cfg(not(target_os = "linux"))]
const ENOSYS: i32 = 38;
const EINVAL: i32 = 22;

#[cfg(target_os = "linux")]
mod sys {
    use std::ffi::{c_char, c_int, c_ulong};

    extern "C" {
        fn posix_openpt(flags: c_int) -> c_int;
        fn grantpt(fd: c_int) -> c_int;
        fn unlockpt(fd: c_int) -> c_int;
        fn ptsname_r(fd: c_int, buf: *mut c_char, len: usize) -> c_int;
        fn open(path: *const c_char, flags: c_int, ...) -> c_int;
        fn ioctl(fd: c_int, request: c_ulong, ...) -> c_int;
        fn fcntl(fd: c_int, command: c_int, ...) -> c_int;
        fn close(fd: c_int) -> c_int;
    }

    const O_RDWR: c_int = 2;
    const O_NOCTTY: c_int = 0o400;
    const O_NONBLOCK: c_int = 0o4000;
    const O_CLOEXEC: c_int = 0o2000000;
    const F_GETFL: c_int = 3;
    const F_SETFL: c_int = 4;
    const F_DUPFD_CLOEXEC: c_int = 1030;
    const TCGETS: c_ulong = 0x5401;
    const TCSETS: c_ulong = 0x5402;
    const TIOCSWINSZ: c_ulong = 0x5414;

    /// The kernel's `struct termios` (asm-generic; x86-64 and aarch64 alike).
    #[repr(C)]
    #[derive(Clone, Copy, Default)]
    pub struct Termios {
        pub iflag: u32,
        pub oflag: u32,
        pub cflag: u32,
        pub lflag: u32,
        pub line: u8,
        pub cc: [u8; 19],
    }

    pub const TERMIOS_SIZE: usize = std::mem::size_of::<Termios>();

    #[repr(C)]
    struct Winsize {
        row: u16,
        col: u16,
        xpixel: u16,
        ypixel: u16,
    }

    fn errno() -> i32 {
        std::io::Error::last_os_error().raw_os_error().unwrap_or(22)
    }

    // c_iflag
    const BRKINT: u32 = 0o2;
    const INPCK: u32 = 0o20;
    const ISTRIP: u32 = 0o40;
    const ICRNL: u32 = 0o400;
    const IXON: u32 = 0o2000;
    const IXANY: u32 = 0o4000;
    const IMAXBEL: u32 = 0o20000;
    const IUTF8: u32 = 0o40000;
    // c_oflag
    const OPOST: u32 = 0o1;
    const ONLCR: u32 = 0o4;
    // c_cflag
    const B38400: u32 = 0o17;
    const CS8: u32 = 0o60;
    const CREAD: u32 = 0o200;
    const HUPCL: u32 = 0o2000;
    // c_lflag
    const ISIG: u32 = 0o1;
    const ICANON: u32 = 0o2;
    const ECHO: u32 = 0o10;
    const ECHOE: u32 = 0o20;
    const ECHOK: u32 = 0o40;
    const ECHOCTL: u32 = 0o1000;
    const ECHOKE: u32 = 0o4000;
    const IEXTEN: u32 = 0o100000;
    // c_cc indices
    const VINTR: usize = 0;
    const VQUIT: usize = 1;
    const VERASE: usize = 2;
    const VKILL: usize = 3;
    const VEOF: usize = 4;
    const VTIME: usize = 5;
    const VMIN: usize = 6;
    const VSTART: usize = 8;
    const VSTOP: usize = 9;
    const VSUSP: usize = 10;
    const VEOL: usize = 11;
    const VREPRINT: usize = 12;
    const VDISCARD: usize = 13;
    const VWERASE: usize = 14;
    const VLNEXT: usize = 15;

    pub fn get(fd: c_int) -> Result<Termios, i32> {
        let mut termios = Termios::default();
        // SAFETY: a kernel termios out-pointer.
        if unsafe { ioctl(fd, TCGETS, &mut termios as *mut Termios) } != 0 {
            return Err(errno());
        }
        Ok(termios)
    }

    pub fn set(fd: c_int, termios: &Termios) -> Result<(), i32> {
        // SAFETY: a kernel termios in-pointer.
        if unsafe { ioctl(fd, TCSETS, termios as *const Termios) } != 0 {
            return Err(errno());
        }
        Ok(())
    }

    pub fn resize(fd: c_int, cols: u16, rows: u16) -> Result<(), i32> {
        let size = Winsize { row: rows, col: cols, xpixel: 0, ypixel: 0 };
        // SAFETY: a winsize in-pointer.
        if unsafe { ioctl(fd, TIOCSWINSZ, &size as *const Winsize) } != 0 {
            return Err(errno());
        }
        Ok(())
    }

    /// Bun's (node-pty's) cooked defaults.
    fn defaults(termios: &mut Termios) {
        termios.iflag = ICRNL | IXON | IXANY | IMAXBEL | BRKINT | IUTF8;
        termios.oflag = OPOST | ONLCR;
        termios.cflag = CREAD | CS8 | HUPCL | B38400;
        termios.lflag = ICANON | ISIG | IEXTEN | ECHO | ECHOE | ECHOK | ECHOKE | ECHOCTL;
        let cc = &mut termios.cc;
        cc[VEOF] = 4;
        cc[VEOL] = 0;
        cc[VERASE] = 0x7f;
        cc[VWERASE] = 23;
        cc[VKILL] = 21;
        cc[VREPRINT] = 18;
        cc[VINTR] = 3;
        cc[VQUIT] = 0x1c;
        cc[VSUSP] = 26;
        cc[VSTART] = 17;
        cc[VSTOP] = 19;
        cc[VLNEXT] = 22;
        cc[VDISCARD] = 15;
        cc[VMIN] = 1;
        cc[VTIME] = 0;
    }

    /// libuv's (and Bun's) raw mode, from the saved termios.
    pub fn make_raw(termios: &mut Termios) {
        termios.iflag &= !(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
        termios.oflag |= ONLCR;
        termios.cflag |= CS8;
        termios.lflag &= !(ECHO | ICANON | IEXTEN | ISIG);
        termios.cc[VMIN] = 1;
        termios.cc[VTIME] = 0;
    }

    struct Owned(c_int);
    impl Drop for Owned {
        fn drop(&mut self) {
            if self.0 >= 0 {
                // SAFETY: a descriptor opened here and not handed out.
                unsafe { close(self.0) };
            }
        }
    }

    /// (master, reader duplicate, slave).
    pub fn open_pair(cols: u16, rows: u16) -> Result<[c_int; 3], i32> {
        // SAFETY: plain system calls on descriptors opened here.
        unsafe {
            let master = Owned(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
            if master.0 < 0 {
                return Err(errno());
            }
            if grantpt(master.0) != 0 || unlockpt(master.0) != 0 {
                return Err(errno());
            }
            let mut name = [0 as c_char; 128];
            let status = ptsname_r(master.0, name.as_mut_ptr(), name.len());
            if status != 0 {
                return Err(status);
            }
            let slave = Owned(open(name.as_ptr(), O_RDWR | O_NOCTTY | O_CLOEXEC));
            if slave.0 < 0 {
                return Err(errno());
            }
            // As Bun: a failure to set the defaults is not fatal.
            if let Ok(mut termios) = get(slave.0) {
                defaults(&mut termios);
                let _ = set(slave.0, &termios);
            }
            resize(master.0, cols, rows)?;
            let flags = fcntl(master.0, F_GETFL);
            if flags < 0 || fcntl(master.0, F_SETFL, flags | O_NONBLOCK) != 0 {
                return Err(errno());
            }
            let reader = Owned(fcntl(master.0, F_DUPFD_CLOEXEC, 3));
            if reader.0 < 0 {
                return Err(errno());
            }
            let fds = [master.0, reader.0, slave.0];
            std::mem::forget(master);
            std::mem::forget(reader);
            std::mem::forget(slave);
            Ok(fds)
        }
    }
}

unsafe fn int(env: napi_env, value: napi_value) -> Option<f64> {
    let mut out = f64::NAN;
    // SAFETY: live handle; out-pointer to a local.
    let status = unsafe { napi_get_value_double(env, value, &mut out) };
    (status == NAPI_OK && out.is_finite()).then_some(out)
}

/// A TypedArray's bytes (any element type).
unsafe fn bytes<'a>(env: napi_env, value: napi_value) -> Option<&'a mut [u8]> {
    let mut kind = 0;
    let mut length = 0usize;
    let mut data: *mut c_void = null_mut();
    let mut buffer = null_mut();
    let mut offset = 0usize;
    // SAFETY: live handle; out-pointers to locals.
    let status = unsafe { napi_get_typedarray_info(env, value, &mut kind, &mut length, &mut data, &mut buffer, &mut offset) };
    if status != NAPI_OK || data.is_null() {
        return None;
    }
    let size = TYPED_ARRAY_ELEMENT_SIZES.get(kind as usize).copied().unwrap_or(1);
    // SAFETY: the array's own memory, alive for the call.
    Some(unsafe { std::slice::from_raw_parts_mut(data.cast::<u8>(), length * size) })
}

fn result(env: napi_env, errno: i32) -> napi_value {
    let mut value = null_mut();
    // SAFETY: out-pointer to a local.
    unsafe { napi_create_int32(env, errno, &mut value) };
    value
}

fn errno_of(outcome: Result<(), i32>) -> i32 {
    outcome.err().unwrap_or(0)
}

/// A size as Bun takes it: an integer in 1..=65535, else EINVAL.
fn dimension(value: Option<f64>) -> Result<u16, i32> {
    match value {
        Some(number) if (1.0..65536.0).contains(&number) => Ok(number as u16),
        _ => Err(EINVAL),
    }
}

/// `ptyOpen(cols, rows, out: Int32Array(3))`.
pub unsafe extern "C" fn pty_open(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback handles throughout.
    unsafe {
        let [cols, rows, out] = callback_args::<3>(env, info);
        let Some(out) = bytes(env, out).filter(|out| out.len() >= 12) else { return result(env, EINVAL) };
        let (Ok(cols), Ok(rows)) = (dimension(int(env, cols)), dimension(int(env, rows))) else { return result(env, EINVAL) };
        #[cfg(target_os = "linux")]
        {
            match sys::open_pair(cols, rows) {
                Ok(fds) => {
                    for (index, fd) in fds.iter().enumerate() {
                        out[index * 4..index * 4 + 4].copy_from_slice(&fd.to_ne_bytes());
                    }
                    result(env, 0)
                }
                Err(errno) => result(env, errno),
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (out, cols, rows);
            result(env, ENOSYS)
        }
    }
}

/// `ptyResize(fd, cols, rows)`.
pub unsafe extern "C" fn pty_resize(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback handles throughout.
    unsafe {
        let [fd, cols, rows] = callback_args::<3>(env, info);
        let (Some(fd), Ok(cols), Ok(rows)) = (int(env, fd), dimension(int(env, cols)), dimension(int(env, rows))) else { return result(env, EINVAL) };
        #[cfg(target_os = "linux")]
        return result(env, errno_of(sys::resize(fd as i32, cols, rows)));
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (fd, cols, rows);
            result(env, ENOSYS)
        }
    }
}

/// `ptyGetFlags(fd, out: Uint32Array(4))`: c_iflag, c_oflag, c_lflag, c_cflag.
pub unsafe extern "C" fn pty_get_flags(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback handles throughout.
    unsafe {
        let [fd, out] = callback_args::<2>(env, info);
        let (Some(fd), Some(out)) = (int(env, fd), bytes(env, out).filter(|out| out.len() >= 16)) else { return result(env, EINVAL) };
        #[cfg(target_os = "linux")]
        {
            match sys::get(fd as i32) {
                Ok(termios) => {
                    for (index, flag) in [termios.iflag, termios.oflag, termios.lflag, termios.cflag].iter().enumerate() {
                        out[index * 4..index * 4 + 4].copy_from_slice(&flag.to_ne_bytes());
                    }
                    result(env, 0)
                }
                Err(errno) => result(env, errno),
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (fd, out);
            result(env, ENOSYS)
        }
    }
}

/// `ptySetFlag(fd, index, value)`: index as in `ptyGetFlags`, value a u32.
pub unsafe extern "C" fn pty_set_flag(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback handles throughout.
    unsafe {
        let [fd, index, value] = callback_args::<3>(env, info);
        let (Some(fd), Some(index), Some(value)) = (int(env, fd), int(env, index), int(env, value)) else { return result(env, EINVAL) };
        if !(0.0..=u32::MAX as f64).contains(&value) {
            return result(env, EINVAL);
        }
        #[cfg(target_os = "linux")]
        {
            let outcome = sys::get(fd as i32).and_then(|mut termios| {
                let value = value as u32;
                match index as i32 {
                    0 => termios.iflag = value,
                    1 => termios.oflag = value,
                    2 => termios.lflag = value,
                    3 => termios.cflag = value,
                    _ => return Err(EINVAL),
                }
                sys::set(fd as i32, &termios)
            });
            result(env, errno_of(outcome))
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (fd, index, value);
            result(env, ENOSYS)
        }
    }
}

/// `ptySetRawMode(fd, enabled, saved: Uint8Array(64))`: raw saves the current
/// termios into `saved` first; not raw restores it.
pub unsafe extern "C" fn pty_set_raw_mode(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback handles throughout.
    unsafe {
        let [fd, enabled, saved] = callback_args::<3>(env, info);
        let mut raw = false;
        napi_get_value_bool(env, enabled, &mut raw);
        let (Some(fd), Some(saved)) = (int(env, fd), bytes(env, saved)) else { return result(env, EINVAL) };
        #[cfg(target_os = "linux")]
        {
            if saved.len() < sys::TERMIOS_SIZE {
                return result(env, EINVAL);
            }
            let fd = fd as i32;
            let outcome = if raw {
                sys::get(fd).and_then(|termios| {
                    // SAFETY: a plain-data struct copied into room for it.
                    std::ptr::copy_nonoverlapping((&termios as *const sys::Termios).cast::<u8>(), saved.as_mut_ptr(), sys::TERMIOS_SIZE);
                    let mut changed = termios;
                    sys::make_raw(&mut changed);
                    sys::set(fd, &changed)
                })
            } else {
                let mut termios = sys::Termios::default();
                // SAFETY: bytes saved above from the same struct.
                std::ptr::copy_nonoverlapping(saved.as_ptr(), (&mut termios as *mut sys::Termios).cast::<u8>(), sys::TERMIOS_SIZE);
                sys::set(fd, &termios)
            };
            result(env, errno_of(outcome))
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (fd, saved, raw);
            result(env, ENOSYS)
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::sys;

    #[test]
    fn opens_a_pair_with_defaults_and_size() {
        let fds = sys::open_pair(100, 30).expect("a pty");
        let termios = sys::get(fds[2]).expect("termios");
        assert_eq!((termios.iflag, termios.oflag, termios.lflag, termios.cflag), (27906, 5, 35387, 1215));
        let mut raw = termios;
        sys::make_raw(&mut raw);
        sys::set(fds[0], &raw).expect("raw");
        let raw = sys::get(fds[0]).expect("termios");
        assert_eq!((raw.iflag, raw.oflag, raw.lflag, raw.cflag), (26624, 5, 2608, 1215));
        sys::resize(fds[0], 1, 1).expect("resize");
        extern "C" {
            fn close(fd: i32) -> i32;
        }
        for fd in fds {
            // SAFETY: the test's own descriptors.
            unsafe { close(fd) };
        }
    }
}
