//! A byte buffer whose memory starts on a page boundary.
//!
//! Alignment is not cosmetic here: on the x86_64 machines this was measured
//! on, the kernel's copy into a destination 16 bytes past a page boundary
//! (where `malloc` puts large blocks, and so where Node's own `fs.readFile`
//! lands) ran five times slower than into a page-aligned one (a 256 MiB
//! `pread` from the page cache: 150 ms against 31 ms).
//!
//! On Linux, large buffers are mapped with `MAP_POPULATE`: the kernel faults
//! every page in within one call rather than one trap per 4 KiB page during
//! the read, about a fifth faster for a cold 256 MiB read.

use std::alloc::{alloc, dealloc, realloc, Layout};
use std::ptr::NonNull;

const ALIGN: usize = 4096;

pub struct PageBuffer {
    ptr: NonNull<u8>,
    len: usize,
    capacity: usize,
    /// Whether the memory comes from `mapped::map` rather than the allocator.
    mapped: bool,
}

// SAFETY: the buffer exclusively owns its allocation, like a Vec<u8>.
unsafe impl Send for PageBuffer {}

impl PageBuffer {
    pub fn new() -> Self {
        Self { ptr: NonNull::dangling(), len: 0, capacity: 0, mapped: false }
    }

    /// An empty buffer with room for `capacity` bytes (uninitialised), or an
    /// empty one with no room when the allocation fails.
    pub fn with_capacity(capacity: usize) -> Self {
        let mut buffer = Self::new();
        buffer.grow_to(capacity);
        buffer
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    pub fn as_ptr(&self) -> *const u8 {
        self.ptr.as_ptr()
    }

    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Where the next bytes go, and how many fit.
    pub fn spare(&mut self) -> (*mut u8, usize) {
        // SAFETY: `len <= capacity`, so the pointer stays inside (or one past) the allocation.
        (unsafe { self.ptr.as_ptr().add(self.len) }, self.capacity - self.len)
    }

    /// # Safety
    /// The bytes up to `len` must have been written.
    pub unsafe fn set_len(&mut self, len: usize) {
        debug_assert!(len <= self.capacity);
        self.len = len;
    }

    /// Makes room for at least `capacity` bytes; false when the allocator refuses.
    pub fn grow_to(&mut self, capacity: usize) -> bool {
        if capacity <= self.capacity {
            return true;
        }
        if mapped::wanted(capacity) {
            // No fallback to the allocator at this size: `from_raw_parts` relies
            // on every buffer this large being mapped.
            let Some(pointer) = mapped::map(capacity) else { return false };
            if self.len > 0 {
                // SAFETY: both regions are valid for `len` bytes and distinct.
                unsafe { std::ptr::copy_nonoverlapping(self.ptr.as_ptr(), pointer.as_ptr(), self.len) };
            }
            self.release();
            self.ptr = pointer;
            self.capacity = capacity;
            self.mapped = true;
            return true;
        }
        let Ok(layout) = Layout::from_size_align(capacity, ALIGN) else { return false };
        let pointer = if self.capacity == 0 || self.mapped {
            // SAFETY: `capacity > 0`, so the layout has a non-zero size.
            unsafe { alloc(layout) }
        } else {
            // SAFETY: the block was allocated with this alignment and `self.capacity` bytes.
            unsafe { realloc(self.ptr.as_ptr(), Layout::from_size_align_unchecked(self.capacity, ALIGN), capacity) }
        };
        let Some(pointer) = NonNull::new(pointer) else { return false };
        if self.mapped {
            // SAFETY: both regions are valid for `len` bytes and distinct.
            unsafe { std::ptr::copy_nonoverlapping(self.ptr.as_ptr(), pointer.as_ptr(), self.len) };
            self.release();
        }
        self.ptr = pointer;
        self.capacity = capacity;
        self.mapped = false;
        true
    }

    /// Returns the memory (not the struct); leaves the buffer pointing nowhere.
    fn release(&mut self) {
        if self.capacity == 0 {
            return;
        }
        if self.mapped {
            // SAFETY: mapped by `mapped::map` with exactly `capacity` bytes.
            unsafe { mapped::unmap(self.ptr, self.capacity) };
        } else {
            // SAFETY: allocated in `grow_to` with this size and alignment.
            unsafe { dealloc(self.ptr.as_ptr(), Layout::from_size_align_unchecked(self.capacity, ALIGN)) };
        }
        self.ptr = NonNull::dangling();
        self.capacity = 0;
        self.mapped = false;
    }

    /// Gives up ownership: (pointer, length, capacity), for `from_raw_parts`.
    /// Whether the memory is mapped follows from the capacity (`mapped::wanted`).
    pub fn into_raw_parts(self) -> (*mut u8, usize, usize) {
        let parts = (self.ptr.as_ptr(), self.len, self.capacity);
        std::mem::forget(self);
        parts
    }

    /// # Safety
    /// The parts must come from `into_raw_parts`, and be used once.
    pub unsafe fn from_raw_parts(ptr: *mut u8, len: usize, capacity: usize) -> Self {
        // SAFETY: the caller passes back a pointer `into_raw_parts` gave out.
        Self { ptr: unsafe { NonNull::new_unchecked(ptr) }, len, capacity, mapped: mapped::wanted(capacity) }
    }
}

impl Drop for PageBuffer {
    fn drop(&mut self) {
        self.release();
    }
}

#[cfg(target_os = "linux")]
mod mapped {
    use std::ffi::{c_int, c_void};
    use std::ptr::NonNull;

