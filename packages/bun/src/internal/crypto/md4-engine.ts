// MD4 (RFC 1320). OpenSSL 3 moved MD4 to its legacy provider, which Node does
// not load, and no maintained synchronous MD4 exists on npm; so the round
// function is written here, on @noble/hashes' Merkle–Damgård base, which does
// the buffering, padding, 64-bit length and cloning.
import type { HashMD } from "@noble/hashes/_md.js";
import type { Hash } from "@noble/hashes/utils.js";

type HashMDBase = typeof HashMD;

/** A running MD4, as noble's hashes run: update, digest, clone. */
type Md4Hash = Hash<Md4Hash>;

const blockWords = new Uint32Array(16);

// Message word order and rotations of rounds 2 and 3 (round 1 takes words in order).
const round2Order = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
const round3Order = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
const shifts = [
  [3, 7, 11, 19],
  [3, 5, 9, 13],
  [3, 9, 11, 15],
];

function rotl(word: number, shift: number): number {
  return (word << shift) | (word >>> (32 - shift));
}

/** One round step's mix of b, c, d plus the round constant. */
function mix(step: number, b: number, c: number, d: number): number {
  if (step < 16) return (b & c) | (~b & d);
  if (step < 32) return ((b & c) | (b & d) | (c & d)) + 0x5a82_7999;
  return (b ^ c ^ d) + 0x6ed9_eba1;
}

function wordIndex(step: number): number {
  if (step < 16) return step;
  return step < 32 ? round2Order[step - 16]! : round3Order[step - 32]!;
}

function defineMd4(Base: HashMDBase): new () => Md4Hash {
  return class Md4 extends Base<Md4> {
    private a = 0x6745_2301;
    private b = 0xefcd_ab89 | 0;
    private c = 0x98ba_dcfe | 0;
    private d = 0x1032_5476;

    constructor() {
      super(64, 16, 8, true);
    }

    protected get(): number[] {
      return [this.a, this.b, this.c, this.d];
    }

    protected set(a: number, b: number, c: number, d: number): void {
      this.a = a | 0;
      this.b = b | 0;
      this.c = c | 0;
      this.d = d | 0;
    }

    protected process(view: DataView, offset: number): void {
      for (let i = 0; i < 16; i++) blockWords[i] = view.getUint32(offset + i * 4, true);
      let { a, b, c, d } = this;
      for (let step = 0; step < 48; step++) {
        const shift = shifts[step >> 4]![step & 3]!;
        const updated = rotl((a + mix(step, b, c, d) + blockWords[wordIndex(step)]!) | 0, shift);
        // Registers turn one place each step: a <- d <- c <- b <- updated.
        a = d;
        d = c;
        c = b;
        b = updated;
      }
      this.set(this.a + a, this.b + b, this.c + c, this.d + d);
    }

    protected roundClean(): void {
      blockWords.fill(0);
    }

    _cloneInto(to?: Md4): Md4 {
      const target = to ?? new Md4();
      target.set(this.a, this.b, this.c, this.d);
      return this._cloneIntoMeta(target);
    }

    destroy(): void {
      this.destroyed = true;
      this.set(0, 0, 0, 0);
      this.buffer.fill(0);
    }
  };
}

let Md4: (new () => Md4Hash) | undefined;

/** A new running MD4; `load` is the caller's `require`, which brings in @noble/hashes on first use. */
export function createMd4(load: (id: string) => unknown): Md4Hash {
  Md4 ??= defineMd4((load("@noble/hashes/_md.js") as { HashMD: HashMDBase }).HashMD);
  return new Md4();
}
