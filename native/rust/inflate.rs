//! `inflate(input, windowBits, chunkSize, info)`: one whole DEFLATE stream
//! decoded by the zlib that Node itself links, exactly as `node:zlib`'s
//! synchronous path decodes it, into Buffers Node allocates (and V8 frees on
//! collection, as it frees node:zlib's: memory handed over with a finalizer
//! would be given back only when the event loop next turns, so a loop of
//! synchronous calls would hold every result it ever made).
//!
//! What it saves over `node:zlib`:
//! - Page faults on the decoding thread. A large result is fresh memory
//!   (glibc maps anything past 32 MiB anew), and a 64 MiB one costs 16 384
//!   faults, two thirds as long as the decoding itself. Here, where a second
//!   core exists, a helper thread faults the pages in just ahead of the
//!   decoder (`helper`).
//! - A second pass for the CRC-32 the gzip trailer is checked against: the
//!   helper takes it behind the decoder, or else the decoder takes it after
//!   each call, while the output is in cache.
//!
//! The caller (`@dx-compat/bun`'s gunzip/inflate) keeps every rule of the
//! format around the stream (the gzip header and trailer are read in
//! JavaScript, with zlib's messages). What is here is zlib's `inflate()`
//! called as node:zlib calls it, so that every stream, corrupt ones
//! included, has node:zlib's outcome: all the input at once, `Z_FINISH`, and
//! `chunkSize` bytes of room per call, each call's output in a new chunk,
//! the chunks joined at the end. The room per call matters in one case: a
//! distance past the window is an error ("invalid distance too far back")
//! only when it also reaches past the current call's output. With a 32 KiB
//! window (windowBits 15), which DEFLATE's distances cannot exceed, it never
//! does, so there the calls are cut into smaller pieces (for the CRC and the
//! helper's sake) without changing any outcome.
//!
//! The functions are looked up at run time (`host.rs`): a Node without them,
//! or whose `z_stream` differs from the one declared here (zlib's
//! `inflateInit2_` checks the size and version), gets `null` and the caller
//! keeps `node:zlib`.

use std::ffi::{c_char, c_int, c_uint, c_ulong, c_void, CStr};
use std::ptr::null_mut;
use std::sync::OnceLock;

use crate::hash;
use crate::host;
use crate::napi::*;

/// zlib's `z_stream`, field for field (zlib.h; `uLong` is C's `unsigned long`).
#[repr(C)]
pub(crate) struct ZStream {
    pub next_in: *const u8,
    pub avail_in: c_uint,
    total_in: c_ulong,
    pub next_out: *mut u8,
    pub avail_out: c_uint,
    total_out: c_ulong,
    msg: *const c_char,
    state: *mut c_void,
    zalloc: *mut c_void,
    zfree: *mut c_void,
    opaque: *mut c_void,
    data_type: c_int,
    adler: c_ulong,
    reserved: c_ulong,
}

const Z_OK: c_int = 0;
const Z_STREAM_END: c_int = 1;
const Z_DATA_ERROR: c_int = -3;
const Z_MEM_ERROR: c_int = -4;
const Z_BUF_ERROR: c_int = -5;
const Z_FINISH: c_int = 4;

type VersionFn = unsafe extern "C" fn() -> *const c_char;
type InitFn = unsafe extern "C" fn(stream: *mut ZStream, window_bits: c_int, version: *const c_char, size: c_int) -> c_int;
type InflateFn = unsafe extern "C" fn(stream: *mut ZStream, flush: c_int) -> c_int;
type EndFn = unsafe extern "C" fn(stream: *mut ZStream) -> c_int;

#[derive(Clone, Copy)]
struct Zlib {
    version: VersionFn,
    init: InitFn,
    inflate: InflateFn,
    end: EndFn,
}

