//! `which(bin, PATH, cwd)`: Bun's executable lookup, the same rules as the
//! TypeScript twin (`src/internal/twin/which.ts`): no normalisation, an
//! absolute name as it is, a name with a slash against `cwd`, a bare name
//! along `PATH` whose relative entries count from `cwd`. Done here because a
//! spawn pays it every time and a `stat` from JavaScript costs several times
//! the system call (each missing entry would otherwise build an object).

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use crate::napi::*;

/// PATH_MAX: Bun refuses (or fails to find) anything this long.
const MAX_PATH_BYTES: usize = 4096;
const X_OK: c_int = 1;

extern "C" {
    fn access(path: *const c_char, mode: c_int) -> c_int;
}

fn is_executable_file(path: &str) -> bool {
    if path.len() >= MAX_PATH_BYTES || path.as_bytes().contains(&0) {
        return false;
    }
    // A NUL-terminated copy on the stack: a lookup tries one candidate per PATH entry.
    let mut buffer = [0u8; MAX_PATH_BYTES];
    buffer[..path.len()].copy_from_slice(path.as_bytes());
    let c_path = buffer.as_ptr().cast::<c_char>();
    // `access` first: most candidates do not exist, and one system call says so;
    // only an executable one is then checked for being a regular file.
    // SAFETY: a NUL-terminated path in `buffer`.
    (unsafe { access(c_path, X_OK) } == 0) && std::fs::metadata(path).map(|m| m.is_file()).unwrap_or(false)
}

fn trim_trailing_slashes(text: &str) -> &str {
    text.trim_end_matches('/')
}

pub fn which(bin: &str, path: &str, cwd: &str) -> Option<String> {
    if bin.is_empty() {
        return None;
    }
    if bin.starts_with('/') {
        return is_executable_file(bin).then(|| bin.to_owned());
    }
    if bin.contains('/') {
        if cwd.is_empty() {
            return None;
        }
        let name = bin.strip_prefix("./").unwrap_or(bin);
        let candidate = format!("{}/{}", trim_trailing_slashes(cwd), name);
        return is_executable_file(&candidate).then_some(candidate);
    }
    let base = trim_trailing_slashes(cwd);
    for entry in path.split(':').filter(|entry| !entry.is_empty()) {
        let segment = trim_trailing_slashes(entry);
        let candidate = if segment.starts_with('/') || base.is_empty() {
            format!("{segment}/{bin}")
        } else {
            format!("{base}/{segment}/{bin}")
        };
        if is_executable_file(&candidate) {
            return Some(candidate);
        }
    }
    None
}

unsafe fn string_argument(env: napi_env, value: napi_value) -> Option<String> {
    let mut text = None;
    // SAFETY: live handle; a non-string leaves `text` unset.
    unsafe { crate::input::with_bytes(env, value, |bytes| text = std::str::from_utf8(bytes).ok().map(str::to_owned)) };
    text
}

/// `which(bin, PATH, cwd): string | null` (undefined for arguments that are not strings).
pub unsafe extern "C" fn which_callback(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 3usize;
    let mut argv = [null_mut(); 3];
    // SAFETY: three argument slots.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    // SAFETY: live handles.
    let strings = unsafe { (string_argument(env, argv[0]), string_argument(env, argv[1]), string_argument(env, argv[2])) };
    let (Some(bin), Some(path), Some(cwd)) = strings else {
        return null_mut();
    };
    let mut result = null_mut();
    match which(&bin, &path, &cwd) {
        // SAFETY: out-pointer to a local; the string is copied.
        Some(found) => unsafe { napi_create_string_utf8(env, found.as_ptr().cast::<c_char>(), found.len(), &mut result) },
        // SAFETY: out-pointer to a local.
        None => unsafe { napi_get_null(env, &mut result) },
    };
    result
}

#[cfg(test)]
mod tests {
    use super::which;

    #[test]
    fn finds_along_path_and_refuses_what_is_not_an_executable_file() {
        assert_eq!(which("sh", "/nonexistent:/bin:/usr/bin", "/"), Some("/bin/sh".to_owned()));
        assert_eq!(which("sh", "/nonexistent", "/"), None);
        assert_eq!(which("", "/bin", "/"), None);
        assert_eq!(which("/bin/sh", "", ""), Some("/bin/sh".to_owned()));
        assert_eq!(which("bin", "/", "/"), None, "a directory is not an executable file");
        assert_eq!(which("./sh", "", "/bin/"), Some("/bin/sh".to_owned()));
        assert_eq!(which("sh", "bin", "/usr"), Some("/usr/bin/sh".to_owned()), "relative PATH entries count from cwd");
    }
}
