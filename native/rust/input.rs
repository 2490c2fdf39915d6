//! Borrowing a JavaScript value's bytes for the length of one native call:
//! a string as UTF-8 (lone surrogates become U+FFFD, as Bun and `TextEncoder`
//! do), or the exact byte view of any TypedArray.

use std::ffi::c_char;
use std::mem::MaybeUninit;
use std::ptr::null_mut;

use crate::napi::*;

/// Strings up to this many UTF-8 bytes are converted on the stack, so the
/// common short-key call allocates nothing.
const STACK_BYTES: usize = 1024;

/// Calls `f` with the bytes of `value`; `None` when `value` is neither a
/// string nor a TypedArray.
///
/// # Safety
/// `env` and `value` must be the live handles of the current callback.
pub unsafe fn with_bytes<R>(env: napi_env, value: napi_value, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    let mut kind = 0;
    // SAFETY: live handles, out-pointer to a local.
    if unsafe { napi_typeof(env, value, &mut kind) } != NAPI_OK {
        return None;
    }
    if kind == NAPI_STRING {
        // SAFETY: `value` is a string handle of this callback.
        return unsafe { with_utf8(env, value, f) };
    }
    // SAFETY: as above; `with_typed_array` checks the value's type itself.
    unsafe { with_typed_array(env, value, f) }
}

unsafe fn with_typed_array<R>(env: napi_env, value: napi_value, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    let mut kind = 0;
    let mut length = 0usize;
    let mut data = null_mut();
    // SAFETY: Node accepts null for the out-parameters we do not need.
    let status = unsafe {
        napi_get_typedarray_info(env, value, &mut kind, &mut length, &mut data, null_mut(), null_mut())
    };
    if status != NAPI_OK {
        return None;
    }
    let element_size = *TYPED_ARRAY_ELEMENT_SIZES.get(usize::try_from(kind).ok()?)?;
    if length == 0 || data.is_null() {
        return Some(f(&[]));
    }
    // SAFETY: Node reports `data` already moved to the view's first element and
    // `length` in elements; the view stays alive for the whole callback.
    let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), length * element_size) };
    Some(f(bytes))
}

unsafe fn with_utf8<R>(env: napi_env, value: napi_value, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    let mut stack = MaybeUninit::<[u8; STACK_BYTES]>::uninit();
    let mut written = 0usize;
    // SAFETY: the buffer holds STACK_BYTES bytes; Node writes at most
    // STACK_BYTES - 1 bytes plus a terminating NUL.
    let status = unsafe {
        napi_get_value_string_utf8(env, value, stack.as_mut_ptr().cast::<c_char>(), STACK_BYTES, &mut written)
    };
    if status != NAPI_OK {
        return None;
    }
    // V8 only writes whole characters (at most 4 bytes each), so a conversion
    // that leaves four or more bytes unused was not cut short.
    if written + 4 < STACK_BYTES {
        // SAFETY: Node initialised the first `written` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(stack.as_ptr().cast::<u8>(), written) };
        return Some(f(bytes));
    }
    let mut length = 0usize;
    // SAFETY: a null buffer asks only for the UTF-8 length.
    if unsafe { napi_get_value_string_utf8(env, value, null_mut(), 0, &mut length) } != NAPI_OK {
        return None;
    }
    let mut heap: Vec<u8> = Vec::with_capacity(length + 1);
    // SAFETY: the vector has room for `length` bytes and the NUL.
    let status = unsafe {
        napi_get_value_string_utf8(env, value, heap.as_mut_ptr().cast::<c_char>(), length + 1, &mut written)
    };
    if status != NAPI_OK {
        return None;
    }
    // SAFETY: Node initialised `written` (<= length) bytes.
    unsafe { heap.set_len(written) };
    Some(f(&heap))
}
