//! XXH3-64 (with seed, default secret) matching Zig
//! `std.hash.XxHash3.hash(seed, input)`, as Bun 1.4.5 uses it for
//! `Bun.hash.xxHash3`. Bun truncates the JS seed to u32 before calling; this
//! function takes the already-truncated value widened to u64.

use super::r64;
use super::xxhash64::{
    avalanche as avalanche64, P1 as P64_1, P2 as P64_2, P3 as P64_3, P4 as P64_4, P5 as P64_5,
};

const P32_1: u64 = 0x9E3779B1;
const P32_2: u64 = 0x85EBCA77;
const P32_3: u64 = 0xC2B2AE3D;
const PRIME_MX1: u64 = 0x165667919E3779F9;
const PRIME_MX2: u64 = 0x9FB21C651E98DF25;

const SECRET_LEN: usize = 192;
const STRIPE: usize = 64;
const STRIPES_PER_BLOCK: usize = (SECRET_LEN - STRIPE) / 8; // 16
const BLOCK: usize = STRIPE * STRIPES_PER_BLOCK; // 1024

const DEFAULT_SECRET: [u8; SECRET_LEN] = [
    0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
    0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
    0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
    0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
    0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
    0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
    0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
    0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
    0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
    0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
    0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
    0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
];

#[inline(always)]
fn fold(a: u64, b: u64) -> u64 {
    super::mix(a, b)
}

#[inline(always)]
fn avalanche3(mut h: u64) -> u64 {
    h ^= h >> 37;
    h = h.wrapping_mul(PRIME_MX1);
    h ^ (h >> 32)
}

#[inline(always)]
fn rrmxmx(mut h: u64, len: u64) -> u64 {
    h ^= h.rotate_left(49) ^ h.rotate_left(24);
    h = h.wrapping_mul(PRIME_MX2);
    h ^= (h >> 35).wrapping_add(len);
    h = h.wrapping_mul(PRIME_MX2);
    h ^ (h >> 28)
}

#[inline(always)]
fn mix16(seed: u64, input: &[u8], in_off: usize, secret: &[u8], sec_off: usize) -> u64 {
    let lo = r64(input, in_off) ^ r64(secret, sec_off).wrapping_add(seed);
    let hi = r64(input, in_off + 8) ^ r64(secret, sec_off + 8).wrapping_sub(seed);
    fold(lo, hi)
}

/// `Bun.hash.xxHash3(input, seed)`.
#[inline]
pub fn xxhash3(seed: u64, input: &[u8]) -> u64 {
    let len = input.len();
    let s = &DEFAULT_SECRET;
    if len > 240 {
        return hash_long(seed, input);
    }
    if len > 128 {
        return hash_129to240(seed, input);
    }
    if len > 16 {
        return hash_17to128(seed, input);
    }
    if len > 8 {
        let flip_lo = (r64(s, 24) ^ r64(s, 32)).wrapping_add(seed);
        let flip_hi = (r64(s, 40) ^ r64(s, 48)).wrapping_sub(seed);
        let lo = r64(input, 0) ^ flip_lo;
        let hi = r64(input, len - 8) ^ flip_hi;
        let acc = (len as u64)
            .wrapping_add(lo.swap_bytes())
            .wrapping_add(hi)
            .wrapping_add(fold(lo, hi));
        return avalanche3(acc);
    }
    if len > 3 {
        let mixed = seed ^ (((seed as u32).swap_bytes() as u64) << 32);
        let key = (r64(s, 8) ^ r64(s, 16)).wrapping_sub(mixed);
        let lo = u32::from_le_bytes(input[0..4].try_into().unwrap()) as u64;
        let hi = u32::from_le_bytes(input[len - 4..].try_into().unwrap()) as u64;
        let combined = (lo << 32).wrapping_add(hi);
        return rrmxmx(key ^ combined, len as u64);
    }
    if len > 0 {
        let c1 = input[0] as u32;
        let c2 = input[len >> 1] as u32;
        let c3 = input[len - 1] as u32;
        let combined = (c1 << 16) | (c2 << 24) | c3 | ((len as u32) << 8);
        let flip = (u32::from_le_bytes(s[0..4].try_into().unwrap())
            ^ u32::from_le_bytes(s[4..8].try_into().unwrap())) as u64;
        let key = flip.wrapping_add(seed);
        return avalanche64(key ^ combined as u64);
    }
    avalanche64(seed ^ r64(s, 56) ^ r64(s, 64))
}

