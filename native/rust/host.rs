//! Functions of the Node executable itself, found at run time.
//!
//! Node links OpenSSL and zlib into its executable and exports their symbols
//! (that is what lets addons use them). The addon looks them up with
//! `dlsym(RTLD_DEFAULT, …)` rather than importing them at link time: a Node
//! built without them (or with other names) must still load the addon, which
//! then reports those functions as unavailable and lets the caller fall back.
//! The lookup finds whatever the process links: Node's bundled copy, or the
//! system's `libcrypto`/`libz` for a Node built against shared libraries,
//! which is what `node:crypto` and `node:zlib` use too.

use std::ffi::{c_void, CStr};
use std::ptr::NonNull;

/// The address of the process's global symbol `name`, if there is one.
#[cfg(unix)]
pub fn symbol(name: &CStr) -> Option<NonNull<c_void>> {
    extern "C" {
        fn dlsym(handle: *mut c_void, symbol: *const std::ffi::c_char) -> *mut c_void;
    }
    // glibc and musl define RTLD_DEFAULT as 0; macOS as -2.
    #[cfg(target_vendor = "apple")]
    let default_handle = -2isize as *mut c_void;
    #[cfg(not(target_vendor = "apple"))]
    let default_handle = std::ptr::null_mut();
    // SAFETY: a NUL-terminated name; RTLD_DEFAULT searches the global scope and
    // only reads the loaded objects' symbol tables.
    NonNull::new(unsafe { dlsym(default_handle, name.as_ptr()) })
}

/// Not looked up on Windows (node.exe's exports are not checked there): every
/// host function is unavailable, and callers use their fallbacks.
#[cfg(not(unix))]
pub fn symbol(_name: &CStr) -> Option<NonNull<c_void>> {
    None
}

/// For unit tests, which run outside Node: makes a system library's symbols
/// global, as Node's are, so `symbol` finds them. False when it is not installed.
#[cfg(all(test, unix))]
pub fn load_for_tests(library: &CStr) -> bool {
    const RTLD_NOW: std::ffi::c_int = 2;
    #[cfg(target_vendor = "apple")]
    const RTLD_GLOBAL: std::ffi::c_int = 8;
    #[cfg(not(target_vendor = "apple"))]
    const RTLD_GLOBAL: std::ffi::c_int = 0x100;
    extern "C" {
        fn dlopen(file: *const std::ffi::c_char, mode: std::ffi::c_int) -> *mut c_void;
    }
    // SAFETY: a NUL-terminated name; the library stays loaded for the process.
    !unsafe { dlopen(library.as_ptr(), RTLD_NOW | RTLD_GLOBAL) }.is_null()
}
