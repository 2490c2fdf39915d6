//! `listDirectory(path)`: one directory's entries in a single string, for
//! `Bun.Glob`'s walk. Node's `readdirSync` builds a `Dirent` object per entry
//! and sorts the names; this reads the directory once, in the file system's
//! own order (the order Bun's walker sees), and hands back one string:
//! `kinds + "/" + name0 + "/" + name1 …` ("" for an empty directory), one
//! kind letter per entry — `f` file, `d` directory, `l` symlink, `o` anything
//! else. `/` cannot occur in a name, so the string splits without escapes.
//!
//! On Linux it is `openat` + `getdents64` + `close`, as Bun's walker does:
//! glibc's `opendir` adds an `fstat` per directory, which on a 1 000-directory
//! tree is a thousand system calls more.

use std::cell::RefCell;
use std::ffi::c_char;
use std::ptr::null_mut;

use crate::napi::*;

const EINVAL: i32 = 22;

/// Where a listing is assembled: the kinds, then the `/`-prefixed names
/// (kept between calls, so a walk allocates once).
#[derive(Default)]
struct Listing {
    kinds: Vec<u8>,
    names: Vec<u8>,
}

impl Listing {
    fn push(&mut self, kind: u8, name: &[u8]) {
        self.kinds.push(kind);
        self.names.push(b'/');
        self.names.extend_from_slice(name);
    }

    fn clear(&mut self) {
        self.kinds.clear();
        self.names.clear();
    }
}

fn kind_of(file_type: std::fs::FileType) -> u8 {
    if file_type.is_file() {
        b'f'
    } else if file_type.is_dir() {
        b'd'
    } else if file_type.is_symlink() {
        b'l'
    } else {
        b'o'
    }
}

/// The kind of `name` in `dir` by `lstat`, for file systems that leave d_type
/// unknown; None when it is gone (listed, then removed: as if never listed).
fn kind_by_lstat(dir: &str, name: &[u8]) -> Option<u8> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::path::Path::new(dir).join(std::ffi::OsStr::from_bytes(name));
    std::fs::symlink_metadata(path).ok().map(|meta| kind_of(meta.file_type()))
}

#[cfg(target_os = "linux")]
fn read_entries(path: &str, listing: &mut Listing) -> Result<(), i32> {
    use crate::child_sys::{call3, nr};
    const O_RDONLY_DIRECTORY_CLOEXEC: usize = 0o200000 | 0o2000000;
    const AT_FDCWD: isize = -100;
    const DT_UNKNOWN: u8 = 0;
    const DT_DIR: u8 = 4;
    const DT_REG: u8 = 8;
    const DT_LNK: u8 = 10;
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = RefCell::new(vec![0u8; 64 * 1024]);
    }
    let c_path = std::ffi::CString::new(path).map_err(|_| EINVAL)?;
    // SAFETY: a NUL-terminated path; the result is a descriptor or -errno.
    let fd = unsafe { call3(nr::OPENAT, AT_FDCWD as usize, c_path.as_ptr() as usize, O_RDONLY_DIRECTORY_CLOEXEC) };
    if fd < 0 {
        return Err(-fd as i32);
    }
    let outcome = BUFFER.with_borrow_mut(|buffer| loop {
        // SAFETY: `buffer` is writable for its whole length.
        let read = unsafe { call3(nr::GETDENTS64, fd as usize, buffer.as_mut_ptr() as usize, buffer.len()) };
        if read < 0 {
            return Err(-read as i32);
        }
        if read == 0 {
            return Ok(());
        }
        let mut at = 0usize;
        while at < read as usize {
            // struct linux_dirent64: d_ino u64, d_off i64, d_reclen u16, d_type u8, d_name (NUL-terminated).
            let record = &buffer[at..];
            let length = usize::from(u16::from_ne_bytes([record[16], record[17]]));
            let d_type = record[18];
            let name_field = &record[19..length];
            let name = &name_field[..name_field.iter().position(|&b| b == 0).unwrap_or(name_field.len())];
            at += length;
            if name == b"." || name == b".." {
                continue;
            }
            let kind = match d_type {
                DT_REG => b'f',
                DT_DIR => b'd',
                DT_LNK => b'l',
                DT_UNKNOWN => match kind_by_lstat(path, name) {
                    Some(kind) => kind,
                    None => continue,
                },
                _ => b'o',
            };
            listing.push(kind, name);
        }
    });
    // SAFETY: the descriptor opened above, closed once.
    unsafe { call3(nr::CLOSE, fd as usize, 0, 0) };
    outcome
}

