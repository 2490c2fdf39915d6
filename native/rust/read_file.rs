//! Whole-file reads into memory the JavaScript side then owns.
//!
//! The buffer is sized from `fstat` once, page-aligned (see `page_buffer`),
//! and filled by `read` straight into uninitialised memory; a small probe read
//! at the end tells end-of-file from growth, so a file that grew while being
//! read is read to its new end, and one that shrank yields only the bytes that
//! exist. Nothing past what `read` returned is ever exposed.
//!
//! `mmap` is deliberately not used: a file truncated while mapped turns the
//! next access into SIGBUS (even for private mappings), which would crash the
//! process. The cost a `read` pays instead is faulting in fresh memory page by
//! page; `spare` keeps one released large buffer so that repeated large reads
//! do not pay it again.

use std::fs::File;
use std::io::{self, Read};

use crate::page_buffer::PageBuffer;
use crate::spare;

/// The system call that failed, encoded with the errno for the JS side.
#[derive(Clone, Copy)]
pub enum Syscall {
    Open = 0,
    Read = 1,
    Mmap = 2,
}

/// A failed read: `errno * 4 + syscall`, a plain number so the JS side can
/// build the same error Node's `fs` builds.
pub type Failure = u32;

pub fn failure_code(syscall: Syscall, error: &io::Error) -> Failure {
    failure(syscall, error)
}

fn failure(syscall: Syscall, error: &io::Error) -> Failure {
    let errno = error.raw_os_error().unwrap_or(0).unsigned_abs();
    errno * 4 + syscall as u32
}

/// One `read` into the buffer's spare room; 0 at end of file.
#[cfg(unix)]
fn read_into_spare(file: &File, buffer: &mut PageBuffer) -> io::Result<usize> {
    use std::os::unix::io::AsRawFd;
    extern "C" {
        fn read(fd: std::ffi::c_int, buf: *mut std::ffi::c_void, count: usize) -> isize;
    }
    let (pointer, room) = buffer.spare();
    // Linux transfers at most 0x7ffff000 bytes per call; the loop asks again.
    let count = room.min(0x7fff_f000);
    loop {
        // SAFETY: `pointer` has `room >= count` writable bytes; the kernel writes
        // at most `count` and reports how many.
        let read = unsafe { read(file.as_raw_fd(), pointer.cast(), count) };
        if read >= 0 {
            let read = read as usize;
            // SAFETY: the kernel initialised `read` more bytes.
            unsafe { buffer.set_len(buffer.len() + read) };
            return Ok(read);
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

/// Elsewhere, through `std` on zeroed room (correct, a little slower).
#[cfg(not(unix))]
fn read_into_spare(mut file: &File, buffer: &mut PageBuffer) -> io::Result<usize> {
    let (pointer, room) = buffer.spare();
    // SAFETY: zeroing makes the room initialised before a slice covers it.
    let room = unsafe {
        std::ptr::write_bytes(pointer, 0, room);
        std::slice::from_raw_parts_mut(pointer, room)
    };
    let read = file.read(room)?;
    // SAFETY: `read` bytes were written.
    unsafe { buffer.set_len(buffer.len() + read) };
    Ok(read)
}

fn fill(mut file: &File, buffer: &mut PageBuffer) -> io::Result<()> {
    loop {
        if buffer.len() == buffer.capacity() {
            // Full at the size `fstat` gave: probe for growth before growing.
            let mut probe = [0u8; 64];
            let read = file.read(&mut probe)?;
            if read == 0 {
                return Ok(());
            }
            let wanted = (buffer.capacity() * 2).max(buffer.len() + read + 64 * 1024);
            if !buffer.grow_to(wanted) {
                return Err(io::ErrorKind::OutOfMemory.into());
            }
            let (pointer, _) = buffer.spare();
            // SAFETY: room for `read` bytes was just made.
            unsafe {
                std::ptr::copy_nonoverlapping(probe.as_ptr(), pointer, read);
                buffer.set_len(buffer.len() + read);
            }
            continue;
        }
        if read_into_spare(file, buffer)? == 0 {
            return Ok(());
        }
    }
}

pub fn read_whole_file(path: &str) -> Result<PageBuffer, Failure> {
    let file = File::open(path).map_err(|e| failure(Syscall::Open, &e))?;
    // A size hint only: `fill` reads to end of file whatever it says.
    let hint = file.metadata().map(|m| m.len() as usize).unwrap_or(0);
    let mut buffer = spare::take(hint);
    fill(&file, &mut buffer).map_err(|e| failure(Syscall::Read, &e))?;
    Ok(buffer)
}

/// Reads the file into `out` only if it is a regular file of fewer than
/// `limit` bytes, returning whether it did; after nothing but `open` and
/// `fstat` otherwise. The limit is what keeps a synchronous read short: FIFOs,
/// devices and large files are left to the caller's asynchronous path. Small
/// reads land in a reused buffer the caller copies out of: for a few KiB a copy
/// into a plain JavaScript Buffer is far cheaper than an external buffer with
/// a finalizer.
pub fn read_small_file(path: &str, limit: u64, out: &mut Vec<u8>) -> Result<bool, Failure> {
    // `stat` before `open`: opening a FIFO would block until a writer comes (and
    // closing it again could cut that writer off), so only a path that names a
    // small regular file is opened at all.
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() && metadata.len() < limit => {}
        Ok(_) => return Ok(false),
        Err(error) => return Err(failure(Syscall::Open, &error)),
    }
    let mut file = open_without_blocking(path).map_err(|e| failure(Syscall::Open, &e))?;
    // The path may have been replaced between `stat` and `open`: check the file itself.
    let metadata = file.metadata().map_err(|e| failure(Syscall::Read, &e))?;
    if !metadata.is_file() || metadata.len() >= limit {
        return Ok(false);
    }
    out.clear();
    // One spare byte, so a file read at its exact size ends with a single zero-length read.
    out.reserve(metadata.len() as usize + 1);
    file.read_to_end(out).map_err(|e| failure(Syscall::Read, &e))?;
    Ok(true)
}

#[cfg(unix)]
fn open_without_blocking(path: &str) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    #[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
    const O_NONBLOCK: i32 = 0x4;
    #[cfg(not(any(target_os = "macos", target_os = "ios", target_os = "freebsd")))]
    const O_NONBLOCK: i32 = 0o4000;
    std::fs::OpenOptions::new().read(true).custom_flags(O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &str) -> io::Result<File> {
    File::open(path)
}
