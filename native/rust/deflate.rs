//! `deflate(input, level, memLevel, strategy, header)`: a large input
//! compressed by the zlib Node links, in independent 1 MiB blocks spread over
//! the machine's cores (pigz's scheme), joined into one valid DEFLATE stream
//! (or one gzip member, given its 10-byte header).
//!
//! Each block after the first starts with the 32 KiB of input before it as
//! its preset dictionary, so matches reach back across the boundary as they
//! would in one stream, and ends with a sync flush (an empty stored block:
//! the next block starts on a byte boundary); the last one finishes the
//! stream. Block boundaries are fixed, so the bytes depend only on the input
//! and the settings — never on how many threads did the work. They differ
//! from a single zlib stream's (a few bytes longer per block, and the
//! matcher restarts at each boundary), which is why the caller only comes
//! here for settings where its single stream would differ from Bun's bytes
//! anyway. The gzip CRC-32 is taken on the calling thread while the helpers
//! compress.
//!
//! The functions are looked up at run time (`host.rs`); without them the
//! result is `null` and the caller keeps `node:zlib`.

use std::ffi::{c_char, c_int, c_uint, c_ulong, c_void, CStr};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use crate::hash;
use crate::host;
use crate::inflate::{new_buffer, ZStream};
use crate::napi::*;

/// Input bytes per block.
pub const BLOCK: usize = 1 << 20;
/// DEFLATE's window: how much input before a block serves as its dictionary.
const WINDOW: usize = 32 * 1024;
/// At most this many threads (the caller's included) compress one input.
const MAX_THREADS: usize = 8;

const Z_OK: c_int = 0;
const Z_STREAM_END: c_int = 1;
const Z_BUF_ERROR: c_int = -5;
const Z_MEM_ERROR: c_int = -4;
const Z_SYNC_FLUSH: c_int = 2;
const Z_FINISH: c_int = 4;
const Z_DEFLATED: c_int = 8;
/// Raw DEFLATE with a 32 KiB window (what Bun's compression uses, whatever windowBits says).
const RAW_WINDOW_BITS: c_int = -15;

type VersionFn = unsafe extern "C" fn() -> *const c_char;
type InitFn = unsafe extern "C" fn(*mut ZStream, c_int, c_int, c_int, c_int, c_int, *const c_char, c_int) -> c_int;
type DeflateFn = unsafe extern "C" fn(*mut ZStream, c_int) -> c_int;
type EndFn = unsafe extern "C" fn(*mut ZStream) -> c_int;
type DictionaryFn = unsafe extern "C" fn(*mut ZStream, *const u8, c_uint) -> c_int;
type BoundFn = unsafe extern "C" fn(*mut ZStream, c_ulong) -> c_ulong;

#[derive(Clone, Copy)]
struct Zlib {
    version: *const c_char,
    init: InitFn,
    deflate: DeflateFn,
    end: EndFn,
    dictionary: DictionaryFn,
    bound: BoundFn,
}

// SAFETY: function pointers and a pointer to zlib's static version string.
unsafe impl Send for Zlib {}
// SAFETY: as above; nothing in it is mutable.
unsafe impl Sync for Zlib {}

fn resolve() -> Option<Zlib> {
    let version = host::symbol(c"zlibVersion")?;
    let init = host::symbol(c"deflateInit2_")?;
    let deflate = host::symbol(c"deflate")?;
    let end = host::symbol(c"deflateEnd")?;
    let dictionary = host::symbol(c"deflateSetDictionary")?;
    let bound = host::symbol(c"deflateBound")?;
    // SAFETY: zlib's exported functions of these names, with these C
    // signatures (zlib.h, unchanged since zlib 1.2).
    unsafe {
        let version = std::mem::transmute::<*mut c_void, VersionFn>(version.as_ptr())();
        // zlib 1.x is the only `z_stream` declared here; deflateInit2_ checks its size too.
        if !CStr::from_ptr(version).to_bytes().starts_with(b"1.") {
            return None;
        }
        Some(Zlib {
            version,
            init: std::mem::transmute::<*mut c_void, InitFn>(init.as_ptr()),
            deflate: std::mem::transmute::<*mut c_void, DeflateFn>(deflate.as_ptr()),
            end: std::mem::transmute::<*mut c_void, EndFn>(end.as_ptr()),
            dictionary: std::mem::transmute::<*mut c_void, DictionaryFn>(dictionary.as_ptr()),
            bound: std::mem::transmute::<*mut c_void, BoundFn>(bound.as_ptr()),
        })
    }
}