fn resolve() -> Option<Zlib> {
    let version = host::symbol(c"zlibVersion")?;
    let init = host::symbol(c"inflateInit2_")?;
    let inflate = host::symbol(c"inflate")?;
    let end = host::symbol(c"inflateEnd")?;
    // SAFETY: zlib's exported functions of these names, with these C
    // signatures (zlib.h, unchanged since zlib 1.0).
    let zlib = unsafe {
        Zlib {
            version: std::mem::transmute::<*mut c_void, VersionFn>(version.as_ptr()),
            init: std::mem::transmute::<*mut c_void, InitFn>(init.as_ptr()),
            inflate: std::mem::transmute::<*mut c_void, InflateFn>(inflate.as_ptr()),
            end: std::mem::transmute::<*mut c_void, EndFn>(end.as_ptr()),
        }
    };
    // SAFETY: zlibVersion returns a static NUL-terminated string.
    let version = unsafe { CStr::from_ptr((zlib.version)()) };
    // zlib 1.x is the only `z_stream` declared here; inflateInit2_ checks the
    // struct's size too, on every call.
    version.to_bytes().starts_with(b"1.").then_some(zlib)
}

fn zlib() -> Option<Zlib> {
    static RESOLVED: OnceLock<Option<Zlib>> = OnceLock::new();
    *RESOLVED.get_or_init(resolve)
}

/// How a stream ended, when it did not end well.
#[derive(Debug, PartialEq)]
pub enum Failure {
    /// Corrupt data: zlib's message (`strm->msg`), as `node:zlib` reports it.
    Data(String),
    /// Any other zlib code: Z_BUF_ERROR (-5) for input that stops before the
    /// stream's end ("unexpected end of file" in node:zlib), Z_NEED_DICT (2),
    /// Z_MEM_ERROR (-4, also when an output chunk cannot be had),
    /// Z_STREAM_ERROR (-2: a windowBits zlib refuses), Z_VERSION_ERROR (-6).
    Code(i32),
}

/// Where output goes: memory for `capacity` bytes, of which `len` are written.
pub trait Chunk {
    fn data(&self) -> *mut u8;
    fn capacity(&self) -> usize;
    fn len(&self) -> usize;
    /// # Safety
    /// The first `len` bytes must have been written.
    unsafe fn set_len(&mut self, len: usize);
}

/// Calls zlib as node:zlib's synchronous path does, so a good outcome is the
/// output in chunks of `chunk` bytes (the last one partly filled).
pub struct Decoded<C> {
    pub chunks: Vec<C>,
    /// How many input bytes the stream took (zlib's `total_in`): the gzip
    /// trailer, or whatever follows the stream, starts there.
    pub consumed: u64,
    /// The CRC-32 of the output, when asked for.
    pub crc32: u32,
}

/// node:zlib's smallest chunk.
const MIN_CHUNK: usize = 64;
/// With windowBits 15, calls are cut to this much room (see the module
/// comment): the CRC then reads what was just written, from cache, and the
/// helper hears of the decoder's progress.
const PIECE: usize = 256 << 10;
/// DEFLATE expands at most 1032:1 (a 258-byte match per 2 bits): room past
/// that for the input given is never faulted in ahead.
const MAX_RATIO: usize = 1032;

/// Decodes one stream into chunks from `new_chunk(size)`. `window_bits` goes
/// to `inflateInit2` as given (what node:zlib passes: -8..-15 raw, 0 or 8..15
/// zlib, 16+ gzip), `chunk` is node:zlib's `chunkSize`; decoding stops at the
/// stream's end, whatever follows. None when the host has no usable zlib.
pub fn inflate<C: Chunk>(
    input: &[u8],
    window_bits: i32,
    chunk: usize,
    with_crc: bool,
    new_chunk: impl FnMut(usize) -> Option<C>,
) -> Option<Result<Decoded<C>, Failure>> {
    let zlib = zlib()?;
    // SAFETY: an all-zero z_stream is what inflateInit2 expects (zalloc,
    // zfree and opaque null: zlib's own allocator).
    let mut stream: ZStream = unsafe { std::mem::zeroed() };
    // SAFETY: a live stream; zlib checks that the version's major number and
    // the struct's size are its own.
    let status = unsafe { (zlib.init)(&mut stream, window_bits, (zlib.version)(), std::mem::size_of::<ZStream>() as c_int) };
    if status != Z_OK {
        return Some(Err(Failure::Code(status)));
    }
    let chunk = chunk.clamp(MIN_CHUNK, c_uint::MAX as usize);
    // Any room per call gives the same outcome with a 32 KiB window (see the module comment).
    let piece = if window_bits.unsigned_abs() & 15 == 15 { PIECE.min(chunk) } else { chunk };
    let mut decoder = Decoder { zlib, stream: &mut stream, input, fed: 0, piece, crc: with_crc.then_some(0) };
    let outcome = decoder.run(chunk, new_chunk);
    // SAFETY: the stream was initialised above and is ended once.
    unsafe { (zlib.end)(&mut stream) };
    Some(outcome)
}

