// Bun.spawn(["true"]) with stdout piped, read to its end, and the exit awaited;
// 16 at a time. Real Bun, and Node + dx-compat's Bun.spawn on the same file.
import { runConcurrent } from "../lib.mjs";

await runConcurrent(async () => {
  // eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
  const child = Bun.spawn(["true"], { stdout: "pipe", stderr: "inherit" });
  await new Response(child.stdout).arrayBuffer();
  return (await child.exited) === 0;
});
