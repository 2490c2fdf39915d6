//! XXH64 matching Zig `std.hash.XxHash64.hash(seed, input)`, as Bun 1.4.5
//! uses it for `Bun.hash.xxHash64`.

use super::r64;

pub(crate) const P1: u64 = 0x9E3779B185EBCA87;
pub(crate) const P2: u64 = 0xC2B2AE3D27D4EB4F;
pub(crate) const P3: u64 = 0x165667B19E3779F9;
pub(crate) const P4: u64 = 0x85EBCA77C2B2AE63;
pub(crate) const P5: u64 = 0x27D4EB2F165667C5;

#[inline(always)]
fn round(acc: u64, lane: u64) -> u64 {
    acc.wrapping_add(lane.wrapping_mul(P2))
        .rotate_left(31)
        .wrapping_mul(P1)
}

#[inline(always)]
fn merge(acc: u64, v: u64) -> u64 {
    (acc ^ round(0, v)).wrapping_mul(P1).wrapping_add(P4)
}

/// XXH64 final avalanche (also used by XXH3 for short inputs).
#[inline(always)]
pub(crate) fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(P2);
    h ^= h >> 29;
    h = h.wrapping_mul(P3);
    h ^ (h >> 32)
}

/// `Bun.hash.xxHash64(input, seed)`.
#[inline]
pub fn xxhash64(seed: u64, input: &[u8]) -> u64 {
    let len = input.len();
    let mut acc;
    let mut stripes = input.chunks_exact(32);
    if len >= 32 {
        let mut v1 = seed.wrapping_add(P1).wrapping_add(P2);
        let mut v2 = seed.wrapping_add(P2);
        let mut v3 = seed;
        let mut v4 = seed.wrapping_sub(P1);
        for s in &mut stripes {
            let s: &[u8; 32] = s.try_into().unwrap();
            v1 = round(v1, r64(s, 0));
            v2 = round(v2, r64(s, 8));
            v3 = round(v3, r64(s, 16));
            v4 = round(v4, r64(s, 24));
        }
        acc = v1
            .rotate_left(1)
            .wrapping_add(v2.rotate_left(7))
            .wrapping_add(v3.rotate_left(12))
            .wrapping_add(v4.rotate_left(18));
        acc = merge(acc, v1);
        acc = merge(acc, v2);
        acc = merge(acc, v3);
        acc = merge(acc, v4);
    } else {
        acc = seed.wrapping_add(P5);
    }
    acc = acc.wrapping_add(len as u64);

    let tail = stripes.remainder();
    let mut words = tail.chunks_exact(8);
    for w in &mut words {
        let lane = u64::from_le_bytes(w.try_into().unwrap());
        acc = (acc ^ round(0, lane))
            .rotate_left(27)
            .wrapping_mul(P1)
            .wrapping_add(P4);
    }
    let mut rest = words.remainder();
    if rest.len() >= 4 {
        let lane = u32::from_le_bytes(rest[..4].try_into().unwrap()) as u64;
        acc = (acc ^ lane.wrapping_mul(P1))
            .rotate_left(23)
            .wrapping_mul(P2)
            .wrapping_add(P3);
        rest = &rest[4..];
    }
    for &b in rest {
        acc = (acc ^ (b as u64).wrapping_mul(P5))
            .rotate_left(11)
            .wrapping_mul(P1);
    }
    avalanche(acc)
}
