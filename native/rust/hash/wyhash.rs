//! Wyhash (final v4 variant) matching Zig `std.hash.Wyhash.hash(seed, input)`,
//! as Bun 1.4.5 uses it for `Bun.hash` / `Bun.hash.wyhash`.

use super::{mix, mum, r32, r64};

const SECRET: [u64; 4] = [
    0xa0761d6478bd642f,
    0xe7037ed1a0b428db,
    0x8ebc6af09c88c6e3,
    0x589965cc75374cc3,
];

/// `Bun.hash.wyhash(input, seed)`.
#[inline]
pub fn wyhash(seed: u64, input: &[u8]) -> u64 {
    let len = input.len();
    let mut s0 = seed ^ mix(seed ^ SECRET[0], SECRET[1]);
    let (a, b);

    if len <= 16 {
        if len >= 4 {
            let end = len - 4;
            let quarter = (len >> 3) << 2;
            a = ((r32(input, 0) as u64) << 32) | r32(input, quarter) as u64;
            b = ((r32(input, end) as u64) << 32) | r32(input, end - quarter) as u64;
        } else if len > 0 {
            a = ((input[0] as u64) << 16) | ((input[len >> 1] as u64) << 8) | input[len - 1] as u64;
            b = 0;
        } else {
            a = 0;
            b = 0;
        }
    } else {
        let mut rest = input;
        if len >= 48 {
            let (mut s1, mut s2) = (s0, s0);
            // Process 48-byte rounds while strictly more than 48 bytes remain,
            // so the final (possibly full) 48 bytes go through the tail path.
            let rounds = (len - 1) / 48;
            let (bulk, tail) = input.split_at(rounds * 48);
            for blk in bulk.chunks_exact(48) {
                let blk: &[u8; 48] = blk.try_into().unwrap();
                s0 = mix(r64(blk, 0) ^ SECRET[1], r64(blk, 8) ^ s0);
                s1 = mix(r64(blk, 16) ^ SECRET[2], r64(blk, 24) ^ s1);
                s2 = mix(r64(blk, 32) ^ SECRET[3], r64(blk, 40) ^ s2);
            }
            s0 ^= s1 ^ s2;
            rest = tail;
        }
        // 1..=48 bytes remain; fold 16-byte pieces while more than 16 remain.
        let mut i = 0;
        while i + 16 < rest.len() {
            s0 = mix(r64(rest, i) ^ SECRET[1], r64(rest, i + 8) ^ s0);
            i += 16;
        }
        a = r64(input, len - 16);
        b = r64(input, len - 8);
    }

    let (a, b) = mum(a ^ SECRET[1], b ^ s0);
    mix(a ^ SECRET[0] ^ len as u64, b ^ SECRET[1])
}
