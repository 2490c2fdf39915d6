// Plain Node: one crypto.createHash("sha256") fed the same chunks.
import { createHash } from "node:crypto";
import { runLarge } from "../lib.mjs";

runLarge((chunks) => {
  const hasher = createHash("sha256");
  for (const chunk of chunks) hasher.update(chunk);
  return hasher.digest();
});
