// Bun and Node + dx-compat: one Bun.CryptoHasher("sha256") fed 256 MiB in 1 MiB chunks.
import { runLarge } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { CryptoHasher } = Bun;
runLarge((chunks) => {
  const hasher = new CryptoHasher("sha256");
  for (const chunk of chunks) hasher.update(chunk);
  return hasher.digest();
});
