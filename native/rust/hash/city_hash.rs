//! CityHash v1.1 matching Zig `std.hash.CityHash32.hash(str)` and
//! `std.hash.CityHash64.hashWithSeed(str, seed)`, as Bun 1.4.5 uses them for
//! `Bun.hash.cityHash32` / `Bun.hash.cityHash64`.

use super::{r32, r64};

// ---------------------------------------------------------------- CityHash32

const C1: u32 = 0xcc9e2d51;
const C2: u32 = 0x1b873593;

#[inline(always)]
fn fmix32(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85ebca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2ae35);
    h ^ (h >> 16)
}

#[inline(always)]
fn mur(a: u32, h: u32) -> u32 {
    let a = a.wrapping_mul(C1).rotate_right(17).wrapping_mul(C2);
    (h ^ a)
        .rotate_right(19)
        .wrapping_mul(5)
        .wrapping_add(0xe6546b64)
}

/// Multiply-rotate-multiply used on every CityHash32 input word.
#[inline(always)]
fn scramble32(w: u32) -> u32 {
    w.wrapping_mul(C1).rotate_right(17).wrapping_mul(C2)
}

fn city32_len0to4(s: &[u8]) -> u32 {
    let len = s.len() as u32;
    let mut b: u32 = 0;
    let mut c: u32 = 9;
    for &v in s {
        // CityHash reads these bytes as *signed* char.
        b = b.wrapping_mul(C1).wrapping_add(v as i8 as i32 as u32);
        c ^= b;
    }
    fmix32(mur(b, mur(len, c)))
}

fn city32_len5to12(s: &[u8]) -> u32 {
    let len = s.len();
    let mut a = len as u32;
    let mut b = a.wrapping_mul(5);
    let mut c: u32 = 9;
    let d = b;
    a = a.wrapping_add(r32(s, 0));
    b = b.wrapping_add(r32(s, len - 4));
    c = c.wrapping_add(r32(s, (len >> 1) & 4));
    fmix32(mur(c, mur(b, mur(a, d))))
}

fn city32_len13to24(s: &[u8]) -> u32 {
    let len = s.len();
    let a = r32(s, (len >> 1) - 4);
    let b = r32(s, 4);
    let c = r32(s, len - 8);
    let d = r32(s, len >> 1);
    let e = r32(s, 0);
    let f = r32(s, len - 4);
    fmix32(mur(f, mur(e, mur(d, mur(c, mur(b, mur(a, len as u32)))))))
}

/// `Bun.hash.cityHash32(input)`.
#[inline]
pub fn city_hash32(s: &[u8]) -> u32 {
    let len = s.len();
    if len <= 24 {
        return if len <= 4 {
            city32_len0to4(s)
        } else if len <= 12 {
            city32_len5to12(s)
        } else {
            city32_len13to24(s)
        };
    }

    let len32 = len as u32;
    let mut h = len32;
    let mut g = C1.wrapping_mul(len32);
    let mut f = g;
    let a0 = scramble32(r32(s, len - 4));
    let a1 = scramble32(r32(s, len - 8));
    let a2 = scramble32(r32(s, len - 16));
    let a3 = scramble32(r32(s, len - 12));
    let a4 = scramble32(r32(s, len - 20));
    let step = |x: u32, r: u32| x.rotate_right(r).wrapping_mul(5).wrapping_add(0xe6546b64);
    h = step(h ^ a0, 19);
    h = step(h ^ a2, 19);
    g = step(g ^ a1, 19);
    g = step(g ^ a3, 19);
    f = step(f.wrapping_add(a4), 19);

    let iters = (len - 1) / 20;
    for blk in s[..iters * 20].chunks_exact(20) {
        let blk: &[u8; 20] = blk.try_into().unwrap();
        let b0 = scramble32(r32(blk, 0));
        let b1 = r32(blk, 4);
        let b2 = scramble32(r32(blk, 8));
        let b3 = scramble32(r32(blk, 12));
        let b4 = r32(blk, 16);
        h = step(h ^ b0, 18);
        f = f.wrapping_add(b1).rotate_right(19).wrapping_mul(C1);
        g = step(g.wrapping_add(b2), 18);
        h = step(h ^ b3.wrapping_add(b1), 19);
        g = (g ^ b4).swap_bytes().wrapping_mul(5);
        h = h.wrapping_add(b4.wrapping_mul(5)).swap_bytes();
        f = f.wrapping_add(b0);
        // rotate roles: (h, f, g) <- (f, g, h)
        let t = h;
        h = f;
        f = g;
        g = t;
    }
    g = g.rotate_right(11).wrapping_mul(C1);
    g = g.rotate_right(17).wrapping_mul(C1);
    f = f.rotate_right(11).wrapping_mul(C1);
    f = f.rotate_right(17).wrapping_mul(C1);
    h = step(h.wrapping_add(g), 19);
    h = h.rotate_right(17).wrapping_mul(C1);
    h = step(h.wrapping_add(f), 19);
    h.rotate_right(17).wrapping_mul(C1)
}

