//! Message digests by the OpenSSL that Node itself links, with one N-API
//! crossing per call and no object.
//!
//! `node:crypto` pays several hundred nanoseconds per call around the hash
//! (argument checks, a `Hash` object or a fetch by name, a result made in
//! C++); for `new Bun.CryptoHasher("sha256").update(1 KiB).digest()` that is
//! most of the time. Here the bytes are hashed in place, and the digest is
//! written into memory the caller passes.
//!
//! - `digest(algorithm, input, out)`: one message, digest into `out`.
//! - `digestStep(algorithm, state, input, flags)`: a running digest whose
//!   state lives in the caller's memory (a `Uint8Array` of `STATE_BYTES`):
//!   the context, then room for the digest. The caller owns its lifetime,
//!   copies it to fork a hasher, and never needs a finalizer.
//!
//! It uses OpenSSL's low-level `*_Init`/`*_Update`/`*_Final` functions. They
//! run the same assembly as the EVP interface (SHA-NI, AVX2… chosen by
//! OpenSSL's CPU detection) without its provider dispatch (OpenSSL 3's
//! one-call `SHA256()` looks the digest up by name on every call), and their
//! contexts are plain structs with no pointers, so a context can be kept in,
//! and copied as, bytes. They are looked up at run time (`host.rs`): where the
//! host lacks them the call reports 0 and the caller keeps `node:crypto`.

use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;
use std::sync::OnceLock;

use crate::host;
use crate::napi::*;

type InitFn = unsafe extern "C" fn(context: *mut c_void) -> c_int;
type UpdateFn = unsafe extern "C" fn(context: *mut c_void, data: *const c_void, length: usize) -> c_int;
type FinalFn = unsafe extern "C" fn(digest: *mut u8, context: *mut c_void) -> c_int;

/// One algorithm: the names of its three functions, and its digest's size.
struct Algorithm {
    init: &'static CStr,
    update: &'static CStr,
    finish: &'static CStr,
    length: usize,
    /// Input block size in bytes.
    block: u32,
}

/// In the order of `digestAlgorithms` in `src/internal/binding.ts`: the
/// algorithm argument is an index into this table.
const ALGORITHMS: [Algorithm; 6] = [
    Algorithm { init: c"MD5_Init", update: c"MD5_Update", finish: c"MD5_Final", length: 16, block: 64 },
    Algorithm { init: c"SHA1_Init", update: c"SHA1_Update", finish: c"SHA1_Final", length: 20, block: 64 },
    Algorithm { init: c"SHA224_Init", update: c"SHA224_Update", finish: c"SHA224_Final", length: 28, block: 64 },
    Algorithm { init: c"SHA256_Init", update: c"SHA256_Update", finish: c"SHA256_Final", length: 32, block: 64 },
    Algorithm { init: c"SHA384_Init", update: c"SHA384_Update", finish: c"SHA384_Final", length: 48, block: 128 },
    Algorithm { init: c"SHA512_Init", update: c"SHA512_Update", finish: c"SHA512_Final", length: 64, block: 128 },
];

/// Room for any of the contexts above: OpenSSL's largest (`SHA512_CTX`) is
/// 216 bytes, BoringSSL's and LibreSSL's no larger; 8-byte aligned, as their
/// `uint64_t` fields need.
const CONTEXT_BYTES: usize = 256;
type Context = [u64; CONTEXT_BYTES / 8];

/// Where a running digest's state keeps its digest, after the context
/// (`DIGEST_AT` in `src/internal/binding.ts`).
const DIGEST_OFFSET: usize = CONTEXT_BYTES;
/// The size of a running digest's state (`DIGEST_STATE_BYTES` in `src/internal/binding.ts`).
const STATE_BYTES: usize = DIGEST_OFFSET + 64;

/// `digestStep` flags: start over before adding the input; write the digest
/// of everything so far (the running context itself goes on).
const STEP_START: u32 = 1;
const STEP_FINISH: u32 = 2;

