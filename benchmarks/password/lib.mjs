// The password workloads' shared loop: `count` hashes, one after another (one
// in flight, as a login handler awaits its hash), after `warmup` untimed ones.
// ops counts hashes. Each result's length goes to stderr so none is skipped.

export const PASSWORD = "correct horse battery staple";

/** Bun's default argon2id: 64 MiB, 2 passes, 1 lane, 32-byte salt and hash. */
export const ARGON2ID_DEFAULT = { memory: 65_536, passes: 2, parallelism: 1, tagLength: 32, saltLength: 32 };

/** Bun's default bcrypt cost. */
export const BCRYPT_DEFAULT_COST = 10;

export async function runHashes(hashOnce, { count, warmup = 2 }) {
  for (let i = 0; i < warmup; i++) await hashOnce();
  let check = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) check += (await hashOnce()).length;
  const ms = performance.now() - start;
  process.stderr.write(`check ${check}\n`);
  console.log(JSON.stringify({ ops: count, ms }));
}
