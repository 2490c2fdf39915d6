// Bun.password in process: formats, round trips, bcrypt's 72-byte rule, the
// event loop staying free, the argon2 backends agreeing, and what Node cannot
// verify. (Exactness against real Bun: password.differential.test.ts.)
import fc from "fast-check";
import { createHash } from "node:crypto";
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { password } from "../src/index.ts";
import { argon2Backends } from "../src/internal/password/backends.ts";

const cheapArgon2 = (algorithm: "argon2id" | "argon2i" | "argon2d") => ({ algorithm, memoryCost: 8, timeCost: 1 });
const cheapBcrypt = { algorithm: "bcrypt", cost: 4 } as const;
const cheapAlgorithms = [cheapArgon2("argon2id"), cheapArgon2("argon2i"), cheapArgon2("argon2d"), cheapBcrypt];

/** Any password Bun accepts: unicode (lone surrogates too), NUL bytes, past 72 bytes, or raw bytes. */
const anyPassword: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), minLength: 1, maxLength: 100 }),
  fc.uint8Array({ minLength: 1, maxLength: 120 }),
);

function differentFrom(original: string | Uint8Array): string | Uint8Array {
  return typeof original === "string" ? `${original}x` : Uint8Array.from([...original, 0]);
}

function errorOf(action: () => unknown): { name: string; message: string; code: unknown; own: boolean; text: string } {
  try {
    action();
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { name: e.name, message: e.message, code: e.code, own: Object.hasOwn(e, "code"), text: String(e) };
  }
  throw new Error("expected a throw");
}

