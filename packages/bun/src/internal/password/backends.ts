// The argon2 and bcrypt primitives, loaded on first use. argon2 runs on
// @node-rs/argon2 (the RustCrypto crate, with SIMD: faster than both Bun and
// node:crypto here), else on Node's own crypto.argon2 (Node >= 24.7); bcrypt
// runs on @node-rs/bcrypt (the same Rust `bcrypt` crate Bun uses). Their
// async forms run on libuv's thread pool, off the event loop.
import type * as NodeRsArgon2 from "@node-rs/argon2";
import type * as NodeRsBcrypt from "@node-rs/bcrypt";
import { notImplemented } from "@dx-compat/shared/errors";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import type { Argon2Variant } from "./input.ts";

export interface Argon2Input {
  variant: Argon2Variant;
  password: Uint8Array;
  salt: Uint8Array;
  /** KiB. */
  memory: number;
  passes: number;
  parallelism: number;
  tagLength: number;
}

export interface Argon2Backend {
  readonly name: "@node-rs/argon2" | "node:crypto";
  sync(input: Argon2Input): Buffer;
  async(input: Argon2Input): Promise<Buffer>;
}

export interface BcryptInput {
  password: Uint8Array;
  salt: Uint8Array;
  cost: number;
}

export interface BcryptBackend {
  /** The `$2b$` crypt(3) string for this password, salt and cost. */
  sync(input: BcryptInput): string;
  async(input: BcryptInput): Promise<string>;
}

type NodeArgon2 = (algorithm: string, parameters: object, callback: (error: Error | null, key: Buffer) => void) => void;
type NodeArgon2Sync = (algorithm: string, parameters: object) => Buffer;

let requireHere: NodeJS.Require | undefined;

function load<T>(name: string): T | undefined {
  requireHere ??= createRequire(import.meta.url);
  try {
    return requireHere(name) as T;
  } catch {
    // No prebuilt binary for this platform: the caller falls back or explains.
    return undefined;
  }
}

// @node-rs/argon2's `Algorithm` const enum, which erasable TypeScript cannot import.
const NODE_RS_VARIANT: Record<Argon2Variant, number> = { argon2d: 0, argon2i: 1, argon2id: 2 };
const NODE_RS_VERSION_0X13 = 1;

function nodeRsArgon2(module: typeof NodeRsArgon2): Argon2Backend {
  const options = (input: Argon2Input): NodeRsArgon2.Options => ({
    algorithm: NODE_RS_VARIANT[input.variant] as NodeRsArgon2.Algorithm,
    version: NODE_RS_VERSION_0X13 as NodeRsArgon2.Version,
    memoryCost: input.memory,
    timeCost: input.passes,
    parallelism: input.parallelism,
    outputLen: input.tagLength,
    salt: input.salt,
  });
  return {
    name: "@node-rs/argon2",
    sync: (input) => module.hashRawSync(input.password, options(input)),
    async: (input) => module.hashRaw(input.password, options(input)),
  };
}

function nodeCryptoArgon2(argon2: NodeArgon2, argon2Sync: NodeArgon2Sync): Argon2Backend {
  const parameters = (input: Argon2Input): object => ({
    message: input.password,
    nonce: input.salt,
    memory: input.memory,
    passes: input.passes,
    parallelism: input.parallelism,
    tagLength: input.tagLength,
  });
  return {
    name: "node:crypto",
    sync: (input) => argon2Sync(input.variant, parameters(input)),
    async: (input) =>
      new Promise((resolve, reject) => {
        argon2(input.variant, parameters(input), (error, key) => (error ? reject(error) : resolve(key)));
      }),
  };
}

let argon2Available: Argon2Backend[] | undefined;

/** Every argon2 implementation this process can load, the preferred one first. */
export function argon2Backends(): Argon2Backend[] {
  if (argon2Available) return argon2Available;
  const backends: Argon2Backend[] = [];
  const nodeRs = load<typeof NodeRsArgon2>("@node-rs/argon2");
  if (nodeRs) backends.push(nodeRsArgon2(nodeRs));
  const { argon2, argon2Sync } = crypto as unknown as { argon2?: NodeArgon2; argon2Sync?: NodeArgon2Sync };
  if (argon2 && argon2Sync) backends.push(nodeCryptoArgon2(argon2, argon2Sync));
  argon2Available = backends;
  return backends;
}

export function argon2Backend(): Argon2Backend {
  const backend = argon2Backends()[0];
  if (!backend) throw notImplemented("Bun.password", "argon2 needs @node-rs/argon2 (no prebuilt binary loaded for this platform) or Node >= 24.7's crypto.argon2");
  return backend;
}

let bcryptLoaded: BcryptBackend | undefined;

export function bcryptBackend(): BcryptBackend {
  if (bcryptLoaded) return bcryptLoaded;
  const module = load<typeof NodeRsBcrypt>("@node-rs/bcrypt");
  if (!module) throw notImplemented("Bun.password", "bcrypt needs @node-rs/bcrypt, which has no prebuilt binary loaded for this platform");
  bcryptLoaded = {
    sync: (input) => module.hashSync(input.password, { salt: input.salt, cost: input.cost, version: "2b" }),
    async: (input) => module.hash(input.password, { salt: input.salt, cost: input.cost, version: "2b" }),
  };
  return bcryptLoaded;
}
