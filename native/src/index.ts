export { backend } from "./backend.ts";
export {
  DIGEST_AT,
  DIGEST_STATE_BYTES,
  DIGEST_STEP_FINISH,
  DIGEST_STEP_START,
  hostDigest,
  type DigestAlgorithm,
  type HostDigest,
} from "./digest.ts";
export { hashFunctions, type HashAlgorithm, type HashBinding, type HashInput } from "./hash.ts";
export { DEFLATE_BLOCK, hostDeflate, type DeflateSettings, type HostDeflate } from "./deflate.ts";
export { hostInflate, type HostInflate, type InflateOutcome } from "./inflate.ts";
export { listDirectory, type DirectoryListing } from "./list-directory.ts";
export { readFile, readFileSync } from "./read-file.ts";
export { mmap, type MmapOptions } from "./mmap.ts";
export { readSmallFileSync } from "./read-small-file-sync.ts";
export { spawnSync, type ResourceUsage, type SpawnSyncOutcome, type SpawnSyncRequest } from "./spawn-sync.ts";
export { which } from "./which.ts";
export { socketPair, type SocketPair } from "./socket-pair.ts";
export { launchEnvironment } from "./launch-environment.ts";
export { spawn, type ChildStreams, type Collected, type ExitCallback, type SpawnRequest } from "./spawn.ts";
export { ptyGetFlags, ptyOpen, ptyResize, ptySetFlag, ptySetRawMode, ptySupported, type PtyPair } from "./pty.ts";
export {
  sqliteAttach,
  sqliteDetach,
  sqliteFileControl,
  sqliteLastError,
  sqliteUpdateHook,
  type SqliteConnection,
  type SqliteUpdateDispatch,
} from "./sqlite-extension.ts";
export { SqliteRows, type SqliteObjectMaker, type SqliteStatement } from "./sqlite-rows.ts";