describe("password", () => {
  it("writes Bun's formats: PHC for argon2 (32-byte salt and hash), $2b$ for bcrypt", () => {
    const b64 = "[A-Za-z0-9+/]{43}";
    expect(password.hashSync("hello")).toMatch(new RegExp(`^\\$argon2id\\$v=19\\$m=65536,t=2,p=1\\$${b64}\\$${b64}$`));
    expect(password.hashSync("hello", { algorithm: "argon2d", memoryCost: 16, timeCost: 3 })).toMatch(new RegExp(`^\\$argon2d\\$v=19\\$m=16,t=3,p=1\\$${b64}\\$${b64}$`));
    expect(password.hashSync("hello", "bcrypt")).toMatch(/^\$2b\$10\$[./A-Za-z0-9]{53}$/);
    expect(password.hashSync("hello", { algorithm: "bcrypt", cost: 5 })).toMatch(/^\$2b\$05\$[./A-Za-z0-9]{53}$/);
    // A fresh salt every time.
    expect(password.hashSync("hello", cheapBcrypt)).not.toBe(password.hashSync("hello", cheapBcrypt));
  });

  it("verifies what it hashed, and nothing else (any password, every algorithm, sync and async)", async () => {
    await fc.assert(
      fc.asyncProperty(anyPassword, fc.constantFrom(...cheapAlgorithms), fc.boolean(), async (secret, algorithm, async) => {
        const hashed = async ? await password.hash(secret, algorithm) : password.hashSync(secret, algorithm);
        expect(password.verifySync(secret, hashed)).toBe(true);
        expect(await password.verify(secret, hashed, algorithm.algorithm)).toBe(true);
        expect(password.verifySync(differentFrom(secret), hashed)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it("reads a string as its UTF-8 bytes, whatever view holds them", () => {
    const hashed = password.hashSync("pässword", cheapArgon2("argon2id"));
    const bytes = Buffer.from("pässword");
    const views = [bytes, new Uint8Array(bytes), new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)];
    for (const view of views) {
      // bun-types leaves DataView out of StringOrBuffer; Bun takes any ArrayBufferView.
      expect(password.verifySync(view as Uint8Array, hashed)).toBe(true);
    }
    // A lone surrogate is encoded as U+FFFD, as TextEncoder does.
    expect(password.verifySync(new Uint8Array([0xef, 0xbf, 0xbd]), password.hashSync("\ud800", cheapBcrypt))).toBe(true);
  });

  describe("bcrypt's 72-byte limit, as Bun applies it", () => {
    it("keeps every byte up to 72, NUL included", () => {
      const seventyTwo = "a".repeat(71);
      const hashed = password.hashSync(`${seventyTwo}b`, cheapBcrypt);
      expect(password.verifySync(`${seventyTwo}c`, hashed)).toBe(false);
      expect(password.verifySync("a", password.hashSync("a\u0000", cheapBcrypt))).toBe(false);
    });

    it("hashes a longer password's SHA-512 digest instead of cutting it", () => {
      const long = "x".repeat(72);
      const hashed = password.hashSync(`${long}1`, cheapBcrypt);
      // Plain bcrypt would accept any password sharing the first 72 bytes.
      expect(password.verifySync(`${long}2`, hashed)).toBe(false);
      expect(password.verifySync(createHash("sha512").update(`${long}1`).digest(), hashed)).toBe(true);
    });

    it("verifies the long-password hash Bun 1.2.4 made (from Bun's own tests)", () => {
      expect(password.verifySync("hello".repeat(100), "$2b$10$PsJ3/W82mzNJoP0rSblfvet2ab9jZg2aH7tIxr1B8uFLJwuWk/jTi")).toBe(true);
    });
  });

  it("verifies published reference hashes: the argon2 reference CLI, OpenBSD bcrypt, Bun's PHC-form bcrypt", () => {
    expect(password.verifySync("password", "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG")).toBe(true);
    expect(password.verifySync("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")).toBe(true);
    expect(password.verifySync("pw", "$bcrypt$r=4$AQMjfxOJxh56OHmHXvRMBw$pOEN04p167ZD9MnIK/OBUdguSoHoFzM")).toBe(true);
  });

  it("reads the algorithm from the hash; a named argon2 variant is not checked, bcrypt is", async () => {
    const argon = password.hashSync("pw", cheapArgon2("argon2i"));
    const bcrypt = password.hashSync("pw", cheapBcrypt);
    expect(password.verifySync("pw", argon, "argon2id")).toBe(true);
    expect(password.verifySync("pw", argon, "bcrypt")).toBe(false);
    expect(errorOf(() => password.verifySync("pw", bcrypt, "argon2id"))).toMatchObject({ code: "PASSWORD_INVALID_ENCODING", own: true });
    await expect(password.verify("pw", bcrypt, "argon2id")).rejects.toMatchObject({ message: 'Password verification failed with error "InvalidEncoding"' });
    expect(errorOf(() => password.verifySync("pw", "plain text"))).toMatchObject({ code: "PASSWORD_UNSUPPORTED_ALGORITHM", text: 'Error: Password verification failed with error "UnsupportedAlgorithm"' });
    expect(password.verifySync("", argon)).toBe(false);
    expect(await password.verify("pw", "")).toBe(false);
  });

  it("throws argument errors as Bun's native ones, from the async forms too", () => {
    expect(errorOf(() => password.hash(""))).toEqual({
      name: "TypeError",
      message: "password must not be empty",
      code: "ERR_INVALID_ARG_TYPE",
      own: false,
      text: "TypeError [ERR_INVALID_ARG_TYPE]: password must not be empty",
    });
    expect(errorOf(() => password.hash("pw", { algorithm: "bcrypt", cost: 3 })).message).toBe("Rounds must be an integer between 4 and 31");
    expect(errorOf(() => password.verify("pw", "$2b$", 5 as never)).message).toBe("algorithm must be a string");
    expect(() => password.hashSync(5 as never)).toThrow(TypeError);
  });

  it("keeps the event loop turning while hash() and verify() work", async () => {
    const ticksDuring = async (work: Promise<unknown>): Promise<number> => {
      let done = false;
      void work.finally(() => (done = true));
      let ticks = 0;
      while (!done) {
        await new Promise((resolve) => setImmediate(resolve));
        ticks++;
      }
      await work;
      return ticks;
    };
    // 64 MiB argon2id and bcrypt cost 10: tens of milliseconds each, on the thread pool.
    expect(await ticksDuring(password.hash("hello"))).toBeGreaterThan(10);
    expect(await ticksDuring(password.hash("hello", "bcrypt"))).toBeGreaterThan(10);
    const hashed = password.hashSync("hello");
    expect(await ticksDuring(password.verify("hello", hashed))).toBeGreaterThan(10);
    // The sync form, by contrast, holds the loop: no immediate runs until it returns.
    let ran = false;
    setImmediate(() => (ran = true));
    password.hashSync("hello");
    expect(ran).toBe(false);
  });

  it("computes the same argon2 with every backend this Node has (@node-rs/argon2, node:crypto on Node >= 24.7)", () => {
    const backends = argon2Backends();
    expect(backends.map((b) => b.name)).toEqual(typeof (crypto as { argon2?: unknown }).argon2 === "function" ? ["@node-rs/argon2", "node:crypto"] : ["@node-rs/argon2"]);
    fc.assert(
      fc.property(
        fc.record({
          variant: fc.constantFrom("argon2id" as const, "argon2i" as const, "argon2d" as const),
          password: fc.uint8Array({ maxLength: 100 }),
          salt: fc.uint8Array({ minLength: 8, maxLength: 64 }),
          parallelism: fc.integer({ min: 1, max: 4 }),
          extra: fc.integer({ min: 0, max: 40 }),
          passes: fc.integer({ min: 1, max: 3 }),
          tagLength: fc.integer({ min: 4, max: 100 }),
        }),
        ({ extra, ...input }) => {
          const full = { ...input, memory: 8 * input.parallelism + extra };
          const outputs = backends.map((backend) => backend.sync(full).toString("hex"));
          expect(new Set(outputs).size).toBe(1);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("says plainly that it cannot verify argon2 hashes with m below 8 KiB per lane (Bun < 1.4 made them)", async () => {
    // From Bun's own tests: made by Bun 1.3.14 with memoryCost 4, which Bun 1.4.5 still verifies.
    const legacy = "$argon2id$v=19$m=4,t=1,p=1$jaFm03353WIBtbqnvp4hx6Pd0Pk2keYfomedORTs6bI$Q+62iWiDQhCP3VFQvnMnGptmDAHFQGqY3d/dmRcGVOw";
    expect(errorOf(() => password.verifySync("hello", legacy))).toMatchObject({
      code: "ERR_DX_COMPAT_NOT_IMPLEMENTED",
      message: expect.stringContaining("[dx-compat] Bun.password.verify: cannot verify an argon2 hash whose memory cost (m=4)"),
    });
    await expect(password.verify("hello", legacy)).rejects.toMatchObject({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" });
    // Bun refuses to make new ones, and so do we.
    expect(() => password.hashSync("hello", { algorithm: "argon2id", memoryCost: 4 })).toThrow("Memory cost must be at least 8");
  });
});
