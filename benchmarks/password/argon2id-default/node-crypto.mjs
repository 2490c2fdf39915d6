// Plain Node: node:crypto's argon2 (Node >= 24.7, OpenSSL) with the same parameters and a fresh salt each time.
import { argon2, randomBytes } from "node:crypto";
import { ARGON2ID_DEFAULT, PASSWORD, runHashes } from "../lib.mjs";

const { memory, passes, parallelism, tagLength, saltLength } = ARGON2ID_DEFAULT;
const hashOnce = () =>
  new Promise((resolve, reject) => {
    const parameters = { message: PASSWORD, nonce: randomBytes(saltLength), memory, passes, parallelism, tagLength };
    argon2("argon2id", parameters, (error, key) => (error ? reject(error) : resolve(key)));
  });
await runHashes(hashOnce, { count: 16 });