#[inline(never)]
fn hash_17to128(seed: u64, input: &[u8]) -> u64 {
    let len = input.len();
    let s = &DEFAULT_SECRET;
    let mut acc = (len as u64).wrapping_mul(P64_1);
    if len > 32 {
        if len > 64 {
            if len > 96 {
                acc = acc.wrapping_add(mix16(seed, input, 48, s, 96));
                acc = acc.wrapping_add(mix16(seed, input, len - 64, s, 112));
            }
            acc = acc.wrapping_add(mix16(seed, input, 32, s, 64));
            acc = acc.wrapping_add(mix16(seed, input, len - 48, s, 80));
        }
        acc = acc.wrapping_add(mix16(seed, input, 16, s, 32));
        acc = acc.wrapping_add(mix16(seed, input, len - 32, s, 48));
    }
    acc = acc.wrapping_add(mix16(seed, input, 0, s, 0));
    acc = acc.wrapping_add(mix16(seed, input, len - 16, s, 16));
    avalanche3(acc)
}

#[inline(never)]
fn hash_129to240(seed: u64, input: &[u8]) -> u64 {
    let len = input.len();
    let s = &DEFAULT_SECRET;
    let mut acc = (len as u64).wrapping_mul(P64_1);
    for i in 0..8 {
        acc = acc.wrapping_add(mix16(seed, input, 16 * i, s, 16 * i));
    }
    let mut acc_end = mix16(seed, input, len - 16, s, 136 - 17);
    for i in 8..len / 16 {
        acc_end = acc_end.wrapping_add(mix16(seed, input, 16 * i, s, 16 * (i - 8) + 3));
    }
    avalanche3(avalanche3(acc).wrapping_add(acc_end))
}

// ------------------------------------------------------------ long inputs

/// Initial accumulator lanes.
const ACC_INIT: [u64; 8] = [P32_3, P64_1, P64_2, P64_3, P64_4, P32_2, P64_5, P32_1];

#[inline(never)]
fn hash_long(seed: u64, input: &[u8]) -> u64 {
    if seed == 0 {
        hash_long_with_secret(input, &DEFAULT_SECRET)
    } else {
        // Derived secret: even u64 lanes + seed, odd lanes - seed.
        let mut secret = [0u8; SECRET_LEN];
        for (dst, src) in secret
            .chunks_exact_mut(16)
            .zip(DEFAULT_SECRET.chunks_exact(16))
        {
            let lo = r64(src, 0).wrapping_add(seed);
            let hi = r64(src, 8).wrapping_sub(seed);
            dst[..8].copy_from_slice(&lo.to_le_bytes());
            dst[8..].copy_from_slice(&hi.to_le_bytes());
        }
        hash_long_with_secret(input, &secret)
    }
}

fn hash_long_with_secret(input: &[u8], secret: &[u8; SECRET_LEN]) -> u64 {
    let len = input.len();
    let acc = accumulate_long(input, secret);
    let mut result = (len as u64).wrapping_mul(P64_1);
    for i in 0..4 {
        result = result.wrapping_add(fold(
            acc[2 * i] ^ r64(secret, 11 + 16 * i),
            acc[2 * i + 1] ^ r64(secret, 11 + 16 * i + 8),
        ));
    }
    avalanche3(result)
}

