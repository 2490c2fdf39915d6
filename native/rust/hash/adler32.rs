//! Adler-32 (RFC 1950) matching Zig `std.hash.Adler32.hash(input)`, as
//! Bun 1.4.5 uses it for `Bun.hash.adler32` (Bun ignores any seed argument).
//!
//! Portable path: NMAX-sized chunks, each run as 16 independent lanes (a
//! form the compiler vectorizes) and reduced modulo 65521 once per chunk.
//! On x86_64 with AVX2 (detected at run time) a 32-bytes-per-step kernel
//! using `vpsadbw` / `vpmaddubsw` does the same arithmetic.

const BASE: u32 = 65521;
/// Largest n such that 255 n (n + 1) / 2 + (n + 1) (BASE - 1) <= 2^32 - 1.
const NMAX: usize = 5552;
const LANES: usize = 16;
const _: () = assert!(NMAX.is_multiple_of(LANES));

/// `Bun.hash.adler32(input)`.
#[inline]
pub fn adler32(input: &[u8]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        if input.len() >= avx2::MIN_LEN && avx2::available() {
            // SAFETY: AVX2 support was verified at run time.
            let (a, b, done) = unsafe { avx2::update(1, 0, input) };
            return portable(a, b, &input[done..]);
        }
    }
    portable(1, 0, input)
}

/// Continues from (a, b) over `data` with the portable engine; returns the
/// packed checksum.
#[inline]
fn portable(mut a: u32, mut b: u32, data: &[u8]) -> u32 {
    for chunk in data.chunks(NMAX) {
        (a, b) = update_chunk(a, b, chunk);
    }
    (b << 16) | a
}

