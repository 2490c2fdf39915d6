//! Pure-Rust implementations of the twelve `Bun.hash` algorithms.
//!
//! Every function returns exactly what Bun 1.4.5 returns for the same bytes
//! and (already width-truncated) seed. Bun's sources for these are
//! `src/bun.js/api/HashObject.zig`, which forwards to Zig's `std.hash` and to
//! `bun.deprecated.RapidHash`.
//!
//! Seed handling belongs to the caller: Bun truncates the JS seed to the
//! width of the algorithm's seed parameter (u32 for crc32, xxHash32, xxHash3
//! and the 32-bit murmurs; u64 otherwise) before hashing. adler32 and
//! cityHash32 ignore any seed. Note that Bun 1.4.5's crc32 *does* use its
//! seed (as a zlib-style running CRC): see [`crc32_with_seed`].

mod adler32;
mod city_hash;
mod crc32;
mod murmur;
mod rapidhash;
mod wyhash;
mod xxhash3;
mod xxhash32;
mod xxhash64;

pub use adler32::adler32;
pub use city_hash::{city_hash32, city_hash64};
pub use crc32::crc32;
pub use murmur::{murmur32v2, murmur32v3, murmur64v2};
pub use rapidhash::rapidhash;
pub use wyhash::wyhash;
pub use xxhash3::xxhash3;
pub use xxhash32::xxhash32;
pub use xxhash64::xxhash64;

/// Reads a little-endian `u64` at `off`. Callers guarantee `off + 8 <= s.len()`.
#[inline(always)]
pub(crate) fn r64(s: &[u8], off: usize) -> u64 {
    u64::from_le_bytes(s[off..off + 8].try_into().unwrap())
}

/// Reads a little-endian `u32` at `off`. Callers guarantee `off + 4 <= s.len()`.
#[inline(always)]
pub(crate) fn r32(s: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(s[off..off + 4].try_into().unwrap())
}

/// 64x64 -> 128 bit multiply, returning (low, high).
#[inline(always)]
pub(crate) fn mum(a: u64, b: u64) -> (u64, u64) {
    let r = (a as u128) * (b as u128);
    (r as u64, (r >> 64) as u64)
}

/// Multiply-fold: low half of the 128-bit product XOR high half.
#[inline(always)]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let (lo, hi) = mum(a, b);
    lo ^ hi
}