struct Decoder<'a> {
    zlib: Zlib,
    stream: &'a mut ZStream,
    input: &'a [u8],
    /// Input bytes handed to zlib so far.
    fed: usize,
    /// Room per `inflate()` call.
    piece: usize,
    crc: Option<u32>,
}

impl Decoder<'_> {
    fn run<C: Chunk>(&mut self, chunk: usize, mut new_chunk: impl FnMut(usize) -> Option<C>) -> Result<Decoded<C>, Failure> {
        let mut chunks = Vec::new();
        // Only as much as a real stream of this input could fill is faulted in ahead.
        let mut likely = self.input.len().saturating_mul(MAX_RATIO).saturating_add(MIN_CHUNK);
        loop {
            let mut next = new_chunk(chunk).ok_or(Failure::Code(Z_MEM_ERROR))?;
            let ahead = likely.min(next.capacity());
            likely -= ahead;
            let data = next.data();
            let crc = self.crc;
            let (ended, helped) = helper::while_helping(data, ahead, crc, |written, own_crc| self.fill(&mut next, written, own_crc));
            let ended = ended?;
            if let Some(part) = helped {
                // The helper took the CRC of the chunk's first `part.len` bytes; the rest is left.
                // SAFETY: the chunk's first `len` bytes are written, and `part.len <= len`.
                let rest = unsafe { std::slice::from_raw_parts(data.add(part.len), next.len() - part.len) };
                self.crc = Some(hash::crc32(part.crc, rest));
            }
            chunks.push(next);
            if ended {
                return Ok(Decoded { chunks, consumed: wide(self.stream.total_in), crc32: self.crc.unwrap_or(0) });
            }
        }
    }

    /// Calls `inflate()` into `output` until the stream ends (true) or the
    /// chunk is full (false). `written` hears the chunk's length after each
    /// call; `own_crc`: the CRC is taken here, after each call (else the
    /// helper thread takes it). Errors as node:zlib's `ZlibContext` judges them.
    fn fill<C: Chunk>(&mut self, output: &mut C, written: &dyn Fn(usize), own_crc: bool) -> Result<bool, Failure> {
        while output.len() < output.capacity() {
            if self.stream.avail_in == 0 && self.fed < self.input.len() {
                // zlib counts input in 32-bit units: feed it in pieces that fit
                // (node:zlib cannot take more than that at all).
                let piece = (self.input.len() - self.fed).min(c_uint::MAX as usize);
                // SAFETY: `fed < input.len()`, so the pointer stays inside the input.
                self.stream.next_in = unsafe { self.input.as_ptr().add(self.fed) };
                self.stream.avail_in = piece as c_uint;
                self.fed += piece;
            }
            let room = self.piece.min(output.capacity() - output.len());
            // SAFETY: `len < capacity`, so the pointer stays inside the chunk.
            let pointer = unsafe { output.data().add(output.len()) };
            self.stream.next_out = pointer;
            self.stream.avail_out = room as c_uint;
            // SAFETY: `next_in` covers `avail_in` readable input bytes and
            // `next_out` `avail_out` writable bytes of the chunk.
            let status = unsafe { (self.zlib.inflate)(self.stream, Z_FINISH) };
            let produced = room - self.stream.avail_out as usize;
            if let Some(crc) = self.crc.as_mut().filter(|_| own_crc) {
                // SAFETY: zlib just wrote these `produced` bytes.
                *crc = hash::crc32(*crc, unsafe { std::slice::from_raw_parts(pointer, produced) });
            }
            // SAFETY: the bytes up to here are written.
            unsafe { output.set_len(output.len() + produced) };
            written(output.len());
            match status {
                Z_STREAM_END => return Ok(true),
                // Not at the end with room to spare: the input stops short
                // ("unexpected end of file" in node:zlib). With no room left,
                // another call.
                Z_OK | Z_BUF_ERROR if self.stream.avail_out != 0 => return Err(Failure::Code(Z_BUF_ERROR)),
                Z_OK | Z_BUF_ERROR => {}
                Z_DATA_ERROR => return Err(Failure::Data(message(self.stream))),
                other => return Err(Failure::Code(other)),
            }
        }
        Ok(false)
    }
}

