//! One released large read buffer, kept for the next large read.
//!
//! Faulting in fresh memory costs more than the copy from the page cache
//! (a 256 MiB read spends most of its time in 65 536 page faults), and the
//! system allocator returns buffers this large to the OS on free. So the
//! finalizer of a large Buffer parks its memory here instead, and the next read
//! of a similar size reuses it, already mapped. At most one buffer is kept; on
//! Linux it is marked `MADV_FREE`, so the kernel may still reclaim its pages
//! under memory pressure (a reclaimed page reads back as zero and is simply
//! overwritten by the next read).

use std::sync::Mutex;

use crate::page_buffer::PageBuffer;

/// Only buffers at least this large are worth keeping.
const MIN_SPARE: usize = 16 << 20;
/// Never keep more than this.
const MAX_SPARE: usize = 1 << 30;

static SPARE: Mutex<Option<PageBuffer>> = Mutex::new(None);

/// A buffer with room for `size` bytes: the spare when it fits without wasting
/// more than half of itself, else a fresh allocation (never zeroed).
pub fn take(size: usize) -> PageBuffer {
    if size >= MIN_SPARE {
        if let Ok(mut slot) = SPARE.lock() {
            if slot.as_ref().is_some_and(|spare| spare.capacity() >= size && spare.capacity() / 2 <= size) {
                if let Some(spare) = slot.take() {
                    return spare;
                }
            }
        }
    }
    // A failed allocation leaves the buffer empty; the read then grows it.
    PageBuffer::with_capacity(size)
}

/// Takes back a buffer JavaScript no longer references.
pub fn give_back(mut buffer: PageBuffer) {
    let capacity = buffer.capacity();
    if !(MIN_SPARE..=MAX_SPARE).contains(&capacity) {
        return;
    }
    buffer.clear();
    release_pages_lazily(&buffer);
    if let Ok(mut slot) = SPARE.lock() {
        // Keep the larger of the two; the other is freed when it drops here.
        if slot.as_ref().is_none_or(|current| current.capacity() < capacity) {
            *slot = Some(buffer);
        }
    }
}

#[cfg(target_os = "linux")]
fn release_pages_lazily(buffer: &PageBuffer) {
    const PAGE: usize = 4096;
    const MADV_FREE: std::ffi::c_int = 8;
    extern "C" {
        fn madvise(addr: *mut std::ffi::c_void, length: usize, advice: std::ffi::c_int) -> std::ffi::c_int;
    }
    let length = buffer.capacity() & !(PAGE - 1);
    // SAFETY: the range is this page-aligned buffer's own allocation, which
    // holds no live data (length 0); MADV_FREE only lets the kernel drop pages.
    unsafe { madvise(buffer.as_ptr().cast_mut().cast(), length, MADV_FREE) };
}

#[cfg(not(target_os = "linux"))]
fn release_pages_lazily(_buffer: &PageBuffer) {}