// ---------------------------------------------------------------- CityHash64

const K0: u64 = 0xc3a5c85c97cb3127;
const K1: u64 = 0xb492b66fbe98f273;
const K2: u64 = 0x9ae16a3b2f90404f;
const KMUL: u64 = 0x9ddfea08eb382d69;

#[inline(always)]
fn shift_mix(v: u64) -> u64 {
    v ^ (v >> 47)
}

#[inline(always)]
fn hash_len16_mul(u: u64, v: u64, mul: u64) -> u64 {
    let a = shift_mix((u ^ v).wrapping_mul(mul));
    let b = shift_mix((v ^ a).wrapping_mul(mul));
    b.wrapping_mul(mul)
}

#[inline(always)]
fn hash_len16(u: u64, v: u64) -> u64 {
    hash_len16_mul(u, v, KMUL)
}

fn city64_len0to16(s: &[u8]) -> u64 {
    let len = s.len();
    let len64 = len as u64;
    if len >= 8 {
        let mul = K2.wrapping_add(len64.wrapping_mul(2));
        let a = r64(s, 0).wrapping_add(K2);
        let b = r64(s, len - 8);
        let c = b.rotate_right(37).wrapping_mul(mul).wrapping_add(a);
        let d = a.rotate_right(25).wrapping_add(b).wrapping_mul(mul);
        return hash_len16_mul(c, d, mul);
    }
    if len >= 4 {
        let mul = K2.wrapping_add(len64.wrapping_mul(2));
        let a = r32(s, 0) as u64;
        return hash_len16_mul(len64.wrapping_add(a << 3), r32(s, len - 4) as u64, mul);
    }
    if len > 0 {
        let a = s[0] as u32;
        let b = s[len >> 1] as u32;
        let c = s[len - 1] as u32;
        let y = a.wrapping_add(b << 8);
        let z = (len as u32).wrapping_add(c << 2);
        return shift_mix((y as u64).wrapping_mul(K2) ^ (z as u64).wrapping_mul(K0))
            .wrapping_mul(K2);
    }
    K2
}

fn city64_len17to32(s: &[u8]) -> u64 {
    let len = s.len();
    let mul = K2.wrapping_add((len as u64).wrapping_mul(2));
    let a = r64(s, 0).wrapping_mul(K1);
    let b = r64(s, 8);
    let c = r64(s, len - 8).wrapping_mul(mul);
    let d = r64(s, len - 16).wrapping_mul(K2);
    hash_len16_mul(
        a.wrapping_add(b)
            .rotate_right(43)
            .wrapping_add(c.rotate_right(30))
            .wrapping_add(d),
        a.wrapping_add(b.wrapping_add(K2).rotate_right(18))
            .wrapping_add(c),
        mul,
    )
}

