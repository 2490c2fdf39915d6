//! RapidHash matching Bun's `bun.deprecated.RapidHash.hash(seed, input)`
//! (src/deprecated.zig), as Bun 1.4.5 uses it for `Bun.hash.rapidhash`.

use super::{mix, mum, r32, r64};

const SC: [u64; 3] = [0x2d358dccaa6c78a5, 0x8bb84b93962eacc9, 0x4b33a62ed433d4a3];

/// `Bun.hash.rapidhash(input, seed)`.
#[inline]
pub fn rapidhash(seed: u64, input: &[u8]) -> u64 {
    let len = input.len();
    let mut s0 = seed ^ mix(seed ^ SC[0], SC[1]) ^ len as u64;
    let (a, b);

    if len <= 16 {
        if len >= 4 {
            let d = (len & 24) >> (len >> 3);
            let e = len - 4;
            a = ((r32(input, 0) as u64) << 32) | r32(input, e) as u64;
            b = ((r32(input, d) as u64) << 32) | r32(input, e - d) as u64;
        } else if len > 0 {
            a = ((input[0] as u64) << 56)
                | ((input[len >> 1] as u64) << 32)
                | input[len - 1] as u64;
            b = 0;
        } else {
            a = 0;
            b = 0;
        }
    } else {
        let mut k = input;
        if len > 48 {
            let (mut s1, mut s2) = (s0, s0);
            let mut blocks = k.chunks_exact(96);
            for blk in &mut blocks {
                let blk: &[u8; 96] = blk.try_into().unwrap();
                s0 = mix(r64(blk, 0) ^ SC[0], r64(blk, 8) ^ s0);
                s1 = mix(r64(blk, 16) ^ SC[1], r64(blk, 24) ^ s1);
                s2 = mix(r64(blk, 32) ^ SC[2], r64(blk, 40) ^ s2);
                s0 = mix(r64(blk, 48) ^ SC[0], r64(blk, 56) ^ s0);
                s1 = mix(r64(blk, 64) ^ SC[1], r64(blk, 72) ^ s1);
                s2 = mix(r64(blk, 80) ^ SC[2], r64(blk, 88) ^ s2);
            }
            k = blocks.remainder();
            if k.len() >= 48 {
                s0 = mix(r64(k, 0) ^ SC[0], r64(k, 8) ^ s0);
                s1 = mix(r64(k, 16) ^ SC[1], r64(k, 24) ^ s1);
                s2 = mix(r64(k, 32) ^ SC[2], r64(k, 40) ^ s2);
                k = &k[48..];
            }
            s0 ^= s1 ^ s2;
        }
        if k.len() > 16 {
            s0 = mix(r64(k, 0) ^ SC[2], r64(k, 8) ^ s0 ^ SC[1]);
            if k.len() > 32 {
                s0 = mix(r64(k, 16) ^ SC[2], r64(k, 24) ^ s0);
            }
        }
        a = r64(input, len - 16);
        b = r64(input, len - 8);
    }

    let (a, b) = mum(a ^ SC[1], b ^ s0);
    mix(a ^ SC[0] ^ len as u64, b ^ SC[1])
}
