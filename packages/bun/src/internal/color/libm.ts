// Single-precision powf, sinf, cosf and atan2f as glibc 2.36 computes them
// (Bun calls the system libm for these): powf, sinf and cosf are ARM's
// optimized routines (double-precision kernels), atan2f is fdlibm's, in
// float arithmetic. Their last bits differ from Math.pow/cos/atan2 rounded
// to f32 often enough to show in Bun.color's printed digits. The constants
// are the C sources' hexadecimal floats, given here by bit pattern.

const f = Math.fround;

interface SinCosTable {
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
}

/** A double from its bit pattern (the C source's hexadecimal float constants). */
function double(bitsText: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(bitsText));
  return view.getFloat64(0);
}

const S1 = double("0xbfc555545995a603");
const S2 = double("0x3f81107605230bc4");
const S3 = double("0xbf2994eb3774cf24");
const C1 = double("0xbfdffffffd0c621c");
const C2 = double("0x3fa55553e1068f19");
const C3 = double("0xbf56c087e89a359d");
const C4 = double("0x3ef99343027bf8c3");
const COS_TABLE: SinCosTable = { c0: 1, c1: C1, c2: C2, c3: C3, c4: C4 };
const NEG_COS_TABLE: SinCosTable = { c0: -1, c1: -C1, c2: -C2, c3: -C3, c4: -C4 };
const SIGN = [1, -1, -1, 1];
const HPI_INV = double("0x41645f306dc9c883");
const HPI = double("0x3ff921fb54442d18");

const scratch = new DataView(new ArrayBuffer(4));

function bits(value: number): number {
  scratch.setFloat32(0, value);
  return scratch.getUint32(0);
}

function fromBits(value: number): number {
  scratch.setUint32(0, value >>> 0);
  return scratch.getFloat32(0);
}

function abstop12(value: number): number {
  return (bits(value) >>> 20) & 0x7ff;
}

const TOP_PIO4 = abstop12(fromBits(0x3f490fdb));
const TOP_TINY = abstop12(2 ** -12);
const TOP_120 = abstop12(120);

function sinfPoly(x: number, x2: number, table: SinCosTable, n: number): number {
  if ((n & 1) === 0) {
    const x3 = x * x2;
    const s1 = S2 + x2 * S3;
    const x7 = x3 * x2;
    const s = x + x3 * S1;
    return f(s + x7 * s1);
  }
  const x4 = x2 * x2;
  const c2 = table.c3 + x2 * table.c4;
  const c1 = table.c0 + x2 * table.c1;
  const x6 = x4 * x2;
  const c = c1 + x4 * table.c2;
  return f(c + x6 * c2);
}

function reduce(x: number): [number, number] {
  const r = x * HPI_INV;
  const n = ((Math.trunc(r) | 0) + 0x800000) >> 24;
  return [x - n * HPI, n];
}

export function cosf(y: number): number {
  const top = abstop12(y);
  if (top < TOP_PIO4) {
    if (top < TOP_TINY) return 1;
    return sinfPoly(y, y * y, COS_TABLE, 1);
  }
  if (top < TOP_120) {
    const [x, n] = reduce(y);
    const s = SIGN[n & 3]!;
    return sinfPoly(x * s, x * x, n & 2 ? NEG_COS_TABLE : COS_TABLE, n ^ 1);
  }
  return f(Math.cos(y));
}

export function sinf(y: number): number {
  const top = abstop12(y);
  if (top < TOP_PIO4) {
    if (top < TOP_TINY) return y;
    return sinfPoly(y, y * y, COS_TABLE, 0);
  }
  if (top < TOP_120) {
    const [x, n] = reduce(y);
    const s = SIGN[n & 3]!;
    return sinfPoly(x * s, x * x, n & 2 ? NEG_COS_TABLE : COS_TABLE, n);
  }
  return f(Math.sin(y));
}

const ATAN_HI = [4.6364760399e-1, 7.8539812565e-1, 9.8279368877e-1, 1.5707962513].map(f);
const ATAN_LO = [5.012158244e-9, 3.7748947079e-8, 3.447321717e-8, 7.5497894159e-8].map(f);
const AT = [3.3333334327e-1, -2.0000000298e-1, 1.4285714924e-1, -1.1111110449e-1, 9.0908870101e-2, -7.6918758452e-2, 6.6610731184e-2, -5.8335702866e-2, 4.9768779427e-2, -3.6531571299e-2, 1.6285819933e-2].map(f);