/// zlib's `uLong` as a u64 (a no-op where it is 64 bits wide; 32 on Windows).
#[allow(clippy::useless_conversion)]
fn wide(value: c_ulong) -> u64 {
    u64::from(value)
}

fn message(stream: &ZStream) -> String {
    if stream.msg.is_null() {
        return String::new();
    }
    // SAFETY: zlib's messages are static NUL-terminated strings.
    unsafe { CStr::from_ptr(stream.msg) }.to_string_lossy().into_owned()
}

/// The CRC of `len` bytes from a chunk's start, continuing the CRC before it.
pub struct CrcPart {
    pub len: usize,
    pub crc: u32,
}

/// A helper thread beside the decoder, for a large chunk where a second core
/// exists. Ahead of the decoder it faults in the chunk's fresh pages (16 384
/// faults for 64 MiB, two thirds as long as decoding into them, all on the
/// decoding thread otherwise); behind it, it takes the CRC of what was
/// written. What it has not done when the decoder ends, the decoder does.
#[cfg(target_os = "linux")]
mod helper {
    use std::ffi::{c_int, c_void};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::OnceLock;

    use super::CrcPart;
    use crate::hash;

    const MADV_POPULATE_WRITE: c_int = 23;
    /// Faulted in, or summed, per step: large enough to amortise a call,
    /// small enough to get ahead of the decoder from the start.
    const STEP: usize = 1 << 20;
    const PAGE: usize = 4096;
    /// Smaller chunks are not worth a thread.
    const MIN_BYTES: usize = 8 << 20;

    extern "C" {
        fn madvise(addr: *mut c_void, length: usize, advice: c_int) -> c_int;
    }

    /// Runs `decode(written, own_crc)`, where `written(len)` publishes how
    /// much of the chunk at `data` is written. With a helper, `own_crc` is
    /// false and the helper's CRC of the chunk's first part (continuing
    /// `crc`) comes back; without one, `own_crc` is true and None comes back.
    /// The helper is stopped and joined before this returns, so the chunk
    /// need only outlive this call; `length` bytes of it are faulted in ahead.
    pub fn while_helping<R>(
        data: *mut u8,
        length: usize,
        crc: Option<u32>,
        decode: impl FnOnce(&dyn Fn(usize), bool) -> R,
    ) -> (R, Option<CrcPart>) {
        if length < MIN_BYTES {
            return (decode(&|_| {}, true), None);
        }
        let chunk = Chunk { base: data as usize, length };
        if !several_cores() {
            // One call faults the pages in faster than one trap per page.
            fault_in_now(&chunk);
            return (decode(&|_| {}, true), None);
        }
        let written = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new()
                .name("dx-compat-inflate".into())
                .spawn_scoped(scope, || help(&chunk, &written, &stop, crc));
            let Ok(helper) = spawned else {
                // No thread (a process limit, say): the decoder does it all.
                fault_in_now(&chunk);
                return (decode(&|_| {}, true), None);
            };
            let thread = helper.thread().clone();
            let outcome = decode(
                &|len| {
                    written.store(len, Ordering::Release);
                    thread.unpark();
                },
                false,
            );
            stop.store(true, Ordering::Release);
            thread.unpark();
            // The helper does not panic (it only calls madvise and sums bytes);
            // if it did, its part is simply not used.
            let part = helper.join().ok().flatten();
            (outcome, Some(part.unwrap_or(CrcPart { len: 0, crc: crc.unwrap_or(0) })).filter(|_| crc.is_some()))
        })
    }

    /// Whether this process may run on more than one core (asked once: the
    /// answer reads the affinity mask and cgroup quotas).
    fn several_cores() -> bool {
        static SEVERAL: OnceLock<bool> = OnceLock::new();
        *SEVERAL.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() > 1))
    }

    struct Chunk {
        base: usize,
        /// Bytes to fault in ahead.
        length: usize,
    }

    impl Chunk {
        /// The whole pages of the bytes to fault in (the memory around the
        /// chunk is someone else's).
        fn pages(&self) -> (usize, usize) {
            ((self.base + PAGE - 1) & !(PAGE - 1), (self.base + self.length) & !(PAGE - 1))
        }
    }

    /// Faults in the whole pages from `at` to `end`; false when the kernel
    /// cannot (EINVAL before Linux 5.14: the decoder then faults the pages in
    /// itself). Populating only faults pages in, as a write would, without
    /// writing: no byte changes.
    ///
    /// # Safety
    /// The pages must lie inside a chunk (private anonymous memory of ours)
    /// that stays alive for the call.
    unsafe fn populate(at: usize, end: usize) -> bool {
        // SAFETY: per the contract above.
        unsafe { madvise(at as *mut c_void, end - at, MADV_POPULATE_WRITE) == 0 }
    }

    fn fault_in_now(chunk: &Chunk) {
        let (start, end) = chunk.pages();
        if start < end {
            // SAFETY: the chunk's own whole pages; the caller holds it.
            unsafe { populate(start, end) };
        }
    }

    fn help(chunk: &Chunk, written: &AtomicUsize, stop: &AtomicBool, crc: Option<u32>) -> Option<CrcPart> {
        // The decoder faults in the first step itself, while this thread starts.
        let (start, end) = chunk.pages();
        let mut fault_at = start + STEP;
        let mut part = crc.map(|crc| CrcPart { len: 0, crc });
        while !stop.load(Ordering::Acquire) {
            let writer = chunk.base + written.load(Ordering::Acquire);
            if fault_at < end {
                if fault_at < writer + PAGE {
                    // Behind the decoder (this thread may lag on a busy machine): skip ahead.
                    fault_at = (writer + STEP) & !(PAGE - 1);
                    continue;
                }
                let step_end = end.min(fault_at + STEP);
                // SAFETY: the chunk's own whole pages; it stays alive until
                // this thread is joined.
                fault_at = if unsafe { populate(fault_at, step_end) } { step_end } else { end };
                continue;
            }
            if let Some(part) = part.as_mut().filter(|part| chunk.base + part.len < writer) {
                let length = STEP.min(writer - chunk.base - part.len);
                // SAFETY: the decoder published (Release) that these bytes are
                // written, and it never writes them again; reading them races
                // with nothing.
                let bytes = unsafe { std::slice::from_raw_parts((chunk.base + part.len) as *const u8, length) };
                part.crc = hash::crc32(part.crc, bytes);
                part.len += length;
                continue;
            }
            if part.is_none() {
                // All faulted in, and no CRC to take.
                break;
            }
            // Until the decoder writes more (or stops).
            std::thread::park();
        }
        part
    }
}

