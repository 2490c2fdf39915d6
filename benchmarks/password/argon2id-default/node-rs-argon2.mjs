// The npm alternative: @node-rs/argon2 (RustCrypto argon2) with the same parameters, PHC output.
import { hash } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import { ARGON2ID_DEFAULT, PASSWORD, runHashes } from "../lib.mjs";

const { memory, passes, parallelism, tagLength, saltLength } = ARGON2ID_DEFAULT;
// Algorithm.Argon2id = 2 (a const enum in its typings).
const options = () => ({ algorithm: 2, memoryCost: memory, timeCost: passes, parallelism, outputLen: tagLength, salt: randomBytes(saltLength) });
await runHashes(() => hash(PASSWORD, options()), { count: 16 });