    /// From this size on, buffers are mapped and populated up front. Every
    /// buffer of this size or more is mapped (or the mapping failed and the
    /// buffer is empty), which is what lets `from_raw_parts` tell the kinds apart.
    const THRESHOLD: usize = 16 << 20;

    const PROT_READ: c_int = 1;
    const PROT_WRITE: c_int = 2;
    const MAP_PRIVATE: c_int = 0x02;
    const MAP_ANONYMOUS: c_int = 0x20;
    const MAP_POPULATE: c_int = 0x8000;
    const MAP_FAILED: *mut c_void = !0usize as *mut c_void;

    extern "C" {
        fn mmap(addr: *mut c_void, length: usize, prot: c_int, flags: c_int, fd: c_int, offset: i64) -> *mut c_void;
        fn munmap(addr: *mut c_void, length: usize) -> c_int;
    }

    pub fn wanted(capacity: usize) -> bool {
        capacity >= THRESHOLD
    }

    pub fn map(capacity: usize) -> Option<NonNull<u8>> {
        if !wanted(capacity) {
            return None;
        }
        // SAFETY: a fresh private anonymous mapping; no existing memory is touched.
        let pointer = unsafe {
            mmap(std::ptr::null_mut(), capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0)
        };
        if pointer == MAP_FAILED {
            return None;
        }
        NonNull::new(pointer.cast())
    }

    /// # Safety
    /// `pointer` and `capacity` must describe one live mapping from `map`.
    pub unsafe fn unmap(pointer: NonNull<u8>, capacity: usize) {
        // SAFETY: per the contract above.
        unsafe { munmap(pointer.as_ptr().cast(), capacity) };
    }
}

#[cfg(not(target_os = "linux"))]
mod mapped {
    use std::ptr::NonNull;

    pub fn wanted(_capacity: usize) -> bool {
        false
    }

    pub fn map(_capacity: usize) -> Option<NonNull<u8>> {
        None
    }

    pub unsafe fn unmap(_pointer: NonNull<u8>, _capacity: usize) {}
}

#[cfg(test)]
mod tests {
    use super::PageBuffer;

    fn filled(buffer: &mut PageBuffer, bytes: &[u8]) {
        let (pointer, room) = buffer.spare();
        assert!(room >= bytes.len());
        // SAFETY: `room` bytes are writable; `bytes.len()` of them get written.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), pointer, bytes.len());
            buffer.set_len(buffer.len() + bytes.len());
        }
    }

    fn contents(buffer: &PageBuffer) -> &[u8] {
        // SAFETY: the first `len` bytes were written by `filled`.
        unsafe { std::slice::from_raw_parts(buffer.as_ptr(), buffer.len()) }
    }

    #[test]
    fn page_aligned_and_keeps_bytes_across_every_growth_kind() {
        let mut buffer = PageBuffer::with_capacity(100);
        assert_eq!(buffer.as_ptr() as usize % 4096, 0);
        filled(&mut buffer, b"head");
        // Allocator to allocator (realloc), then allocator to mapping, then mapping to mapping.
        for capacity in [8192, 20 << 20, 48 << 20] {
            assert!(buffer.grow_to(capacity));
            assert_eq!(buffer.capacity(), capacity);
            assert_eq!(buffer.as_ptr() as usize % 4096, 0);
            assert_eq!(&contents(&buffer)[..4], b"head");
        }
        filled(&mut buffer, &[7; 1000]);
        assert_eq!(buffer.len(), 1004);
    }

    #[test]
    fn raw_parts_round_trip_for_both_kinds() {
        for capacity in [4096, 32 << 20] {
            let mut buffer = PageBuffer::with_capacity(capacity);
            filled(&mut buffer, b"abc");
            let (pointer, length, capacity) = buffer.into_raw_parts();
            // SAFETY: the parts come straight from `into_raw_parts`.
            let back = unsafe { PageBuffer::from_raw_parts(pointer, length, capacity) };
            assert_eq!(contents(&back), b"abc");
            // Dropping `back` returns the memory the way it was obtained.
        }
    }
}