#[cfg(not(target_os = "linux"))]
mod helper {
    use super::CrcPart;

    pub fn while_helping<R>(
        _data: *mut u8,
        _length: usize,
        _crc: Option<u32>,
        decode: impl FnOnce(&dyn Fn(usize), bool) -> R,
    ) -> (R, Option<CrcPart>) {
        (decode(&|_| {}, true), None)
    }
}

/// A Buffer Node allocated (uninitialised, its own ArrayBuffer), held by a
/// handle of the current callback.
pub(crate) struct BufferChunk {
    pub value: napi_value,
    pub data: *mut u8,
    capacity: usize,
    len: usize,
}

impl Chunk for BufferChunk {
    fn data(&self) -> *mut u8 {
        self.data
    }
    fn capacity(&self) -> usize {
        self.capacity
    }
    fn len(&self) -> usize {
        self.len
    }
    unsafe fn set_len(&mut self, len: usize) {
        self.len = len;
    }
}

/// A new Buffer of `size` uninitialised bytes (as node:zlib's chunks), or
/// None when Node refuses.
///
/// # Safety
/// `env` must be the live env of the current callback.
pub(crate) unsafe fn new_buffer(env: napi_env, size: usize) -> Option<BufferChunk> {
    let mut data = null_mut();
    let mut value = null_mut();
    // SAFETY: out-pointers to locals.
    if unsafe { napi_create_buffer(env, size, &mut data, &mut value) } != NAPI_OK || (data.is_null() && size > 0) {
        // A refusal (too large) leaves an error pending: the caller's fallback,
        // node:zlib, reports what it reports instead.
        let mut error = null_mut();
        // SAFETY: live env; out-pointer to a local.
        unsafe { napi_get_and_clear_last_exception(env, &mut error) };
        return None;
    }
    Some(BufferChunk { value, data: data.cast(), capacity: size, len: 0 })
}

