// Bun and Node + dx-compat (native addon, or its TypeScript twin with DX_COMPAT_NATIVE=0): Bun.hash (wyhash) on 64 MiB.
import { runLarge } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { hash } = Bun;
runLarge((input) => hash(input), { rounds: process.env.DX_COMPAT_NATIVE === "0" ? 2 : 16 });
