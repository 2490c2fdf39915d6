//! CRC-32/ISO-HDLC (IEEE 802.3, reflected polynomial 0xEDB88320, init and
//! xorout 0xFFFFFFFF) matching `Bun.hash.crc32` in Bun 1.4.5, which calls
//! zlib's `crc32(seed, bytes)` (older Bun used Zig `std.hash.Crc32.hash`,
//! identical for seed 0). The seed is the running CRC to continue from.
//!
//! Engines: a portable slicing-by-16 table path (tables built at compile
//! time), and on x86_64 carry-less-multiply folding (Intel, "Fast CRC
//! Computation for Generic Polynomials Using PCLMULQDQ Instruction"), chosen
//! at run time for inputs of at least 64 bytes: 128-bit PCLMULQDQ, or
//! 256-bit VPCLMULQDQ + AVX2 for inputs of at least 256 bytes. The folding
//! constants are derived by `const fn` below and checked against the
//! published values at compile time.

/// Reflected generator polynomial.
const POLY: u32 = 0xEDB88320;

const fn make_tables() -> [[u32; 256]; 16] {
    let mut t = [[0u32; 256]; 16];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { (c >> 1) ^ POLY } else { c >> 1 };
            k += 1;
        }
        t[0][i] = c;
        i += 1;
    }
    let mut s = 1;
    while s < 16 {
        let mut i = 0;
        while i < 256 {
            let prev = t[s - 1][i];
            t[s][i] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
            i += 1;
        }
        s += 1;
    }
    t
}

/// `TABLES[k][b]` = CRC state contribution of byte `b` followed by `k` zero bytes.
static TABLES: [[u32; 256]; 16] = make_tables();

