// The digests Bun 1.4.5's CryptoHasher knows, under the names it accepts.

export type AlgorithmName = import("bun").SupportedCryptoAlgorithms;

export interface Algorithm {
  /** Bun's name for it: what `hasher.algorithm` reports. */
  readonly name: AlgorithmName;
  /** Digest size in bytes (SHAKE: Bun's fixed output, 16 and 32). */
  readonly byteLength: number;
  /** Input block size in bytes: HMAC pads its key to this. */
  readonly blockLength: number;
  /** Whether Bun builds an HMAC on it (BoringSSL has none for BLAKE2s or SHAKE). */
  readonly hmac: boolean;
  /** An extendable-output function: node:crypto needs its `outputLength` spelled out. */
  readonly xof: boolean;
}

function algorithm(name: AlgorithmName, byteLength: number, blockLength: number, hmac = true, xof = false): Algorithm {
  return { name, byteLength, blockLength, hmac, xof };
}

// In Bun's order: `CryptoHasher.algorithms` lists them so.
const table: readonly Algorithm[] = [
  algorithm("blake2b256", 32, 128),
  algorithm("blake2b512", 64, 128),
  algorithm("blake2s256", 32, 64, false),
  algorithm("md4", 16, 64),
  algorithm("md5", 16, 64),
  algorithm("ripemd160", 20, 64),
  algorithm("sha1", 20, 64),
  algorithm("sha224", 28, 64),
  algorithm("sha256", 32, 64),
  algorithm("sha384", 48, 128),
  algorithm("sha512", 64, 128),
  algorithm("sha512-224", 28, 128),
  algorithm("sha512-256", 32, 128),
  algorithm("sha3-224", 28, 144),
  algorithm("sha3-256", 32, 136),
  algorithm("sha3-384", 48, 104),
  algorithm("sha3-512", 64, 72),
  algorithm("shake128", 16, 168, false, true),
  algorithm("shake256", 32, 136, false, true),
];

// Bun's other spellings (matched, like the names, ignoring ASCII case).
const aliases: Readonly<Record<string, AlgorithmName>> = {
  rmd160: "ripemd160",
  sha128: "sha1",
  "sha-1": "sha1",
  "sha-224": "sha224",
  "sha-256": "sha256",
  "sha-384": "sha384",
  "sha-512": "sha512",
  "sha-512/224": "sha512-224",
  "sha-512_224": "sha512-224",
  "sha-512224": "sha512-224",
  "sha-512/256": "sha512-256",
  "sha-512_256": "sha512-256",
  "sha-512256": "sha512-256",
  "shake-128": "shake128",
  "shake-256": "shake256",
};

let byName: Map<string, Algorithm> | undefined;

function lookupTable(): Map<string, Algorithm> {
  if (byName === undefined) {
    byName = new Map(table.map((entry) => [entry.name, entry]));
    for (const [alias, name] of Object.entries(aliases)) byName.set(alias, byName.get(name)!);
  }
  return byName;
}

/** ASCII-only lower case: Bun compares names byte-wise, so "\u212A" (Kelvin sign) is not "k". */
export function asciiLower(name: string): string {
  return /[A-Z]/.test(name) ? name.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : name;
}

/** The algorithm Bun means by `name`, or undefined when Bun knows no such digest. */
export function findAlgorithm(name: string): Algorithm | undefined {
  const names = lookupTable();
  return names.get(name) ?? names.get(asciiLower(name));
}

/** Bun's names, in Bun's order (a fresh array each time, as `CryptoHasher.algorithms` gives). */
export function algorithmNames(): AlgorithmName[] {
  return table.map((entry) => entry.name);
}

/** Bun's table entry for one of its own names. */
export function algorithmNamed(name: AlgorithmName): Algorithm {
  return lookupTable().get(name)!;
}