#[derive(Clone, Copy)]
struct Functions {
    init: InitFn,
    update: UpdateFn,
    finish: FinalFn,
    length: usize,
    block: u32,
    /// Where the context counts the bytes of its partial block (`num`).
    count_at: usize,
}

impl Functions {
    /// Whether a context from the caller's memory is safe to hand to OpenSSL.
    /// Its partial-block count is an index into the context's block buffer,
    /// so a corrupt one would make `*_Update` copy out of bounds; every other
    /// field is only arithmetic (and `*_Final` refuses an unknown output
    /// size), so a corrupt context gives a wrong digest, never a crash.
    fn sound(&self, context: &Context) -> bool {
        let at = self.count_at;
        let bytes: &[u8; CONTEXT_BYTES] = context_bytes(context);
        u32::from_ne_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) < self.block
    }
}

fn context_bytes(context: &Context) -> &[u8; CONTEXT_BYTES] {
    // SAFETY: a [u64; N] is CONTEXT_BYTES initialised bytes, with no padding.
    unsafe { &*(context as *const Context).cast::<[u8; CONTEXT_BYTES]>() }
}

/// Finds the context field that counts the bytes of the partial block (OpenSSL,
/// BoringSSL and LibreSSL all keep one, `num`, at a layout-dependent place):
/// the one 32-bit word that reads 1, 2, 3 and block - 1 after that many bytes.
/// None when no single word does (an unknown layout: the algorithm is then
/// treated as unavailable rather than trusted).
fn find_count_field(init: InitFn, update: UpdateFn, block: u32) -> Option<usize> {
    let lengths = [1, 2, 3, block as usize - 1];
    let input = [0xabu8; 128];
    let mut contexts = [[0u64; CONTEXT_BYTES / 8]; 4];
    for (context, &length) in contexts.iter_mut().zip(&lengths) {
        let pointer = context.as_mut_ptr().cast::<c_void>();
        // SAFETY: `pointer` has room for any context here; `length` < 128 bytes of input.
        if unsafe { init(pointer) != 1 || update(pointer, input.as_ptr().cast(), length) != 1 } {
            return None;
        }
    }
    let word = |context: &Context, at: usize| {
        let bytes = context_bytes(context);
        u32::from_ne_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
    };
    let mut found = (0..CONTEXT_BYTES).step_by(4).filter(|&at| contexts.iter().zip(&lengths).all(|(c, &n)| word(c, at) == n));
    let at = found.next()?;
    found.next().is_none().then_some(at)
}

fn resolve(algorithm: &Algorithm) -> Option<Functions> {
    let init = host::symbol(algorithm.init)?;
    let update = host::symbol(algorithm.update)?;
    let finish = host::symbol(algorithm.finish)?;
    // SAFETY: these are OpenSSL's exported functions of these names, whose
    // C signatures (unchanged since OpenSSL 0.9.8, and the same in BoringSSL
    // and LibreSSL) are the types above.
    let (init, update, finish) = unsafe {
        (
            std::mem::transmute::<*mut c_void, InitFn>(init.as_ptr()),
            std::mem::transmute::<*mut c_void, UpdateFn>(update.as_ptr()),
            std::mem::transmute::<*mut c_void, FinalFn>(finish.as_ptr()),
        )
    };
    let count_at = find_count_field(init, update, algorithm.block)?;
    Some(Functions { init, update, finish, length: algorithm.length, block: algorithm.block, count_at })
}

/// The host's functions for algorithm `index`, looked up once.
fn functions(index: usize) -> Option<Functions> {
    static RESOLVED: [OnceLock<Option<Functions>>; 6] = [const { OnceLock::new() }; 6];
    let algorithm = ALGORITHMS.get(index)?;
    *RESOLVED[index].get_or_init(|| resolve(algorithm))
}