#[cfg(not(target_os = "linux"))]
fn read_entries(path: &str, listing: &mut Listing) -> Result<(), i32> {
    let errno = |error: std::io::Error| error.raw_os_error().unwrap_or(EINVAL);
    for entry in std::fs::read_dir(path).map_err(errno)? {
        let entry = entry.map_err(errno)?;
        let name = entry.file_name();
        let kind = match entry.file_type() {
            Ok(file_type) => kind_of(file_type),
            Err(_) => continue,
        };
        listing.push(kind, name.as_encoded_bytes());
    }
    Ok(())
}

/// Calls `f` with the listing string's bytes, or returns the errno of the
/// failure (`open` or `getdents`).
fn with_listing<R>(path: &str, f: impl FnOnce(&[u8]) -> R) -> Result<R, i32> {
    thread_local! {
        static LISTING: RefCell<Listing> = RefCell::new(Listing::default());
    }
    LISTING.with_borrow_mut(|listing| {
        listing.clear();
        read_entries(path, listing)?;
        if !listing.kinds.is_empty() {
            let Listing { kinds, names } = listing;
            kinds.extend_from_slice(names);
        }
        Ok(f(&listing.kinds))
    })
}

/// `listDirectory(path: string): string | number` — the number is an errno.
pub unsafe extern "C" fn list_directory_callback(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 1usize;
    let mut argv = [null_mut(); 1];
    // SAFETY: one argument slot.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    let mut result = null_mut();
    let mut errno = EINVAL;
    let list = |bytes: &[u8]| {
        let Ok(path) = std::str::from_utf8(bytes) else { return };
        // SAFETY: out-pointer to a local; the bytes are copied (invalid UTF-8 becomes U+FFFD).
        let made = with_listing(path, |listing| unsafe {
            napi_create_string_utf8(env, listing.as_ptr().cast::<c_char>(), listing.len(), &mut result)
        });
        if let Err(failure) = made {
            errno = failure;
        }
    };
    // SAFETY: live handle; a non-string leaves EINVAL.
    unsafe { crate::input::with_bytes(env, argv[0], list) };
    if result.is_null() {
        // SAFETY: out-pointer to a local.
        unsafe { napi_create_uint32(env, errno as u32, &mut result) };
    }
    result
}

#[cfg(test)]
mod tests {
    use super::with_listing;

    #[test]
    fn lists_kinds_and_names_and_reports_errno() {
        let dir = std::env::temp_dir().join(format!("dx-compat-list-dir-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("file"), b"").unwrap();
        std::os::unix::fs::symlink("file", dir.join("link")).unwrap();
        let path = dir.to_str().unwrap();
        let mut entries: Vec<(u8, String)> = with_listing(path, |bytes| {
            let text = std::str::from_utf8(bytes).unwrap().to_owned();
            let mut parts = text.split('/');
            let kinds = parts.next().unwrap().as_bytes().to_vec();
            kinds.into_iter().zip(parts.map(str::to_owned)).collect()
        })
        .unwrap();
        entries.sort();
        assert_eq!(entries, vec![(b'd', "sub".into()), (b'f', "file".into()), (b'l', "link".into())]);
        assert_eq!(with_listing(&format!("{path}/sub"), <[u8]>::len), Ok(0));
        assert_eq!(with_listing(&format!("{path}/file"), <[u8]>::len), Err(20), "ENOTDIR");
        assert_eq!(with_listing(&format!("{path}/missing"), <[u8]>::len), Err(2), "ENOENT");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