/// The output as one Buffer owning its whole ArrayBuffer: the chunk itself
/// when there is one and it is full, else the chunks joined into a new one
/// (node:zlib joins them the same way). None when Node refuses the memory.
///
/// # Safety
/// `env` must be the live env of the current callback, `chunks` its handles.
unsafe fn joined(env: napi_env, chunks: &[BufferChunk]) -> Option<napi_value> {
    if let [only] = chunks {
        if only.len == only.capacity {
            return Some(only.value);
        }
    }
    let total: usize = chunks.iter().map(|chunk| chunk.len).sum();
    // SAFETY: live env.
    let joined = unsafe { new_buffer(env, total) }?;
    let mut at = 0;
    for chunk in chunks {
        // SAFETY: `joined` has room for every chunk's written bytes, and
        // distinct Buffers never overlap.
        unsafe { std::ptr::copy_nonoverlapping(chunk.data, joined.data.add(at), chunk.len) };
        at += chunk.len;
    }
    Some(joined.value)
}

/// `inflate(input: Uint8Array, windowBits: number, chunkSize: number, info: Float64Array): Buffer | string | number | null`
/// — the output (a Buffer owning its ArrayBuffer), with `info[0]` =
/// input bytes the stream took and, when `info` has a second slot, `info[1]`
/// = the output's CRC-32 (taken only then). A failure is zlib's message for
/// corrupt data (a string) or another zlib code (a number); `null` when the
/// host has no usable zlib.
pub unsafe extern "C" fn inflate_callback(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 4usize;
    let mut argv = [null_mut(); 4];
    // SAFETY: argv holds `argc` slots; missing arguments are filled with undefined.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    let mut window_bits = 0i32;
    let mut chunk_size = 0f64;
    // SAFETY: live handles; a non-number leaves the local as it was.
    unsafe {
        napi_get_value_int32(env, argv[1], &mut window_bits);
        napi_get_value_double(env, argv[2], &mut chunk_size);
    }
    let mut slots = 0usize;
    let mut slots_data = null_mut();
    let mut kind = -1;
    // SAFETY: live handle; Node accepts null for the out-parameters not needed.
    let status = unsafe { napi_get_typedarray_info(env, argv[3], &mut kind, &mut slots, &mut slots_data, null_mut(), null_mut()) };
    if status != NAPI_OK || kind != NAPI_FLOAT64_ARRAY || slots == 0 || slots_data.is_null() {
        // SAFETY: static messages.
        return unsafe { crate::throw_type_error(env, c"ERR_INVALID_ARG_TYPE", c"info must be a Float64Array") };
    }
    let with_crc = slots > 1;
    // `as` saturates: NaN and negatives become 0, then the smallest chunk.
    let chunk = chunk_size as usize;
    // SAFETY: live handles of this callback; chunks are this callback's handles.
    let outcome = unsafe {
        crate::input::with_bytes(env, argv[0], |bytes| {
            inflate(bytes, window_bits, chunk, with_crc, |size| new_buffer(env, size))
        })
    };
    let Some(outcome) = outcome else {
        // SAFETY: static messages.
        return unsafe { crate::throw_type_error(env, c"ERR_INVALID_ARG_TYPE", c"input must be a TypedArray") };
    };
    let mut result = null_mut();
    match outcome {
        // SAFETY: out-pointer to a local.
        None => unsafe { napi_get_null(env, &mut result) },
        Some(Ok(decoded)) => {
            // SAFETY: live env; the chunks are handles of this callback.
            let Some(view) = (unsafe { joined(env, &decoded.chunks) }) else {
                // SAFETY: out-pointer to a local.
                unsafe { napi_create_int32(env, Z_MEM_ERROR, &mut result) };
                return result;
            };
            // SAFETY: the Float64Array has `slots` (>= 1) elements at `slots_data`.
            let slots = unsafe { std::slice::from_raw_parts_mut(slots_data.cast::<f64>(), slots) };
            slots[0] = decoded.consumed as f64;
            if with_crc {
                slots[1] = f64::from(decoded.crc32);
            }
            return view;
        }
        Some(Err(Failure::Data(text))) => {
            // SAFETY: `text` is valid UTF-8 of this length.
            unsafe { napi_create_string_utf8(env, text.as_ptr().cast(), text.len(), &mut result) }
        }
        // SAFETY: out-pointer to a local.
        Some(Err(Failure::Code(code))) => unsafe { napi_create_int32(env, code, &mut result) },
    };
    result
}

