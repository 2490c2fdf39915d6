//! MurmurHash2 (32-bit), MurmurHash64A and MurmurHash3_x86_32 matching Zig
//! `std.hash.murmur.{Murmur2_32, Murmur2_64, Murmur3_32}.hashWithSeed`, as
//! Bun 1.4.5 uses them for `Bun.hash.murmur32v2` / `murmur64v2` / `murmur32v3`.

/// `Bun.hash.murmur32v2(input, seed)` (seed truncated to u32 by the caller).
#[inline]
pub fn murmur32v2(seed: u32, input: &[u8]) -> u32 {
    const M: u32 = 0x5bd1e995;
    // Zig truncates the length to u32.
    let mut h = seed ^ input.len() as u32;
    let mut words = input.chunks_exact(4);
    for w in &mut words {
        let mut k = u32::from_le_bytes(w.try_into().unwrap());
        k = k.wrapping_mul(M);
        k ^= k >> 24;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M) ^ k;
    }
    let rest = words.remainder();
    if rest.len() >= 3 {
        h ^= (rest[2] as u32) << 16;
    }
    if rest.len() >= 2 {
        h ^= (rest[1] as u32) << 8;
    }
    if !rest.is_empty() {
        h ^= rest[0] as u32;
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^ (h >> 15)
}

/// `Bun.hash.murmur64v2(input, seed)` (MurmurHash64A).
#[inline]
pub fn murmur64v2(seed: u64, input: &[u8]) -> u64 {
    const M: u64 = 0xc6a4a7935bd1e995;
    let mut h = seed ^ (input.len() as u64).wrapping_mul(M);
    let mut words = input.chunks_exact(8);
    for w in &mut words {
        let mut k = u64::from_le_bytes(w.try_into().unwrap());
        k = k.wrapping_mul(M);
        k ^= k >> 47;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h ^= u64::from_le_bytes(buf);
        h = h.wrapping_mul(M);
    }
    h ^= h >> 47;
    h = h.wrapping_mul(M);
    h ^ (h >> 47)
}

/// `Bun.hash.murmur32v3(input, seed)` (seed truncated to u32 by the caller).
#[inline]
pub fn murmur32v3(seed: u32, input: &[u8]) -> u32 {
    const C1: u32 = 0xcc9e2d51;
    const C2: u32 = 0x1b873593;
    let mut h = seed;
    let mut words = input.chunks_exact(4);
    for w in &mut words {
        let k = u32::from_le_bytes(w.try_into().unwrap())
            .wrapping_mul(C1)
            .rotate_left(15)
            .wrapping_mul(C2);
        h = (h ^ k)
            .rotate_left(13)
            .wrapping_mul(5)
            .wrapping_add(0xe6546b64);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut k: u32 = 0;
        if rest.len() == 3 {
            k ^= (rest[2] as u32) << 16;
        }
        if rest.len() >= 2 {
            k ^= (rest[1] as u32) << 8;
        }
        k ^= rest[0] as u32;
        h ^= k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
    }
    // Zig truncates the length to u32.
    h ^= input.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85ebca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2ae35);
    h ^ (h >> 16)
}
