// Bun and Node + dx-compat: a new Bun.CryptoHasher("sha256") per 1 KiB input.
import { runSmall } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { CryptoHasher } = Bun;
runSmall((bytes) => new CryptoHasher("sha256").update(bytes).digest());
