//! Whole-file reads into memory the JavaScript side then owns.
//!
//! `std::fs::File::read_to_end` already does what a fast read needs: it sizes
//! the buffer from `fstat` once, reads into uninitialised (never zeroed)
//! memory, and finishes with a small probe read, so a file that grew while
//! being read is read to its new end and one that shrank yields only the bytes
//! that exist. `mmap` is deliberately not used: a file truncated while mapped
//! turns the next access into SIGBUS, which would crash the process.

use std::fs::File;
use std::io::Read;

/// The system call that failed, encoded with the errno for the JS side.
#[derive(Clone, Copy)]
pub enum Syscall {
    Open = 0,
    Read = 1,
}

/// A failed read: `errno * 4 + syscall`, a plain number so the JS side can
/// build the same error Node's `fs` builds.
pub type Failure = u32;

fn failure(syscall: Syscall, error: &std::io::Error) -> Failure {
    let errno = error.raw_os_error().unwrap_or(0).unsigned_abs();
    errno * 4 + syscall as u32
}

pub fn read_whole_file(path: &str) -> Result<Vec<u8>, Failure> {
    let mut file = File::open(path).map_err(|e| failure(Syscall::Open, &e))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| failure(Syscall::Read, &e))?;
    Ok(bytes)
}