function atanf(input: number): number {
  let x = input;
  const hx = bits(x) | 0;
  const ix = hx & 0x7fffffff;
  let id: number;
  if (ix >= 0x4c000000) {
    if (ix > 0x7f800000) return x + x;
    return hx > 0 ? f(ATAN_HI[3]! + ATAN_LO[3]!) : f(-ATAN_HI[3]! - ATAN_LO[3]!);
  }
  if (ix < 0x3ee00000) {
    if (ix < 0x31000000) return x;
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3f980000) {
      if (ix < 0x3f300000) {
        id = 0;
        x = f(f(f(2 * x) - 1) / f(2 + x));
      } else {
        id = 1;
        x = f(f(x - 1) / f(x + 1));
      }
    } else if (ix < 0x401c0000) {
      id = 2;
      x = f(f(x - 1.5) / f(1 + f(1.5 * x)));
    } else {
      id = 3;
      x = f(-1 / x);
    }
  }
  const z = f(x * x);
  const w = f(z * z);
  const s1 = f(z * f(AT[0]! + f(w * f(AT[2]! + f(w * f(AT[4]! + f(w * f(AT[6]! + f(w * f(AT[8]! + f(w * AT[10]!)))))))))));
  const s2 = f(w * f(AT[1]! + f(w * f(AT[3]! + f(w * f(AT[5]! + f(w * f(AT[7]! + f(w * AT[9]!)))))))));
  if (id < 0) return f(x - f(x * f(s1 + s2)));
  const result = f(ATAN_HI[id]! - f(f(f(x * f(s1 + s2)) - ATAN_LO[id]!) - x));
  return hx < 0 ? -result : result;
}

const PI = fromBits(0x40490fdb);
const PI_O_2 = fromBits(0x3fc90fdb);
const PI_LO = fromBits(0xb3bbbd2e);

export function atan2f(y: number, x: number): number {
  const hx = bits(x) | 0;
  const ix = hx & 0x7fffffff;
  const hy = bits(y) | 0;
  const iy = hy & 0x7fffffff;
  if (ix > 0x7f800000 || iy > 0x7f800000) return x + y;
  if (hx === 0x3f800000) return atanf(y);
  const m = ((hy >>> 31) & 1) | ((hx >>> 30) & 2);
  if (iy === 0) {
    if (m < 2) return y;
    return m === 2 ? PI : -PI;
  }
  if (ix === 0) return hy < 0 ? -PI_O_2 : PI_O_2;
  if (ix === 0x7f800000 || iy === 0x7f800000) return f(Math.atan2(y, x));
  const k = (iy - ix) >> 23;
  let z: number;
  if (k > 60) z = f(PI_O_2 + f(0.5 * PI_LO));
  else if (hx < 0 && k < -60) z = 0;
  else z = atanf(Math.abs(f(y / x)));
  switch (m) {
    case 0:
      return z;
    case 1:
      return -z;
    case 2:
      return f(PI - f(z - PI_LO));
    default:
      return f(f(z - PI_LO) - PI);
  }
}

