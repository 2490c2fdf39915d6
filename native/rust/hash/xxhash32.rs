//! XXH32 matching Zig `std.hash.XxHash32.hash(seed, input)`, as Bun 1.4.5
//! uses it for `Bun.hash.xxHash32` (seed truncated to u32 by the caller).

use super::r32;

const P1: u32 = 0x9E3779B1;
const P2: u32 = 0x85EBCA77;
const P3: u32 = 0xC2B2AE3D;
const P4: u32 = 0x27D4EB2F;
const P5: u32 = 0x165667B1;

#[inline(always)]
fn round(acc: u32, lane: u32) -> u32 {
    acc.wrapping_add(lane.wrapping_mul(P2))
        .rotate_left(13)
        .wrapping_mul(P1)
}

/// `Bun.hash.xxHash32(input, seed)`.
#[inline]
pub fn xxhash32(seed: u32, input: &[u8]) -> u32 {
    let len = input.len();
    let mut acc;
    let mut stripes = input.chunks_exact(16);
    if len >= 16 {
        let mut v1 = seed.wrapping_add(P1).wrapping_add(P2);
        let mut v2 = seed.wrapping_add(P2);
        let mut v3 = seed;
        let mut v4 = seed.wrapping_sub(P1);
        for s in &mut stripes {
            let s: &[u8; 16] = s.try_into().unwrap();
            v1 = round(v1, r32(s, 0));
            v2 = round(v2, r32(s, 4));
            v3 = round(v3, r32(s, 8));
            v4 = round(v4, r32(s, 12));
        }
        acc = v1
            .rotate_left(1)
            .wrapping_add(v2.rotate_left(7))
            .wrapping_add(v3.rotate_left(12))
            .wrapping_add(v4.rotate_left(18));
    } else {
        acc = seed.wrapping_add(P5);
    }
    // Zig adds (bytes consumed by stripes) + (tail length) as u32 = len mod 2^32.
    acc = acc.wrapping_add(len as u32);

    let tail = stripes.remainder();
    let mut words = tail.chunks_exact(4);
    for w in &mut words {
        let lane = u32::from_le_bytes(w.try_into().unwrap());
        acc = acc
            .wrapping_add(lane.wrapping_mul(P3))
            .rotate_left(17)
            .wrapping_mul(P4);
    }
    for &b in words.remainder() {
        acc = acc
            .wrapping_add((b as u32).wrapping_mul(P5))
            .rotate_left(11)
            .wrapping_mul(P1);
    }

    acc ^= acc >> 15;
    acc = acc.wrapping_mul(P2);
    acc ^= acc >> 13;
    acc = acc.wrapping_mul(P3);
    acc ^ (acc >> 16)
}