/// Writes the digest of `bytes` into the start of `out`; the number of bytes
/// written, or None when the host lacks the algorithm, `out` is too small or
/// OpenSSL reports a failure.
pub fn digest_into(index: usize, bytes: &[u8], out: &mut [u8]) -> Option<usize> {
    let functions = functions(index)?;
    if out.len() < functions.length {
        return None;
    }
    let mut context: Context = [0; CONTEXT_BYTES / 8];
    let context = context.as_mut_ptr().cast::<c_void>();
    // SAFETY: `context` has room for the algorithm's context (see `Context`);
    // `bytes` is readable for its length; `out` has room for the digest.
    let ok = unsafe {
        (functions.init)(context) == 1
            && (functions.update)(context, bytes.as_ptr().cast(), bytes.len()) == 1
            && (functions.finish)(out.as_mut_ptr(), context) == 1
    };
    ok.then_some(functions.length)
}

/// What one step of a running digest leaves: the context to keep and, when
/// asked for, the digest so far.
pub struct Stepped {
    pub context: [u8; CONTEXT_BYTES],
    pub digest: Option<[u8; 64]>,
    pub length: usize,
}

/// One step of a running digest: from `previous` (a context an earlier step
/// of this algorithm left; None starts over), `bytes` are added, and with
/// `finish` the digest so far is taken (on a copy: the context goes on).
/// None when the host lacks the algorithm or `previous` is not a sound
/// context (see `Functions::sound`: a context that no step of this algorithm
/// made gives a wrong digest or None, never an out-of-bounds access).
pub fn digest_step(index: usize, previous: Option<&[u8; CONTEXT_BYTES]>, bytes: &[u8], finish: bool) -> Option<Stepped> {
    let functions = functions(index)?;
    let mut local: Context = [0; CONTEXT_BYTES / 8];
    let started = match previous {
        // SAFETY: `local` has room for any algorithm's context.
        None => unsafe { (functions.init)(local.as_mut_ptr().cast()) == 1 },
        Some(previous) => {
            // SAFETY: both are CONTEXT_BYTES long and distinct.
            unsafe { std::ptr::copy_nonoverlapping(previous.as_ptr(), local.as_mut_ptr().cast::<u8>(), CONTEXT_BYTES) };
            functions.sound(&local)
        }
    };
    let context = local.as_mut_ptr().cast::<c_void>();
    // SAFETY: a live context of this algorithm; `bytes` is readable for its length.
    if !started || unsafe { (functions.update)(context, bytes.as_ptr().cast(), bytes.len()) } != 1 {
        return None;
    }
    let kept = *context_bytes(&local);
    let digest = if finish {
        let mut digest = [0u8; 64];
        // `*_Final` ends the context it is given: it gets the local one, the
        // copy in `kept` goes on.
        // SAFETY: a live context; 64 bytes hold any digest here.
        if unsafe { (functions.finish)(digest.as_mut_ptr(), context) } != 1 {
            return None;
        }
        Some(digest)
    } else {
        None
    };
    Some(Stepped { context: kept, digest, length: functions.length })
}

/// Whether the host has algorithm `index`.
#[cfg(test)]
fn available(index: usize) -> bool {
    functions(index).is_some()
}