/// Advances (a, b) over at most NMAX bytes; returns both reduced mod BASE.
#[inline(always)]
fn update_chunk(mut a: u32, mut b: u32, chunk: &[u8]) -> (u32, u32) {
    debug_assert!(chunk.len() <= NMAX && a < BASE && b < BASE);
    let mut blocks = chunk.chunks_exact(LANES);
    let n = blocks.len();
    if n > 0 {
        // Lane-parallel form of the recurrence: for byte j of the 16n-byte
        // run, with lane i = j % 16 and block k = j / 16, its weight in b is
        // 16 (n - k) - i; the incoming a contributes 16 n a to b.
        let mut la = [0u32; LANES];
        let mut lb = [0u32; LANES];
        for blk in &mut blocks {
            let blk: &[u8; LANES] = blk.try_into().unwrap();
            for i in 0..LANES {
                la[i] += blk[i] as u32;
                lb[i] += la[i];
            }
        }
        // la[i] <= 255 * 347 and lb[i] < 2^24 here; combine in u64.
        let mut sum_a: u64 = 0;
        let mut sum_b: u64 = (LANES * n) as u64 * a as u64 + b as u64;
        for i in 0..LANES {
            sum_a += la[i] as u64;
            sum_b += LANES as u64 * lb[i] as u64 - i as u64 * la[i] as u64;
        }
        a = ((a as u64 + sum_a) % BASE as u64) as u32;
        b = (sum_b % BASE as u64) as u32;
    }
    // Fewer than 16 bytes: a, b stay far below 2^32 before the reduction.
    for &byte in blocks.remainder() {
        a += byte as u32;
        b += a;
    }
    (a % BASE, b % BASE)
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{BASE, NMAX};
    use std::arch::x86_64::*;
    use std::sync::atomic::{AtomicU8, Ordering};

    /// Below this the scalar path is as fast.
    pub(super) const MIN_LEN: usize = 64;
    const STEP: usize = 32;
    /// Whole 32-byte steps per reduction; within NMAX so the arithmetic
    /// (per-lane u32, combined in u64) cannot overflow.
    const CHUNK: usize = NMAX / STEP * STEP;

    /// 0 = not yet probed, 1 = no AVX2, 2 = AVX2.
    static STATE: AtomicU8 = AtomicU8::new(0);

    #[inline(always)]
    pub(super) fn available() -> bool {
        match STATE.load(Ordering::Relaxed) {
            2 => true,
            1 => false,
            _ => {
                let ok = is_x86_feature_detected!("avx2");
                STATE.store(if ok { 2 } else { 1 }, Ordering::Relaxed);
                ok
            }
        }
    }

    #[inline]
    #[target_feature(enable = "avx2")]
    fn load(block: &[u8; STEP]) -> __m256i {
        // SAFETY: `block` is 32 readable bytes; loadu has no alignment
        // requirement; AVX2 is enabled for this function.
        unsafe { _mm256_loadu_si256(block.as_ptr().cast()) }
    }

    /// Sum of the four u64 lanes.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn hsum64(v: __m256i) -> u64 {
        (_mm256_extract_epi64(v, 0) as u64)
            .wrapping_add(_mm256_extract_epi64(v, 1) as u64)
            .wrapping_add(_mm256_extract_epi64(v, 2) as u64)
            .wrapping_add(_mm256_extract_epi64(v, 3) as u64)
    }

    /// Processes the longest prefix of `data` made of whole 32-byte steps.
    /// Returns the new (a, b), reduced mod BASE, and the bytes consumed.
    #[target_feature(enable = "avx2")]
    pub(super) fn update(mut a: u32, mut b: u32, data: &[u8]) -> (u32, u32, usize) {
        let whole = data.len() / STEP * STEP;
        // Byte i of a step has weight 32 - i in b's within-step term.
        let weights = _mm256_set_epi8(
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
            25, 26, 27, 28, 29, 30, 31, 32,
        );
        let ones = _mm256_set1_epi16(1);
        let zero = _mm256_setzero_si256();
        let lo32 = _mm256_set1_epi64x(0xffff_ffff);

        for chunk in data[..whole].chunks(CHUNK) {
            let n = (chunk.len() / STEP) as u64;
            // s1: byte sums (u64 lanes); ps: running sum of s1 before each
            // step (u64 lanes); s2: weighted in-step sums (u32 lanes).
            let mut s1 = zero;
            let mut ps = zero;
            let mut s2 = zero;
            for step in chunk.chunks_exact(STEP) {
                let v = load(step.try_into().unwrap());
                ps = _mm256_add_epi64(ps, s1);
                s1 = _mm256_add_epi64(s1, _mm256_sad_epu8(v, zero));
                let pairs = _mm256_maddubs_epi16(v, weights);
                s2 = _mm256_add_epi32(s2, _mm256_madd_epi16(pairs, ones));
            }
            let s2 = _mm256_add_epi64(_mm256_and_si256(s2, lo32), _mm256_srli_epi64(s2, 32));
            let sum1 = hsum64(s1);
            let sum_b =
                b as u64 + (STEP as u64 * n) * a as u64 + (STEP as u64) * hsum64(ps) + hsum64(s2);
            a = ((a as u64 + sum1) % BASE as u64) as u32;
            b = (sum_b % BASE as u64) as u32;
        }
        (a, b, whole)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &x in data {
            a = (a + x as u32) % BASE;
            b = (b + a) % BASE;
        }
        (b << 16) | a
    }

    #[test]
    fn matches_reference() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut d: Vec<u8> = (0..40000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        for len in (0..700).chain([5551, 5552, 5553, 5536, 11104, 11105, 39999]) {
            for off in [0, 1] {
                let s = &d[off..off + len];
                assert_eq!(adler32(s), reference(s), "len {len}");
            }
        }
        // The portable engine on its own (the dispatcher may pick AVX2).
        for len in (0..300).chain([5551, 5552, 5553, 20000, 40000]) {
            assert_eq!(
                portable(1, 0, &d[..len]),
                reference(&d[..len]),
                "portable len {len}"
            );
        }
        // Worst case for overflow: all 0xff.
        d.iter_mut().for_each(|b| *b = 0xff);
        for len in [5551, 5552, 5553, 30000, 40000] {
            assert_eq!(adler32(&d[..len]), reference(&d[..len]), "ff len {len}");
            assert_eq!(
                portable(1, 0, &d[..len]),
                reference(&d[..len]),
                "ff portable len {len}"
            );
        }
    }
}
