// Bun's `Encoding.fromJS`: the Node buffer encodings, named case-insensitively
// (Bun 1.4.5 knows "utf16le" but not "utf-16le").
// Bun's UUID functions accept every one of them (their error message only
// lists four), turning the 16 UUID bytes into that encoding.

export type BunEncoding = "utf8" | "ucs2" | "latin1" | "ascii" | "base64" | "base64url" | "hex" | "buffer";

const encodings: Readonly<Record<string, BunEncoding>> = {
  utf8: "utf8",
  "utf-8": "utf8",
  ucs2: "ucs2",
  "ucs-2": "ucs2",
  utf16le: "ucs2",
  latin1: "latin1",
  binary: "latin1",
  ascii: "ascii",
  base64: "base64",
  base64url: "base64url",
  hex: "hex",
  buffer: "buffer",
};

/** The encoding a name stands for, or undefined. */
export function parseEncoding(name: string): BunEncoding | undefined {
  return Object.hasOwn(encodings, name.toLowerCase()) ? encodings[name.toLowerCase()] : undefined;
}