/// Advances the (pre-inverted) CRC state over `data` with slicing-by-16.
fn update_table(mut crc: u32, data: &[u8]) -> u32 {
    let t = &TABLES;
    let mut blocks = data.chunks_exact(16);
    for blk in &mut blocks {
        let w0 = u32::from_le_bytes(blk[0..4].try_into().unwrap()) ^ crc;
        let w1 = u32::from_le_bytes(blk[4..8].try_into().unwrap());
        let w2 = u32::from_le_bytes(blk[8..12].try_into().unwrap());
        let w3 = u32::from_le_bytes(blk[12..16].try_into().unwrap());
        crc = t[15][(w0 & 0xff) as usize]
            ^ t[14][((w0 >> 8) & 0xff) as usize]
            ^ t[13][((w0 >> 16) & 0xff) as usize]
            ^ t[12][(w0 >> 24) as usize]
            ^ t[11][(w1 & 0xff) as usize]
            ^ t[10][((w1 >> 8) & 0xff) as usize]
            ^ t[9][((w1 >> 16) & 0xff) as usize]
            ^ t[8][(w1 >> 24) as usize]
            ^ t[7][(w2 & 0xff) as usize]
            ^ t[6][((w2 >> 8) & 0xff) as usize]
            ^ t[5][((w2 >> 16) & 0xff) as usize]
            ^ t[4][(w2 >> 24) as usize]
            ^ t[3][(w3 & 0xff) as usize]
            ^ t[2][((w3 >> 8) & 0xff) as usize]
            ^ t[1][((w3 >> 16) & 0xff) as usize]
            ^ t[0][(w3 >> 24) as usize];
    }
    for &b in blocks.remainder() {
        crc = t[0][((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    crc
}

/// Inputs at least this long use the carry-less-multiply path when available.
#[cfg(target_arch = "x86_64")]
const SIMD_MIN_LEN: usize = 64;

/// `Bun.hash.crc32(input, seed)`: Bun 1.4.5's crc32 does take a seed. It is
/// the zlib-style running CRC value (seed truncated to u32 by the caller), so
/// `crc32(crc32(0, a), b) == crc32(0, a ++ b)` and an empty input returns
/// the seed unchanged.
#[inline]
pub fn crc32(seed: u32, input: &[u8]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        if input.len() >= SIMD_MIN_LEN && clmul::available() {
            // SAFETY: `available()` confirmed at run time that the CPU supports
            // pclmulqdq and sse4.1, the target features `update` is compiled for.
            return !unsafe { clmul::update(!seed, input) };
        }
    }
    !update_table(!seed, input)
}

// ------------------------------------------------------- folding constants

/// x^n mod P(x), P the (unreflected) CRC-32 polynomial 0x1_04C11DB7, as a
/// 32-bit remainder in normal bit order.
const fn xpow_mod(n: u32) -> u32 {
    let mut r: u32 = 1;
    let mut i = 0;
    while i < n {
        let carry = r & 0x8000_0000 != 0;
        r <<= 1;
        if carry {
            r ^= 0x04C1_1DB7;
        }
        i += 1;
    }
    r
}

/// Folding key in the bit-reflected domain: reflect64(x^n mod P << 32) << 1.
const fn fold_key(n: u32) -> u64 {
    (xpow_mod(n).reverse_bits() as u64) << 1
}

/// floor(x^64 / P(x)) — 33-bit quotient, normal order.
const fn x64_div_p() -> u64 {
    // Long division of x^64 by P (degree 32); quotient has degree 32.
    let p: u128 = 0x1_04C1_1DB7;
    let mut rem: u128 = 1u128 << 64;
    let mut q: u64 = 0;
    let mut bit = 64;
    while bit >= 32 {
        if rem & (1u128 << bit) != 0 {
            rem ^= p << (bit - 32);
            q |= 1u64 << (bit - 32);
        }
        bit -= 1;
    }
    q
}

/// Bit-reverse a 33-bit value.
const fn reflect33(v: u64) -> u64 {
    v.reverse_bits() >> 31
}

// Fold distances: 4 x 128 bits (main loop), 128 bits (single fold).
const K1: u64 = fold_key(4 * 128 + 32);
const K2: u64 = fold_key(4 * 128 - 32);
const K3: u64 = fold_key(128 + 32);
const K4: u64 = fold_key(128 - 32);
const K5: u64 = fold_key(64);
/// P'(x): reflected 33-bit polynomial.
const P_X: u64 = reflect33(0x1_04C1_1DB7);
/// u'(x): reflected Barrett constant floor(x^64 / P).
const U_PRIME: u64 = reflect33(x64_div_p());

// The well-known values (Intel white paper, zlib-ng, crc32fast).
const _: () = assert!(K1 == 0x1_5444_2bd4);
const _: () = assert!(K2 == 0x1_c6e4_1596);
const _: () = assert!(K3 == 0x1_7519_97d0);
const _: () = assert!(K4 == 0x0_ccaa_009e);
const _: () = assert!(K5 == 0x1_63cd_6124);
const _: () = assert!(P_X == 0x1_DB71_0641);
const _: () = assert!(U_PRIME == 0x1_F701_1641);

#[cfg(target_arch = "x86_64")]
mod clmul {
    use super::{fold_key, update_table, K1, K2, K3, K4, K5, P_X, U_PRIME};
    use std::arch::x86_64::*;
    use std::sync::atomic::{AtomicU8, Ordering};

    /// Keys for the 256-bit path: each 128-bit lane folds forward by
    /// 8 x 128 bits (four ymm accumulators).
    const K8_LO: u64 = fold_key(8 * 128 + 32);
    const K8_HI: u64 = fold_key(8 * 128 - 32);
    /// Inputs at least this long use the 256-bit VPCLMULQDQ loop.
    const WIDE_MIN_LEN: usize = 256;

    const UNKNOWN: u8 = 0;
    const NONE: u8 = 1;
    const PCLMUL: u8 = 2;
    const VPCLMUL: u8 = 3;
    /// Cached CPU probe result; one of the constants above.
    static STATE: AtomicU8 = AtomicU8::new(UNKNOWN);

    #[inline(always)]
    fn level() -> u8 {
        match STATE.load(Ordering::Relaxed) {
            UNKNOWN => probe(),
            l => l,
        }
    }

    #[cold]
    fn probe() -> u8 {
        let l = if !(is_x86_feature_detected!("pclmulqdq") && is_x86_feature_detected!("sse4.1")) {
            NONE
        } else if is_x86_feature_detected!("vpclmulqdq") && is_x86_feature_detected!("avx2") {
            VPCLMUL
        } else {
            PCLMUL
        };
        STATE.store(l, Ordering::Relaxed);
        l
    }

    /// Whether `update` may be called.
    #[inline(always)]
    pub(super) fn available() -> bool {
        level() >= PCLMUL
    }

    /// Advances the (pre-inverted) CRC state over `data`, `data.len() >= 64`.
    ///
    /// # Safety
    /// `available()` must have returned true.
    #[inline(always)]
    pub(super) unsafe fn update(crc: u32, data: &[u8]) -> u32 {
        if data.len() >= WIDE_MIN_LEN && level() == VPCLMUL {
            // SAFETY: the probe found vpclmulqdq, avx2, pclmulqdq and sse4.1.
            unsafe { update_wide(crc, data) }
        } else {
            // SAFETY: the caller guarantees pclmulqdq and sse4.1.
            unsafe { update_narrow(crc, data) }
        }
    }

    #[inline(always)]
    fn load(block: &[u8; 16]) -> __m128i {
        // SAFETY: `block` is 16 readable bytes and `_mm_loadu_si128` has no
        // alignment requirement; SSE2 is part of the x86_64 baseline.
        unsafe { _mm_loadu_si128(block.as_ptr().cast()) }
    }

    #[inline(always)]
    fn block16(s: &[u8], off: usize) -> &[u8; 16] {
        s[off..off + 16].try_into().unwrap()
    }

    /// a * x^D folded onto b: (a.lo clmul k.lo) ^ (a.hi clmul k.hi) ^ b.
    #[inline]
    #[target_feature(enable = "pclmulqdq,sse4.1")]
    fn fold(a: __m128i, b: __m128i, keys: __m128i) -> __m128i {
        let lo = _mm_clmulepi64_si128(a, keys, 0x00);
        let hi = _mm_clmulepi64_si128(a, keys, 0x11);
        _mm_xor_si128(_mm_xor_si128(lo, hi), b)
    }

    /// 128-bit path: fold by 4 x 128 bits, 64 bytes per iteration.
    #[target_feature(enable = "pclmulqdq,sse4.1")]
    fn update_narrow(crc: u32, data: &[u8]) -> u32 {
        debug_assert!(data.len() >= 64);
        let mut x0 = _mm_xor_si128(load(block16(data, 0)), _mm_cvtsi32_si128(crc as i32));
        let mut x1 = load(block16(data, 16));
        let mut x2 = load(block16(data, 32));
        let mut x3 = load(block16(data, 48));

        let k1k2 = _mm_set_epi64x(K2 as i64, K1 as i64);
        let mut quads = data[64..].chunks_exact(64);
        for q in &mut quads {
            x0 = fold(x0, load(block16(q, 0)), k1k2);
            x1 = fold(x1, load(block16(q, 16)), k1k2);
            x2 = fold(x2, load(block16(q, 32)), k1k2);
            x3 = fold(x3, load(block16(q, 48)), k1k2);
        }

        let k3k4 = _mm_set_epi64x(K4 as i64, K3 as i64);
        let mut x = fold(x0, x1, k3k4);
        x = fold(x, x2, k3k4);
        x = fold(x, x3, k3k4);
        finish(x, quads.remainder())
    }

    /// 256-bit path: four ymm accumulators (eight 128-bit lanes), 128 bytes
    /// per iteration, each lane folded forward by 8 x 128 bits.
    #[target_feature(enable = "avx2,vpclmulqdq,pclmulqdq,sse4.1")]
    fn update_wide(crc: u32, data: &[u8]) -> u32 {
        debug_assert!(data.len() >= 128);
        #[inline]
        #[target_feature(enable = "avx2")]
        fn load256(s: &[u8], off: usize) -> __m256i {
            let b: &[u8; 32] = s[off..off + 32].try_into().unwrap();
            // SAFETY: `b` is 32 readable bytes; loadu has no alignment
            // requirement; AVX2 is enabled for this function.
            unsafe { _mm256_loadu_si256(b.as_ptr().cast()) }
        }
        #[inline]
        #[target_feature(enable = "avx2,vpclmulqdq")]
        fn fold256(a: __m256i, b: __m256i, keys: __m256i) -> __m256i {
            let lo = _mm256_clmulepi64_epi128(a, keys, 0x00);
            let hi = _mm256_clmulepi64_epi128(a, keys, 0x11);
            _mm256_xor_si256(_mm256_xor_si256(lo, hi), b)
        }

        let mut y0 = _mm256_xor_si256(load256(data, 0), _mm256_set_epi64x(0, 0, 0, crc as i64));
        let mut y1 = load256(data, 32);
        let mut y2 = load256(data, 64);
        let mut y3 = load256(data, 96);

        let k8 = _mm256_set_epi64x(K8_HI as i64, K8_LO as i64, K8_HI as i64, K8_LO as i64);
        let mut blocks = data[128..].chunks_exact(128);
        for b in &mut blocks {
            let b: &[u8; 128] = b.try_into().unwrap();
            y0 = fold256(y0, load256(b, 0), k8);
            y1 = fold256(y1, load256(b, 32), k8);
            y2 = fold256(y2, load256(b, 64), k8);
            y3 = fold256(y3, load256(b, 96), k8);
        }

        // Collapse the eight 128-bit lanes, in memory order, into one.
        let k3k4 = _mm_set_epi64x(K4 as i64, K3 as i64);
        let mut x = _mm256_castsi256_si128(y0);
        x = fold(x, _mm256_extracti128_si256::<1>(y0), k3k4);
        for y in [y1, y2, y3] {
            x = fold(x, _mm256_castsi256_si128(y), k3k4);
            x = fold(x, _mm256_extracti128_si256::<1>(y), k3k4);
        }
        finish(x, blocks.remainder())
    }

    /// Folds the remaining whole 16-byte blocks of `rest` into `x`, reduces
    /// the 128-bit remainder to the 32-bit CRC state and runs the last
    /// (< 16) bytes through the table path.
    #[target_feature(enable = "pclmulqdq,sse4.1")]
    fn finish(mut x: __m128i, rest: &[u8]) -> u32 {
        let k3k4 = _mm_set_epi64x(K4 as i64, K3 as i64);
        let mut singles = rest.chunks_exact(16);
        for s in &mut singles {
            x = fold(x, load(s.try_into().unwrap()), k3k4);
        }
        let tail = singles.remainder();

        // 128 -> 64 bits.
        let x = _mm_xor_si128(_mm_clmulepi64_si128(x, k3k4, 0x10), _mm_srli_si128(x, 8));
        // 64 -> 32 bits (kept in the high part).
        let mask32 = _mm_set_epi32(0, 0, 0, !0);
        let x = _mm_xor_si128(
            _mm_clmulepi64_si128(_mm_and_si128(x, mask32), _mm_set_epi64x(0, K5 as i64), 0x00),
            _mm_srli_si128(x, 4),
        );
        // Barrett reduction to the final 32-bit remainder.
        let pu = _mm_set_epi64x(U_PRIME as i64, P_X as i64);
        let t1 = _mm_clmulepi64_si128(_mm_and_si128(x, mask32), pu, 0x10);
        let t2 = _mm_clmulepi64_si128(_mm_and_si128(t1, mask32), pu, 0x00);
        let c = _mm_extract_epi32(_mm_xor_si128(x, t2), 1) as u32;

        if tail.is_empty() {
            c
        } else {
            update_table(c, tail)
        }
    }

    #[cfg(test)]
    pub(super) fn narrow_for_test(crc: u32, data: &[u8]) -> Option<u32> {
        // SAFETY: only called after checking the features.
        (level() >= PCLMUL).then(|| unsafe { update_narrow(crc, data) })
    }

    #[cfg(test)]
    pub(super) fn wide_for_test(crc: u32, data: &[u8]) -> Option<u32> {
        // SAFETY: only called after checking the features.
        (level() == VPCLMUL).then(|| unsafe { update_wide(crc, data) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bitwise(data: &[u8]) -> u32 {
        let mut c = !0u32;
        for &b in data {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { (c >> 1) ^ POLY } else { c >> 1 };
            }
        }
        !c
    }

    fn buf(n: usize) -> Vec<u8> {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    #[test]
    fn check_value() {
        assert_eq!(crc32(0, b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(0, b""), 0);
        // Values observed from Bun 1.4.5: Bun.hash.crc32("123456789", seed).
        assert_eq!(crc32(1, b"123456789"), 0xdc8f_2d65);
        assert_eq!(crc32(0xFFFF_FFFF, b"123456789"), 0xd202_d277);
        assert_eq!(crc32(0xdead_beef, b""), 0xdead_beef);
        assert_eq!(crc32(crc32(0, b"12345"), b"6789"), 0xCBF4_3926);
    }

    #[test]
    fn table_matches_bitwise() {
        let d = buf(600);
        for len in 0..600 {
            assert_eq!(
                !update_table(!0, &d[..len]),
                bitwise(&d[..len]),
                "len {len}"
            );
        }
    }

    #[test]
    fn dispatch_matches_table_all_lengths_and_alignments() {
        let d = buf(4096 + 64);
        for off in 0..16 {
            for len in (0..=1100).chain([2047, 2048, 2049, 4095, 4096]) {
                let s = &d[off..off + len];
                assert_eq!(crc32(0, s), !update_table(!0, s), "off {off} len {len}");
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn clmul_engines_match_table_with_arbitrary_state() {
        let d = buf(5000);
        for (i, len) in (64..4000).step_by(3).enumerate() {
            let state = (i as u32).wrapping_mul(0x9E37_79B9);
            let s = &d[i % 13..i % 13 + len];
            let want = update_table(state, s);
            if let Some(got) = clmul::narrow_for_test(state, s) {
                assert_eq!(got, want, "narrow len {len}");
            }
            if len >= 128 {
                if let Some(got) = clmul::wide_for_test(state, s) {
                    assert_eq!(got, want, "wide len {len}");
                }
            }
        }
    }
}