fn zlib() -> Option<Zlib> {
    static RESOLVED: OnceLock<Option<Zlib>> = OnceLock::new();
    *RESOLVED.get_or_init(resolve)
}

#[derive(Clone, Copy)]
pub struct Settings {
    pub level: c_int,
    pub mem_level: c_int,
    pub strategy: c_int,
}

/// Block `index` of `input` compressed: a sync-flushed piece, or the stream's end for the last.
fn compress_block(zlib: &Zlib, input: &[u8], index: usize, settings: Settings) -> Result<Vec<u8>, c_int> {
    let start = index * BLOCK;
    let end = (start + BLOCK).min(input.len());
    let last = end == input.len();
    // SAFETY: an all-zero z_stream is what deflateInit2 expects (zalloc,
    // zfree and opaque null: zlib's own allocator).
    let mut stream: ZStream = unsafe { std::mem::zeroed() };
    let size = std::mem::size_of::<ZStream>() as c_int;
    // SAFETY: a zeroed stream, zlib's version string, the struct's size.
    let status = unsafe { (zlib.init)(&mut stream, settings.level, Z_DEFLATED, RAW_WINDOW_BITS, settings.mem_level, settings.strategy, zlib.version, size) };
    if status != Z_OK {
        return Err(status);
    }
    let outcome = (|| {
        if start > 0 {
            let from = start.saturating_sub(WINDOW);
            // SAFETY: an initialised raw stream; the dictionary is `start - from` readable bytes.
            let status = unsafe { (zlib.dictionary)(&mut stream, input.as_ptr().add(from), (start - from) as c_uint) };
            if status != Z_OK {
                return Err(status);
            }
        }
        let block = &input[start..end];
        // Room for the worst case, the sync flush's 5 bytes and a margin: one call suffices.
        // SAFETY: an initialised stream.
        let bound = unsafe { (zlib.bound)(&mut stream, block.len() as c_ulong) } as usize + 64;
        let mut output = Vec::<u8>::with_capacity(bound);
        stream.next_in = block.as_ptr();
        stream.avail_in = block.len() as c_uint;
        let flush = if last { Z_FINISH } else { Z_SYNC_FLUSH };
        loop {
            let written = output.len();
            if output.capacity() == written {
                output.reserve(BLOCK);
            }
            // SAFETY: the vector's spare room, as zlib's output.
            stream.next_out = unsafe { output.as_mut_ptr().add(written) };
            stream.avail_out = (output.capacity() - written).min(c_uint::MAX as usize) as c_uint;
            let room = stream.avail_out as usize;
            // SAFETY: an initialised stream with valid input and output pointers.
            let status = unsafe { (zlib.deflate)(&mut stream, flush) };
            // SAFETY: zlib wrote `room - avail_out` bytes after `written`.
            unsafe { output.set_len(written + room - stream.avail_out as usize) };
            match status {
                Z_STREAM_END => return Ok(output),
                // A sync flush is complete when all input is taken and room was left over.
                Z_OK if !last && stream.avail_in == 0 && stream.avail_out > 0 => return Ok(output),
                Z_OK | Z_BUF_ERROR => {}
                error => return Err(error),
            }
        }
    })();
    // SAFETY: the stream initialised above, ended once.
    unsafe { (zlib.end)(&mut stream) };
    outcome
}

fn threads_for(blocks: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(MAX_THREADS).min(blocks).max(1)
}

/// The compressed blocks, in order, and the input's CRC-32 (0 when not asked for).
pub type Blocks = (Vec<Vec<u8>>, u32);

/// The compressed blocks of `input`, in order, and the CRC-32 of `input`
/// when asked for; a zlib error code; None without a usable zlib.
pub fn deflate_blocks(input: &[u8], settings: Settings, with_crc: bool) -> Option<Result<Blocks, c_int>> {
    let zlib = zlib()?;
    let blocks = input.len().div_ceil(BLOCK).max(1);
    let results: Vec<OnceLock<Result<Vec<u8>, c_int>>> = (0..blocks).map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    let work = || loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        if index >= blocks {
            break;
        }
        let _ = results[index].set(compress_block(&zlib, input, index, settings));
    };
    let mut crc = 0;
    std::thread::scope(|scope| {
        for _ in 1..threads_for(blocks) {
            scope.spawn(work);
        }
        if with_crc {
            crc = hash::crc32(0, input);
        }
        work();
    });
    let mut output = Vec::with_capacity(blocks);
    for result in results {
        match result.into_inner() {
            Some(Ok(block)) => output.push(block),
            Some(Err(code)) => return Some(Err(code)),
            None => return Some(Err(Z_MEM_ERROR)),
        }
    }
    Some(Ok((output, crc)))
}

