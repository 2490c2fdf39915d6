export { backend } from "./backend.ts";
export { hashFunctions, type HashAlgorithm, type HashBinding, type HashInput } from "./hash.ts";
export { readFile, readFileSync } from "./read-file.ts";
export { mmap, type MmapOptions } from "./mmap.ts";
export { readSmallFileSync } from "./read-small-file-sync.ts";
export { spawnSync, type ResourceUsage, type SpawnSyncOutcome, type SpawnSyncRequest } from "./spawn-sync.ts";
export { which } from "./which.ts";
export { spawn, type ChildStreams, type ExitCallback, type SpawnRequest } from "./spawn.ts";
export { ptyGetFlags, ptyOpen, ptyResize, ptySetFlag, ptySetRawMode, ptySupported, type PtyPair } from "./pty.ts";