// powf: log2(x) from a 16-entry table and a degree-5 polynomial, then
// exp2(y·log2 x) from a 32-entry table and a cubic.
const LOG2_INVC = ["0x3ff661ec79f8f3be", "0x3ff571ed4aaf883d", "0x3ff49539f0f010b0", "0x3ff3c995b0b80385", "0x3ff30d190c8864a5", "0x3ff25e227b0b8ea0", "0x3ff1bb4a4a1a343f", "0x3ff12358f08ae5ba", "0x3ff0953f419900a7", "0x3ff0000000000000", "0x3fee608cfd9a47ac", "0x3feca4b31f026aa0", "0x3feb2036576afce6", "0x3fe9c2d163a1aa2d", "0x3fe886e6037841ed", "0x3fe767dcf5534862"].map(double);
const LOG2_LOGC = ["0xbfdefec65b963019", "0xbfdb0b6832d4fca4", "0xbfd7418b0a1fb77b", "0xbfd39de91a6dcf7b", "0xbfd01d9bf3f2b631", "0xbfc97c1d1b3b7af0", "0xbfc2f9e393af3c9f", "0xbfb960cbbf788d5c", "0xbfaa6f9db6475fce", "0x0000000000000000", "0x3fb338ca9f24f53d", "0x3fc476a9543891ba", "0x3fce840b4ac4e4d2", "0x3fd40645f0c6651c", "0x3fd88e9c2c1b9ff8", "0x3fdce0a44eb17bcc"].map(double);
const LOG2_POLY = ["0x3fd27616c9496e0b", "0xbfd71969a075c67a", "0x3fdec70a6ca7badd", "0xbfe7154748bef6c8", "0x3ff71547652ab82b"].map(double);
const EXP2_TABLE = ["0x3ff0000000000000", "0x3fefd9b0d3158574", "0x3fefb5586cf9890f", "0x3fef9301d0125b51", "0x3fef72b83c7d517b", "0x3fef54873168b9aa", "0x3fef387a6e756238", "0x3fef1e9df51fdee1", "0x3fef06fe0a31b715", "0x3feef1a7373aa9cb", "0x3feedea64c123422", "0x3feece086061892d", "0x3feebfdad5362a27", "0x3feeb42b569d4f82", "0x3feeab07dd485429", "0x3feea47eb03a5585", "0x3feea09e667f3bcd", "0x3fee9f75e8ec5f74", "0x3feea11473eb0187", "0x3feea589994cce13", "0x3feeace5422aa0db", "0x3feeb737b0cdc5e5", "0x3feec49182a3f090", "0x3feed503b23e255d", "0x3feee89f995ad3ad", "0x3feeff76f2fb5e47", "0x3fef199bdd85529c", "0x3fef3720dcef9069", "0x3fef5818dcfba487", "0x3fef7c97337b9b5f", "0x3fefa4afa2a490da", "0x3fefd0765b6e4540"].map((text, i) => double(`0x${(BigInt(text) + (BigInt(i) << 47n)).toString(16)}`));
const EXP2_POLY = ["0x3fac6af84b912394", "0x3fcebfce50fac4f3", "0x3fe62e42ff0c52d6"].map(double);
const EXP2_SHIFT = 1.5 * 2 ** 47;

function log2Kernel(ix: number): number {
  const tmp = (ix - 0x3f330000) >>> 0;
  const i = (tmp >>> 19) % 16;
  const top = (tmp & 0xff800000) >>> 0;
  const iz = (ix - top) >>> 0;
  const k = (top | 0) >> 23;
  const z = fromBits(iz);
  const r = z * LOG2_INVC[i]! - 1;
  const y0 = LOG2_LOGC[i]! + k;
  const r2 = r * r;
  const y = LOG2_POLY[0]! * r + LOG2_POLY[1]!;
  const p = LOG2_POLY[2]! * r + LOG2_POLY[3]!;
  const r4 = r2 * r2;
  let q = LOG2_POLY[4]! * r + y0;
  q = p * r2 + q;
  return y * r4 + q;
}

function exp2Kernel(xd: number): number {
  // Rounds xd·32 to an integer k (ties to even), as adding the shift does.
  const kd = xd + EXP2_SHIFT - EXP2_SHIFT;
  const k = Math.round(kd * 32);
  const r = xd - kd;
  const index = ((k % 32) + 32) % 32;
  const s = EXP2_TABLE[index]! * 2 ** ((k - index) / 32);
  const z = EXP2_POLY[0]! * r + EXP2_POLY[1]!;
  const r2 = r * r;
  let y = EXP2_POLY[2]! * r + 1;
  y = z * r2 + y;
  return f(y * s);
}

/** glibc's powf (finite arguments; infinities and NaN as Math.pow). */
export function powf(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return f(x ** y);
  if (x === 0) return f(x ** y);
  if (x < 0) {
    if (!Number.isInteger(y)) return Number.NaN;
    const magnitude = powf(-x, y);
    return y % 2 === 0 ? magnitude : -magnitude;
  }
  let ix = bits(x);
  if (ix < 0x00800000) ix = ((bits(f(x * 2 ** 23)) & 0x7fffffff) - (23 << 23)) >>> 0;
  const ylogx = y * log2Kernel(ix);
  if (ylogx > 127.99999995700433) return Number.POSITIVE_INFINITY;
  if (ylogx <= -150) return 0;
  return exp2Kernel(ylogx);
}
