//! `socketPair(out: Int32Array(2))`: a connected pair of Unix stream sockets,
//! both close-on-exec and blocking, for a caller that hands one end to each
//! of two children (the shell joining two commands of a pipeline, as Bun's
//! does with a socket pair), so the bytes between them never pass through
//! JavaScript. A socket rather than a pipe because that is what Bun's children
//! see: a writer whose reader left unread data behind gets ECONNRESET
//! ("Connection reset by peer"), where a pipe would give it SIGPIPE. Returns 0
//! and writes the reading end, then the writing end, into `out`; else the
//! errno (ENOSYS off Linux).

use std::ffi::c_int;
use std::ptr::null_mut;

use crate::napi::*;

const EINVAL: i32 = 22;

#[cfg(target_os = "linux")]
fn open_pair() -> Result<[c_int; 2], i32> {
    extern "C" {
        fn socketpair(domain: c_int, kind: c_int, protocol: c_int, fds: *mut c_int) -> c_int;
    }
    const AF_UNIX: c_int = 1;
    const SOCK_STREAM: c_int = 1;
    const SOCK_CLOEXEC: c_int = 0o2000000;
    let mut fds = [-1; 2];
    // SAFETY: two slots for the kernel to fill.
    if unsafe { socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds.as_mut_ptr()) } != 0 {
        return Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(EINVAL));
    }
    Ok(fds)
}

#[cfg(not(target_os = "linux"))]
fn open_pair() -> Result<[c_int; 2], i32> {
    const ENOSYS: i32 = 38;
    Err(ENOSYS)
}

fn result(env: napi_env, errno: i32) -> napi_value {
    let mut value = null_mut();
    // SAFETY: out-pointer to a local.
    unsafe { napi_create_int32(env, errno, &mut value) };
    value
}

/// `socketPair(out)`: 0 with `out[0]` (the reading end) and `out[1]` (the writing end) set, or an errno.
pub unsafe extern "C" fn socket_pair_callback(env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: live callback handles.
    let [out] = unsafe { callback_args::<1>(env, info) };
    let mut kind = 0;
    let mut length = 0usize;
    let mut data: *mut std::ffi::c_void = null_mut();
    // SAFETY: live handle; out-pointers to locals.
    let status = unsafe { napi_get_typedarray_info(env, out, &mut kind, &mut length, &mut data, null_mut(), null_mut()) };
    // 5: napi_int32_array.
    if status != NAPI_OK || kind != 5 || length < 2 || data.is_null() {
        return result(env, EINVAL);
    }
    match open_pair() {
        Ok(fds) => {
            // SAFETY: checked above: an Int32Array of at least 2 elements.
            unsafe { std::slice::from_raw_parts_mut(data.cast::<i32>(), 2) }.copy_from_slice(&fds);
            result(env, 0)
        }
        Err(errno) => result(env, errno),
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::open_pair;

    #[test]
    fn both_ends_are_close_on_exec_blocking_and_connected() {
        extern "C" {
            fn fcntl(fd: i32, command: i32, ...) -> i32;
            fn write(fd: i32, buffer: *const u8, count: usize) -> isize;
            fn read(fd: i32, buffer: *mut u8, count: usize) -> isize;
            fn close(fd: i32) -> i32;
        }
        const F_GETFD: i32 = 1;
        const F_GETFL: i32 = 3;
        const O_NONBLOCK: i32 = 0o4000;
        let [reader, writer] = open_pair().unwrap();
        // SAFETY: descriptors just opened, buffers of the given sizes.
        unsafe {
            for fd in [reader, writer] {
                assert_eq!(fcntl(fd, F_GETFD) & 1, 1, "FD_CLOEXEC");
                assert_eq!(fcntl(fd, F_GETFL) & O_NONBLOCK, 0, "blocking");
            }
            assert_eq!(write(writer, b"hi".as_ptr(), 2), 2);
            let mut buffer = [0u8; 4];
            assert_eq!(read(reader, buffer.as_mut_ptr(), 4), 2);
            assert_eq!(&buffer[..2], b"hi");
            close(writer);
            assert_eq!(read(reader, buffer.as_mut_ptr(), 4), 0, "end of input once the writer is closed");
            close(reader);
        }
    }
}