/// `digest(algorithm: number, input: string | TypedArray, out: Uint8Array): number`
/// — the digest's length in bytes, written at the start of `out`; 0 when the
/// host lacks the algorithm or `out` is too small. An input that is neither a
/// string nor a TypedArray throws.
pub unsafe extern "C" fn digest_callback(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 3usize;
    let mut argv = [null_mut(); 3];
    // SAFETY: argv holds `argc` slots; missing arguments are filled with undefined.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    let mut index = u32::MAX;
    // SAFETY: live handle; a non-number leaves `index` out of range.
    unsafe { napi_get_value_uint32(env, argv[0], &mut index) };
    let mut out_length = 0usize;
    let mut out_data = null_mut();
    let mut kind = -1;
    // SAFETY: live handle; Node accepts null for the out-parameters not needed.
    let status = unsafe {
        napi_get_typedarray_info(env, argv[2], &mut kind, &mut out_length, &mut out_data, null_mut(), null_mut())
    };
    let usable = status == NAPI_OK && kind == NAPI_UINT8_ARRAY && !out_data.is_null();
    let mut digest = [0u8; 64];
    let written = if usable {
        // SAFETY: live handles of this callback. The digest goes to a local
        // first: `out` may be a view of the input's own memory.
        unsafe { crate::input::with_bytes(env, argv[1], |bytes| digest_into(index as usize, bytes, &mut digest).unwrap_or(0)) }
    } else {
        Some(0)
    };
    let Some(mut written) = written else {
        // SAFETY: static messages.
        return unsafe { crate::throw_type_error(env, c"ERR_INVALID_ARG_TYPE", c"input must be a string or a TypedArray") };
    };
    if written > out_length {
        written = 0;
    } else if written > 0 {
        // SAFETY: `out` is a live Uint8Array of `out_length >= written` bytes;
        // the input is no longer borrowed.
        unsafe { std::ptr::copy_nonoverlapping(digest.as_ptr(), out_data.cast::<u8>(), written) };
    }
    let mut result = null_mut();
    // SAFETY: out-pointer to a local.
    unsafe { napi_create_uint32(env, written as u32, &mut result) };
    result
}