/// `deflate(input, level, memLevel, strategy, header: Uint8Array | null): Buffer | number | null`
/// — the raw stream, or with `header` a gzip member (the header, the stream,
/// the CRC-32 and the length mod 2^32, little-endian); a number is zlib's
/// error code (a bad level, memLevel or strategy: Z_STREAM_ERROR); `null`
/// without a usable zlib.
pub unsafe extern "C" fn deflate_callback(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 5usize;
    let mut argv = [null_mut(); 5];
    // SAFETY: five argument slots.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    let mut settings = Settings { level: 6, mem_level: 8, strategy: 0 };
    // SAFETY: live handles; a non-number leaves the default.
    unsafe {
        napi_get_value_int32(env, argv[1], &mut settings.level);
        napi_get_value_int32(env, argv[2], &mut settings.mem_level);
        napi_get_value_int32(env, argv[3], &mut settings.strategy);
    }
    let mut header: Option<Vec<u8>> = None;
    // SAFETY: live handle; anything but a TypedArray leaves no header.
    unsafe { crate::input::with_bytes(env, argv[4], |bytes| header = Some(bytes.to_vec())) };
    let mut result = null_mut();
    // SAFETY: live handle of this callback.
    let outcome = unsafe { crate::input::with_bytes(env, argv[0], |bytes| deflate_blocks(bytes, settings, header.is_some()).map(|r| r.map(|(b, crc)| (b, crc, bytes.len())))) };
    let Some(outcome) = outcome else {
        // SAFETY: static messages.
        return unsafe { crate::throw_type_error(env, c"ERR_INVALID_ARG_TYPE", c"input must be a TypedArray") };
    };
    match outcome {
        None => {
            // SAFETY: out-pointer to a local.
            unsafe { napi_get_null(env, &mut result) };
        }
        Some(Err(code)) => {
            // SAFETY: out-pointer to a local.
            unsafe { napi_create_int32(env, code, &mut result) };
        }
        Some(Ok((blocks, crc, length))) => {
            let head = header.as_deref().unwrap_or(&[]);
            let trailer = if header.is_some() { 8 } else { 0 };
            let total = head.len() + blocks.iter().map(Vec::len).sum::<usize>() + trailer;
            // SAFETY: live env.
            let Some(buffer) = (unsafe { new_buffer(env, total) }) else {
                // SAFETY: out-pointer to a local.
                unsafe { napi_create_int32(env, Z_MEM_ERROR, &mut result) };
                return result;
            };
            // SAFETY: the new Buffer holds `total` bytes, written once each below.
            let out = unsafe { std::slice::from_raw_parts_mut(buffer.data, total) };
            let mut at = 0;
            for piece in std::iter::once(head).chain(blocks.iter().map(Vec::as_slice)) {
                out[at..at + piece.len()].copy_from_slice(piece);
                at += piece.len();
            }
            if header.is_some() {
                out[at..at + 4].copy_from_slice(&crc.to_le_bytes());
                out[at + 4..at + 8].copy_from_slice(&(length as u32).to_le_bytes());
            }
            result = buffer.value;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inflate::VecChunk;

    fn inflate_raw(data: &[u8]) -> Vec<u8> {
        let decoded = crate::inflate::inflate(data, -15, 1 << 20, false, |size| Some(VecChunk(Vec::with_capacity(size)))).unwrap().unwrap();
        assert_eq!(decoded.consumed as usize, data.len(), "one stream, ending at the end");
        decoded.chunks.into_iter().flat_map(|chunk| chunk.0).collect()
    }

    #[test]
    fn blocks_join_into_one_stream_that_inflates_to_the_input() {
        if !host::load_for_tests(c"libz.so.1") {
            return;
        }
        let mut input = Vec::new();
        let mut state = 12345u32;
        while input.len() < 3 * BLOCK + 777 {
            state = state.wrapping_mul(1103515245).wrapping_add(12345);
            input.extend_from_slice(format!("{{\"id\":{},\"name\":\"user{}\"}}\n", state % 1000, state % 97).as_bytes());
        }
        for level in [1, 6, 9] {
            let (blocks, crc) = deflate_blocks(&input, Settings { level, mem_level: 8, strategy: 0 }, true).unwrap().unwrap();
            assert_eq!(blocks.len(), 4);
            assert_eq!(crc, hash::crc32(0, &input));
            let joined: Vec<u8> = blocks.concat();
            assert_eq!(inflate_raw(&joined), input);
        }
        assert_eq!(deflate_blocks(&input, Settings { level: 42, mem_level: 8, strategy: 0 }, false).unwrap().err(), Some(-2));
    }
}