/// Runs every stripe of `input` (len > 240) through the accumulator lanes:
/// whole 1 KiB blocks (each followed by a scramble), the remaining whole
/// stripes before the last byte, then the final 64 bytes with secret offset
/// 121. Chooses AVX2, SSE2 or scalar lanes.
#[inline(always)]
fn accumulate_long(input: &[u8], secret: &[u8; SECRET_LEN]) -> [u64; 8] {
    #[cfg(target_arch = "x86_64")]
    {
        if simd::avx2_available() {
            // SAFETY: AVX2 support was verified at run time.
            return unsafe { simd::accumulate_avx2(input, secret) };
        }
        // SAFETY: SSE2 is part of the x86_64 baseline.
        unsafe { simd::accumulate_sse2(input, secret) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        accumulate_scalar(input, secret)
    }
}

/// Calls `stripe(acc, input_stripe, secret_window)` and `scramble(acc)` in
/// XXH3 long-input order; shared by every lane implementation. Fixed-size
/// array views keep the hot loop free of bounds checks.
#[inline(always)]
fn drive<A>(
    acc: &mut A,
    input: &[u8],
    secret: &[u8; SECRET_LEN],
    mut stripe: impl FnMut(&mut A, &[u8; STRIPE], &[u8; STRIPE]),
    mut scramble: impl FnMut(&mut A),
) {
    let len = input.len();
    let nb_blocks = (len - 1) / BLOCK;
    let (blocks, tail) = input.split_at(nb_blocks * BLOCK);
    for block in blocks.chunks_exact(BLOCK) {
        let block: &[u8; BLOCK] = block.try_into().unwrap();
        for s in 0..STRIPES_PER_BLOCK {
            stripe(acc, stripe_at(block, s * STRIPE), sec_at(secret, s * 8));
        }
        scramble(acc);
    }
    let nb_stripes = (tail.len() - 1) / STRIPE;
    for s in 0..nb_stripes {
        stripe(acc, stripe_at(tail, s * STRIPE), sec_at(secret, s * 8));
    }
    stripe(
        acc,
        stripe_at(input, len - STRIPE),
        sec_at(secret, SECRET_LEN - STRIPE - 7),
    );
}

#[inline(always)]
fn sec_at(secret: &[u8; SECRET_LEN], off: usize) -> &[u8; STRIPE] {
    secret[off..off + STRIPE].try_into().unwrap()
}

#[inline(always)]
fn stripe_at(input: &[u8], off: usize) -> &[u8; STRIPE] {
    input[off..off + STRIPE].try_into().unwrap()
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn accumulate_scalar(input: &[u8], secret: &[u8; SECRET_LEN]) -> [u64; 8] {
    let mut acc = ACC_INIT;
    drive(
        &mut acc,
        input,
        secret,
        |acc, stripe, key| {
            for lane in 0..8 {
                let data = r64(stripe, 8 * lane);
                let key = data ^ r64(key, 8 * lane);
                acc[lane ^ 1] = acc[lane ^ 1].wrapping_add(data);
                acc[lane] = acc[lane].wrapping_add((key & 0xffff_ffff).wrapping_mul(key >> 32));
            }
        },
        |acc| {
            for (lane, a) in acc.iter_mut().enumerate() {
                let v = *a ^ (*a >> 47) ^ r64(secret, SECRET_LEN - STRIPE + 8 * lane);
                *a = v.wrapping_mul(P32_1);
            }
        },
    );
    acc
}

#[cfg(target_arch = "x86_64")]
mod simd {
    use super::{drive, ACC_INIT, P32_1, SECRET_LEN, STRIPE};
    use std::arch::x86_64::*;
    use std::sync::atomic::{AtomicU8, Ordering};

    /// 0 = not yet probed, 1 = no AVX2, 2 = AVX2.
    static AVX2: AtomicU8 = AtomicU8::new(0);

    #[inline(always)]
    pub(super) fn avx2_available() -> bool {
        match AVX2.load(Ordering::Relaxed) {
            2 => true,
            1 => false,
            _ => {
                let ok = is_x86_feature_detected!("avx2");
                AVX2.store(if ok { 2 } else { 1 }, Ordering::Relaxed);
                ok
            }
        }
    }

    /// Unaligned 16-byte load of `s[off..off + 16]` (bounds-checked).
    #[inline(always)]
    fn load128(s: &[u8], off: usize) -> __m128i {
        let b: &[u8; 16] = s[off..off + 16].try_into().unwrap();
        // SAFETY: `b` is 16 readable bytes; loadu has no alignment requirement.
        unsafe { _mm_loadu_si128(b.as_ptr().cast()) }
    }

    /// Unaligned 32-byte load of `s[off..off + 32]` (bounds-checked).
    #[inline]
    #[target_feature(enable = "avx2")]
    fn load256(s: &[u8], off: usize) -> __m256i {
        let b: &[u8; 32] = s[off..off + 32].try_into().unwrap();
        // SAFETY: `b` is 32 readable bytes; loadu has no alignment requirement,
        // and this function is only compiled for / called with AVX2.
        unsafe { _mm256_loadu_si256(b.as_ptr().cast()) }
    }

    #[target_feature(enable = "sse2")]
    pub(super) fn accumulate_sse2(input: &[u8], secret: &[u8; SECRET_LEN]) -> [u64; 8] {
        let mut acc = [_mm_setzero_si128(); 4];
        for (j, a) in acc.iter_mut().enumerate() {
            *a = _mm_set_epi64x(ACC_INIT[2 * j + 1] as i64, ACC_INIT[2 * j] as i64);
        }
        let prime = _mm_set1_epi32(P32_1 as i32);
        drive(
            &mut acc,
            input,
            secret,
            |acc, stripe, key| {
                for (j, a) in acc.iter_mut().enumerate() {
                    let data = load128(stripe, 16 * j);
                    let key = _mm_xor_si128(data, load128(key, 16 * j));
                    let prod = _mm_mul_epu32(key, _mm_srli_epi64(key, 32));
                    let swapped = _mm_shuffle_epi32(data, 0b01_00_11_10);
                    *a = _mm_add_epi64(*a, _mm_add_epi64(prod, swapped));
                }
            },
            |acc| {
                for (j, a) in acc.iter_mut().enumerate() {
                    let key = load128(secret, SECRET_LEN - STRIPE + 16 * j);
                    let v = _mm_xor_si128(_mm_xor_si128(*a, _mm_srli_epi64(*a, 47)), key);
                    let lo = _mm_mul_epu32(v, prime);
                    let hi = _mm_mul_epu32(_mm_srli_epi64(v, 32), prime);
                    *a = _mm_add_epi64(lo, _mm_slli_epi64(hi, 32));
                }
            },
        );
        let mut out = [0u64; 8];
        for (j, a) in acc.iter().enumerate() {
            out[2 * j] = _mm_cvtsi128_si64(*a) as u64;
            out[2 * j + 1] = _mm_cvtsi128_si64(_mm_unpackhi_epi64(*a, *a)) as u64;
        }
        out
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn accumulate_avx2(input: &[u8], secret: &[u8; SECRET_LEN]) -> [u64; 8] {
        let mut acc = [
            _mm256_set_epi64x(
                ACC_INIT[3] as i64,
                ACC_INIT[2] as i64,
                ACC_INIT[1] as i64,
                ACC_INIT[0] as i64,
            ),
            _mm256_set_epi64x(
                ACC_INIT[7] as i64,
                ACC_INIT[6] as i64,
                ACC_INIT[5] as i64,
                ACC_INIT[4] as i64,
            ),
        ];
        let prime = _mm256_set1_epi32(P32_1 as i32);
        drive(
            &mut acc,
            input,
            secret,
            #[inline(always)]
            |acc, stripe, key| {
                for (j, a) in acc.iter_mut().enumerate() {
                    let data = load256(stripe, 32 * j);
                    let key = _mm256_xor_si256(data, load256(key, 32 * j));
                    let prod = _mm256_mul_epu32(key, _mm256_srli_epi64(key, 32));
                    let swapped = _mm256_shuffle_epi32(data, 0b01_00_11_10);
                    *a = _mm256_add_epi64(*a, _mm256_add_epi64(prod, swapped));
                }
            },
            #[inline(always)]
            |acc| {
                for (j, a) in acc.iter_mut().enumerate() {
                    let key = load256(secret, SECRET_LEN - STRIPE + 32 * j);
                    let v = _mm256_xor_si256(_mm256_xor_si256(*a, _mm256_srli_epi64(*a, 47)), key);
                    let lo = _mm256_mul_epu32(v, prime);
                    let hi = _mm256_mul_epu32(_mm256_srli_epi64(v, 32), prime);
                    *a = _mm256_add_epi64(lo, _mm256_slli_epi64(hi, 32));
                }
            },
        );
        let mut out = [0u64; 8];
        for (j, a) in acc.iter().enumerate() {
            out[4 * j] = _mm256_extract_epi64(*a, 0) as u64;
            out[4 * j + 1] = _mm256_extract_epi64(*a, 1) as u64;
            out[4 * j + 2] = _mm256_extract_epi64(*a, 2) as u64;
            out[4 * j + 3] = _mm256_extract_epi64(*a, 3) as u64;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lane_engines_agree() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let d: Vec<u8> = (0..9000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        let mut secret = DEFAULT_SECRET;
        secret[5] ^= 0x5a;
        for len in (241..3000).chain([4095, 4096, 4097, 8191, 8192, 8193]) {
            for off in [0, 3] {
                let s = &d[off..off + len];
                let want = accumulate_scalar(s, &secret);
                assert_eq!(accumulate_long(s, &secret), want, "len {len}");
                #[cfg(target_arch = "x86_64")]
                {
                    // SAFETY: SSE2 is part of the x86_64 baseline.
                    assert_eq!(
                        unsafe { simd::accumulate_sse2(s, &secret) },
                        want,
                        "sse2 len {len}"
                    );
                    if simd::avx2_available() {
                        // SAFETY: AVX2 checked just above.
                        assert_eq!(
                            unsafe { simd::accumulate_avx2(s, &secret) },
                            want,
                            "avx2 len {len}"
                        );
                    }
                }
            }
        }
    }
}
