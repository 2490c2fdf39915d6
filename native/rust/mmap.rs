//! `mmap(path, offset, size, shared)`: a file mapped read-write into memory,
//! handed to JavaScript as a Uint8Array over an external ArrayBuffer whose
//! finalizer unmaps it. Writes reach the file through a shared mapping (the
//! default) and stay private to the process through a private one.
//!
//! As in Bun, the file is opened read-write, an empty file or an offset at or
//! past its end is EINVAL from `mmap`, and truncating the file while it is
//! mapped makes the next access fault: this is what a mapping is.

use std::ffi::{c_int, c_void};
use std::fs::OpenOptions;
use std::io;
use std::os::unix::io::AsRawFd;
use std::ptr::null_mut;

use crate::napi::*;
use crate::read_file::{failure_code, Failure, Syscall};

const PROT_READ: c_int = 1;
const PROT_WRITE: c_int = 2;
const MAP_SHARED: c_int = 1;
const MAP_PRIVATE: c_int = 2;
/// MAP_SYNC (Linux, DAX devices only) must be asked for with MAP_SHARED_VALIDATE,
/// so that a file system without it refuses (EOPNOTSUPP) instead of ignoring it.
#[cfg(target_os = "linux")]
const MAP_SHARED_VALIDATE_SYNC: c_int = 0x03 | 0x80000;
const EINVAL: i32 = 22;

extern "C" {
    fn mmap(addr: *mut c_void, length: usize, prot: c_int, flags: c_int, fd: c_int, offset: i64) -> *mut c_void;
    fn munmap(addr: *mut c_void, length: usize) -> c_int;
    fn sysconf(name: c_int) -> i64;
}

/// A live mapping: `base`/`mapped` as mapped (page-aligned), `data`/`length` as asked for.
pub struct Mapping {
    base: *mut c_void,
    mapped: usize,
    data: *mut u8,
    length: usize,
}

fn page_size() -> u64 {
    #[cfg(target_os = "linux")]
    const SC_PAGESIZE: c_int = 30;
    #[cfg(not(target_os = "linux"))]
    const SC_PAGESIZE: c_int = 29;
    // SAFETY: sysconf reads a constant.
    let size = unsafe { sysconf(SC_PAGESIZE) };
    if size > 0 {
        size as u64
    } else {
        4096
    }
}

pub fn map_file(path: &str, offset: u64, size: u64, shared: bool, sync: bool) -> Result<Mapping, Failure> {
    let file = OpenOptions::new().read(true).write(true).open(path).map_err(|e| failure_code(Syscall::Open, &e))?;
    let file_size = file.metadata().map_err(|e| failure_code(Syscall::Open, &e))?.len();
    let invalid = || failure_code(Syscall::Mmap, &io::Error::from_raw_os_error(EINVAL));
    if offset >= file_size {
        return Err(invalid());
    }
    let available = file_size - offset;
    let length = if size == 0 { available } else { size.min(available) };
    // mmap wants a page-aligned file offset: map from the page start, point past the slack.
    let aligned = offset - offset % page_size();
    let slack = (offset - aligned) as usize;
    let mapped = usize::try_from(length).map_err(|_| invalid())? + slack;
    let mut flags = if shared { MAP_SHARED } else { MAP_PRIVATE };
    // Elsewhere (macOS) there is no MAP_SYNC, and Bun ignores the option.
    #[cfg(target_os = "linux")]
    if sync {
        flags = MAP_SHARED_VALIDATE_SYNC;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = sync;
    // SAFETY: a fresh mapping of an open descriptor; the kernel validates every argument.
    let base = unsafe { mmap(null_mut(), mapped, PROT_READ | PROT_WRITE, flags, file.as_raw_fd(), aligned as i64) };
    if base as isize == -1 {
        return Err(failure_code(Syscall::Mmap, &io::Error::last_os_error()));
    }
    // SAFETY: `slack < mapped`, inside the mapping.
    let data = unsafe { base.cast::<u8>().add(slack) };
    // The descriptor closes here; the mapping stays valid without it.
    Ok(Mapping { base, mapped, data, length: length as usize })
}

unsafe extern "C" fn unmap(_env: napi_env, data: *mut c_void, hint: *mut c_void) {
    // SAFETY: `hint` is the Box made in `mapping_to_js`, reclaimed exactly once here.
    let mapping = unsafe { Box::from_raw(hint.cast::<Mapping>()) };
    let _ = data;
    // SAFETY: the region `map_file` mapped; nothing in JavaScript can reach it any more.
    unsafe { munmap(mapping.base, mapping.mapped) };
}

/// `mmap(path, offset, size, shared, sync): Uint8Array | number` — the number is a failure code.
pub unsafe extern "C" fn mmap_callback(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 5usize;
    let mut argv = [null_mut(); 5];
    // SAFETY: five argument slots.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    let mut path = None;
    // SAFETY: live handle.
    unsafe { crate::input::with_bytes(env, argv[0], |bytes| path = std::str::from_utf8(bytes).ok().map(str::to_owned)) };
    let (mut offset, mut size, mut shared, mut sync) = (0f64, 0f64, true, false);
    // SAFETY: out-pointers to locals; a non-number or missing argument leaves the default.
    unsafe {
        napi_get_value_double(env, argv[1], &mut offset);
        napi_get_value_double(env, argv[2], &mut size);
        napi_get_value_bool(env, argv[3], &mut shared);
        napi_get_value_bool(env, argv[4], &mut sync);
    }
    let mut result = null_mut();
    let Some(path) = path else {
        // SAFETY: static strings.
        unsafe { napi_throw_type_error(env, c"ERR_INVALID_ARG_TYPE".as_ptr(), c"path must be a string".as_ptr()) };
        return null_mut();
    };
    match map_file(&path, offset as u64, size as u64, shared, sync) {
        Err(code) => {
            // SAFETY: out-pointer to a local.
            unsafe { napi_create_uint32(env, code, &mut result) };
        }
        Ok(mapping) => {
            let (data, length) = (mapping.data, mapping.length);
            let hint = Box::into_raw(Box::new(mapping));
            let mut buffer = null_mut();
            // SAFETY: `data..data+length` stays mapped until `unmap` runs for this buffer.
            let status = unsafe { napi_create_external_arraybuffer(env, data.cast(), length, unmap, hint.cast(), &mut buffer) };
            if status != NAPI_OK {
                // SAFETY: not handed out; unmap now (the runtime forbids external buffers).
                unsafe { unmap(env, null_mut(), hint.cast()) };
                // SAFETY: static strings.
                unsafe { napi_throw_type_error(env, c"ERR_DX_COMPAT_NATIVE".as_ptr(), c"this runtime does not allow external ArrayBuffers".as_ptr()) };
                return null_mut();
            }
            // SAFETY: a Uint8Array over the whole buffer.
            unsafe { napi_create_typedarray(env, NAPI_UINT8_ARRAY, length, buffer, 0, &mut result) };
        }
    }
    result
}