/// `digestStep(algorithm: number, state: Uint8Array, input: string | TypedArray, flags: number): number`
/// — see `digest_step`; the digest's length (written into the state only
/// with `STEP_FINISH`), or 0 when the host lacks the algorithm or `state` is
/// not a Uint8Array of at least `STATE_BYTES`. An input that is neither a
/// string nor a TypedArray throws.
pub unsafe extern "C" fn digest_step_callback(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 4usize;
    let mut argv = [null_mut(); 4];
    // SAFETY: argv holds `argc` slots; missing arguments are filled with undefined.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    let mut index = u32::MAX;
    let mut flags = 0u32;
    // SAFETY: live handles; a non-number leaves the local as it was.
    unsafe {
        napi_get_value_uint32(env, argv[0], &mut index);
        napi_get_value_uint32(env, argv[3], &mut flags);
    }
    let mut state_length = 0usize;
    let mut state = null_mut();
    let mut kind = -1;
    // SAFETY: live handle; Node accepts null for the out-parameters not needed.
    let status = unsafe {
        napi_get_typedarray_info(env, argv[1], &mut kind, &mut state_length, &mut state, null_mut(), null_mut())
    };
    let usable = status == NAPI_OK && kind == NAPI_UINT8_ARRAY && !state.is_null() && state_length >= STATE_BYTES;
    let state = state.cast::<u8>();
    let mut previous = [0u8; CONTEXT_BYTES];
    if usable && flags & STEP_START == 0 {
        // SAFETY: the state is a live Uint8Array of at least STATE_BYTES bytes.
        unsafe { std::ptr::copy_nonoverlapping(state, previous.as_mut_ptr(), CONTEXT_BYTES) };
    }
    let previous = (flags & STEP_START == 0).then_some(&previous);
    let stepped = if usable {
        // SAFETY: live handles of this callback. The state is read above and
        // written below, never while the input (which may share its memory)
        // is borrowed.
        unsafe { crate::input::with_bytes(env, argv[2], |bytes| digest_step(index as usize, previous, bytes, flags & STEP_FINISH != 0)) }
    } else {
        Some(None)
    };
    let Some(stepped) = stepped else {
        // SAFETY: static messages.
        return unsafe { crate::throw_type_error(env, c"ERR_INVALID_ARG_TYPE", c"input must be a string or a TypedArray") };
    };
    let written = match stepped {
        None => 0,
        Some(stepped) => {
            // SAFETY: the state is a live Uint8Array of at least STATE_BYTES
            // bytes: the context, then 64 bytes for the digest.
            unsafe {
                std::ptr::copy_nonoverlapping(stepped.context.as_ptr(), state, CONTEXT_BYTES);
                if let Some(digest) = stepped.digest {
                    std::ptr::copy_nonoverlapping(digest.as_ptr(), state.add(DIGEST_OFFSET), 64);
                }
            }
            stepped.length
        }
    };
    let mut result = null_mut();
    // SAFETY: out-pointer to a local.
    unsafe { napi_create_uint32(env, written as u32, &mut result) };
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    // The test executable is not Node: it gets the functions from the
    // system's libcrypto where one is installed (known answers then).
    #[test]
    fn known_answers_where_the_host_has_openssl() {
        if host::load_for_tests(c"libcrypto.so.3") {
            assert!((0..ALGORITHMS.len()).all(available));
        }
        let cases: [(usize, &str); 6] = [
            (0, "900150983cd24fb0d6963f7d28e17f72"),
            (1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (2, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
            (3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (4, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
            (5, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
        ];
        for (index, expected) in cases {
            if !available(index) {
                continue;
            }
            let mut out = [0u8; 64];
            let length = digest_into(index, b"abc", &mut out).expect("digest");
            let hex: String = out[..length].iter().map(|byte| format!("{byte:02x}")).collect();
            assert_eq!(hex, expected);
            assert_eq!(digest_into(index, b"abc", &mut out[..length - 1]), None);
        }
        assert!(!available(ALGORITHMS.len()));
    }

    /// A state that no step of the algorithm wrote is refused (or at worst
    /// hashed wrongly), never trusted with an out-of-range block count.
    #[test]
    fn garbage_states_are_refused() {
        if !host::load_for_tests(c"libcrypto.so.3") {
            return;
        }
        // OpenSSL 3's layouts: `num` after the hash words, bit counts and block.
        let counts: Vec<usize> = (0..ALGORITHMS.len()).map(|index| functions(index).unwrap().count_at).collect();
        assert_eq!(counts, [88, 92, 104, 104, 208, 208]);
        for (index, algorithm) in ALGORITHMS.iter().enumerate() {
            for fill in [0xffu8, 0x40, 0x80, 0] {
                let outcome = digest_step(index, Some(&[fill; CONTEXT_BYTES]), &[1; 300], true);
                let block = algorithm.block as usize;
                let count = u32::from_ne_bytes([fill; 4]) as usize;
                // A sound count is hashed (a zeroed SHA-512 context then has
                // no output size, which `SHA512_Final` refuses): no crash either way.
                assert!(count < block || outcome.is_none());
            }
        }
    }

    /// Any split of a message into steps, with digests taken along the way,
    /// gives the one-shot digest of what was added so far.
    #[test]
    fn steps_agree_with_one_shot_digests() {
        if !host::load_for_tests(c"libcrypto.so.3") {
            return;
        }
        let message: Vec<u8> = (0..3000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
        for index in 0..ALGORITHMS.len() {
            for cut in [0, 1, 55, 64, 111, 128, 1000, 2999] {
                let mut expected = [0u8; 64];
                let first = digest_step(index, None, &message[..cut], true).unwrap();
                let length = digest_into(index, &message[..cut], &mut expected).unwrap();
                assert_eq!(first.length, length);
                assert_eq!(first.digest.unwrap()[..length], expected[..length]);
                let second = digest_step(index, Some(&first.context), &message[cut..], false).unwrap();
                assert!(second.digest.is_none());
                let last = digest_step(index, Some(&second.context), b"", true).unwrap();
                digest_into(index, &message, &mut expected).unwrap();
                assert_eq!(last.digest.unwrap()[..length], expected[..length]);
            }
        }
    }
}