/// Output memory for the unit tests (here and in `deflate.rs`): a vector's room.
#[cfg(test)]
pub(crate) struct VecChunk(pub Vec<u8>);

#[cfg(test)]
impl Chunk for VecChunk {
    fn data(&self) -> *mut u8 {
        self.0.as_ptr().cast_mut()
    }
    fn capacity(&self) -> usize {
        self.0.capacity()
    }
    fn len(&self) -> usize {
        self.0.len()
    }
    unsafe fn set_len(&mut self, len: usize) {
        // SAFETY: the caller wrote the bytes.
        unsafe { self.0.set_len(len) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(input: &[u8], window_bits: i32, chunk: usize) -> Result<(Vec<u8>, u64, u32), Failure> {
        let decoded = inflate(input, window_bits, chunk, true, |size| Some(VecChunk(Vec::with_capacity(size)))).expect("zlib")?;
        for chunk in &decoded.chunks[..decoded.chunks.len() - 1] {
            assert_eq!(chunk.len(), chunk.capacity(), "every chunk but the last is full");
        }
        let output: Vec<u8> = decoded.chunks.iter().flat_map(|chunk| chunk.0.iter().copied()).collect();
        Ok((output, decoded.consumed, decoded.crc32))
    }

    // zlib's own test vectors aside, a stored block says enough about the
    // calling convention: "hello" in a final stored block, then two stray bytes.
    const STORED: [u8; 12] = [0x01, 0x05, 0x00, 0xfa, 0xff, b'h', b'e', b'l', b'l', b'o', 0xaa, 0xbb];

    #[test]
    fn decodes_in_chunks_and_stops_at_the_end_where_the_host_has_zlib() {
        if !host::load_for_tests(c"libz.so.1") {
            return;
        }
        for chunk in [0, 1, 2, 64, 1 << 20] {
            let (output, consumed, crc) = decode(&STORED, -15, chunk).unwrap();
            assert_eq!(output, b"hello");
            assert_eq!(consumed, 10);
            assert_eq!(crc, hash::crc32(0, b"hello"));
        }
        // A long output over many 64-byte chunks, and 12 MiB in one chunk
        // (faulted in by the helper thread where there are two cores).
        for (size, chunk) in [(100_000, 64), (12 << 20, 12 << 20)] {
            let plain: Vec<u8> = (0..size as u32).map(|i| (i.wrapping_mul(7) % 251) as u8).collect();
            let stream = stored_blocks(&plain);
            let (output, consumed, crc) = decode(&stream, -15, chunk).unwrap();
            assert!(output == plain);
            assert_eq!(consumed, stream.len() as u64);
            assert_eq!(crc, hash::crc32(0, &plain));
        }
    }

    /// `plain` as a raw DEFLATE stream of stored blocks.
    fn stored_blocks(plain: &[u8]) -> Vec<u8> {
        let mut stream = Vec::new();
        for (index, block) in plain.chunks(65_535).enumerate() {
            let last = (index + 1) * 65_535 >= plain.len();
            let length = block.len() as u16;
            stream.push(u8::from(last));
            stream.extend_from_slice(&length.to_le_bytes());
            stream.extend_from_slice(&(!length).to_le_bytes());
            stream.extend_from_slice(block);
        }
        stream
    }

    #[test]
    fn reports_cut_and_corrupt_streams_as_node_zlib_does() {
        if !host::load_for_tests(c"libz.so.1") {
            return;
        }
        assert_eq!(decode(&STORED[..7], -15, 64).unwrap_err(), Failure::Code(Z_BUF_ERROR));
        assert_eq!(decode(&[], -15, 64).unwrap_err(), Failure::Code(Z_BUF_ERROR));
        // Block type 3 does not exist.
        assert_eq!(decode(&[0x07], -15, 64).unwrap_err(), Failure::Data("invalid block type".into()));
        // A stored block whose length and its complement disagree.
        assert_eq!(decode(&[0x01, 0x05, 0x00, 0x00, 0x00], -15, 64).unwrap_err(), Failure::Data("invalid stored block lengths".into()));
        // windowBits zlib refuses.
        assert_eq!(decode(&STORED, -16, 64).unwrap_err(), Failure::Code(-2));
    }
}