fn city64_len33to64(s: &[u8]) -> u64 {
    let len = s.len();
    let mul = K2.wrapping_add((len as u64).wrapping_mul(2));
    let a = r64(s, 0).wrapping_mul(K2);
    let b = r64(s, 8);
    let c = r64(s, len - 24);
    let d = r64(s, len - 32);
    let e = r64(s, 16).wrapping_mul(K2);
    let f = r64(s, 24).wrapping_mul(9);
    let g = r64(s, len - 8);
    let h = r64(s, len - 16).wrapping_mul(mul);

    let u = a
        .wrapping_add(g)
        .rotate_right(43)
        .wrapping_add(b.rotate_right(30).wrapping_add(c).wrapping_mul(9));
    let v = ((a.wrapping_add(g)) ^ d).wrapping_add(f).wrapping_add(1);
    let w = u
        .wrapping_add(v)
        .wrapping_mul(mul)
        .swap_bytes()
        .wrapping_add(h);
    let x = e.wrapping_add(f).rotate_right(42).wrapping_add(c);
    let y = v
        .wrapping_add(w)
        .wrapping_mul(mul)
        .swap_bytes()
        .wrapping_add(g)
        .wrapping_mul(mul);
    let z = e.wrapping_add(f).wrapping_add(c);
    let a1 = x
        .wrapping_add(z)
        .wrapping_mul(mul)
        .wrapping_add(y)
        .swap_bytes()
        .wrapping_add(b);
    let b1 = shift_mix(
        z.wrapping_add(a1)
            .wrapping_mul(mul)
            .wrapping_add(d)
            .wrapping_add(h),
    )
    .wrapping_mul(mul);
    b1.wrapping_add(x)
}

/// Weak 32-byte hash with two seeds; returns (first, second).
#[inline(always)]
fn weak32(p: &[u8; 32], a: u64, b: u64) -> (u64, u64) {
    let (w, x, y, z) = (r64(p, 0), r64(p, 8), r64(p, 16), r64(p, 24));
    let mut a = a.wrapping_add(w);
    let mut b = b.wrapping_add(a).wrapping_add(z).rotate_right(21);
    let c = a;
    a = a.wrapping_add(x).wrapping_add(y);
    b = b.wrapping_add(a.rotate_right(44));
    (a.wrapping_add(z), b.wrapping_add(c))
}

#[inline(always)]
fn arr32(s: &[u8], off: usize) -> &[u8; 32] {
    s[off..off + 32].try_into().unwrap()
}

fn city64(s: &[u8]) -> u64 {
    let len = s.len();
    if len <= 32 {
        return if len <= 16 {
            city64_len0to16(s)
        } else {
            city64_len17to32(s)
        };
    }
    if len <= 64 {
        return city64_len33to64(s);
    }

    let len64 = len as u64;
    let mut x = r64(s, len - 40);
    let mut y = r64(s, len - 16).wrapping_add(r64(s, len - 56));
    let mut z = hash_len16(r64(s, len - 48).wrapping_add(len64), r64(s, len - 24));
    let mut v = weak32(arr32(s, len - 64), len64, z);
    let mut w = weak32(arr32(s, len - 32), y.wrapping_add(K1), x);
    x = x.wrapping_mul(K1).wrapping_add(r64(s, 0));

    // CityHash walks (len - 1) / 64 whole blocks from the start (at least one
    // here); the last 64 bytes were already absorbed into v/w above.
    let nblocks = (len - 1) / 64;
    for blk in s[..nblocks * 64].chunks_exact(64) {
        let blk: &[u8; 64] = blk.try_into().unwrap();
        x = x
            .wrapping_add(y)
            .wrapping_add(v.0)
            .wrapping_add(r64(blk, 8))
            .rotate_right(37)
            .wrapping_mul(K1);
        y = y
            .wrapping_add(v.1)
            .wrapping_add(r64(blk, 48))
            .rotate_right(42)
            .wrapping_mul(K1);
        x ^= w.1;
        y = y.wrapping_add(v.0).wrapping_add(r64(blk, 40));
        z = z.wrapping_add(w.0).rotate_right(33).wrapping_mul(K1);
        v = weak32(arr32(blk, 0), v.1.wrapping_mul(K1), x.wrapping_add(w.0));
        w = weak32(
            arr32(blk, 32),
            z.wrapping_add(w.1),
            y.wrapping_add(r64(blk, 16)),
        );
        std::mem::swap(&mut z, &mut x);
    }

    hash_len16(
        hash_len16(v.0, w.0)
            .wrapping_add(shift_mix(y).wrapping_mul(K1))
            .wrapping_add(z),
        hash_len16(v.1, w.1).wrapping_add(x),
    )
}

/// `Bun.hash.cityHash64(input, seed)` — CityHash64WithSeed, i.e.
/// `HashLen16(CityHash64(s) - k2, seed)`; Bun uses this form even for seed 0.
#[inline]
pub fn city_hash64(seed: u64, s: &[u8]) -> u64 {
    hash_len16(city64(s).wrapping_sub(K2), seed)
}
