// The one contract both backends implement: the Rust addon (rust/lib.rs) and
// the TypeScript twin (./twin/index.ts). Arguments arrive normalised by the
// caller: seeds as unsigned 32-bit halves, inputs as a string (hashed as UTF-8)
// or a TypedArray (hashed as its bytes).

export type HashInput = string | NodeJS.TypedArray;

export interface HashBinding {
  wyhash(input: HashInput, seedLo?: number, seedHi?: number): bigint;
  adler32(input: HashInput): number;
  /** Bun 1.4.5 seeds crc32 with a running CRC (zlib's `crc32(seed, bytes)`). */
  crc32(input: HashInput, seedLo?: number): number;
  cityHash32(input: HashInput): number;
  cityHash64(input: HashInput, seedLo?: number, seedHi?: number): bigint;
  xxHash32(input: HashInput, seedLo?: number): number;
  xxHash64(input: HashInput, seedLo?: number, seedHi?: number): bigint;
  /** Bun truncates xxHash3's seed to 32 bits, so only the low half counts. */
  xxHash3(input: HashInput, seedLo?: number): bigint;
  murmur32v2(input: HashInput, seedLo?: number): number;
  murmur32v3(input: HashInput, seedLo?: number): number;
  murmur64v2(input: HashInput, seedLo?: number, seedHi?: number): bigint;
  rapidhash(input: HashInput, seedLo?: number, seedHi?: number): bigint;
}

export type HashAlgorithm = keyof HashBinding;

/**
 * A read either gives the file's bytes or a failure code, `errno * 4 +
 * syscall` (0 = open, 1 = read), from which the caller builds the error Node's
 * `fs` would throw (see ./file-error.ts).
 */
type ReadOutcome = Buffer | number;

export interface FileBinding {
  readFileSync(path: string): ReadOutcome;
  /**
   * With `smallerThan`, reads only a regular file of fewer bytes and gives
   * `undefined` for anything else (larger, a FIFO, a device), having done no
   * more than `open` and `fstat`.
   */
  readFileSync(path: string, smallerThan: number): ReadOutcome | undefined;
  readFile(path: string): Promise<ReadOutcome>;
}

/**
 * One process run to completion (`Bun.spawnSync`'s engine). Everything arrives
 * resolved and numeric: the caller does the PATH lookup, turns Bun's stdio
 * names into the numbers below, and builds Bun-shaped errors from `errno`.
 * Strings must not contain NUL (a request with one fails with EINVAL).
 */
export interface SpawnSyncRequest {
  /** The executable's path, already resolved by the caller (no PATH lookup here). */
  file: string;
  /** The whole argv, argv[0] included; argv[0] may differ from `file` (Bun's `argv0`). */
  argv: string[];
  /**
   * The child's whole environment as "KEY=value" entries; null: this
   * process's environment as it is (main thread only: a worker's
   * `process.env` is its own copy); "launch": the one it started with
   * (`launchEnvironment()`), which the addon keeps, so no strings cross.
   */
  env: string[] | null | "launch";
  /** The child's working directory; "" inherits the parent's. */
  cwd: string;
  /** -1: /dev/null; an fd >= 0: that fd becomes the child's 0; bytes: a pipe fed with them, then closed. */
  stdin: number | Uint8Array;
  /** -1: /dev/null; -2 (or -3): captured into a Buffer; an fd >= 0: that fd becomes the child's 1. */
  stdout: number;
  /** As `stdout`, for the child's 2. */
  stderr: number;
  /** Milliseconds before `killSignal` is sent; 0: no limit. */
  timeoutMs: number;
  /** The signal number sent on timeout or when `maxBuffer` is exceeded (Bun's default is SIGTERM, 15). */
  killSignal: number;
  /**
   * Bytes a captured stream may hold; 0: unlimited. When one exceeds it the
   * child gets `killSignal` (as Bun; the bytes read so far are kept, so a
   * stream may end up somewhat longer than the limit).
   */
  maxBuffer: number;
}

/** The child's `rusage` from `wait4`, shaped as Bun's `ResourceUsage`. */
export interface ResourceUsage {
  contextSwitches: { voluntary: number; involuntary: number };
  /** Microseconds; `total` = `user` + `system`. */
  cpuTime: { user: bigint; system: bigint; total: bigint };
  /** Bytes (Linux's `ru_maxrss` is in KiB; Bun multiplies by 1024, so do we). */
  maxRSS: number;
  messages: { sent: number; received: number };
  /** Block input and output operations. */
  ops: { in: number; out: number };
  /** `ru_ixrss` (always 0 on Linux). */
  shmSize: number;
  signalCount: number;
  swapCount: number;
}

export interface SpawnSyncOutcome {
  /** The child's pid; 0 when the spawn failed. */
  pid: number;
  /** 0, or the positive errno of a failed spawn: ENOENT (no such file, or a bad cwd), EACCES, ENOTDIR, EINVAL (NUL in a string), ... */
  errno: number;
  /** The captured bytes, or null when the stream was not captured (or the spawn failed). */
  stdout: Buffer | null;
  stderr: Buffer | null;
  /** The exit status when the child exited normally, else null. */
  exitCode: number | null;
  /** The number of the signal that ended the child, else null. */
  signalCode: number | null;
  /** `killSignal` was sent because `timeoutMs` passed. */
  timedOut: boolean;
  /** `killSignal` was sent because a captured stream exceeded `maxBuffer`. */
  maxBufferExceeded: boolean;
  /** From `wait4`; null from the TypeScript twin (Node's `spawnSync` does not report it) and when the spawn failed. */
  resourceUsage: ResourceUsage | null;
}

/** One process started without waiting for it (`Bun.spawn`'s engine). */
export interface SpawnRequest {
  /** As in {@link SpawnSyncRequest}: resolved by the caller. */
  file: string;
  /** The whole argv, argv[0] included. */
  argv: string[];
  /** As in {@link SpawnSyncRequest}: "KEY=value" entries, null for this process's environment, "launch" for the one it started with. */
  env: string[] | null | "launch";
  /** "" inherits the parent's. */
  cwd: string;
  /** -1: /dev/null; -2: a pipe (the parent's write end comes back); an fd >= 0: that fd becomes the child's 0. */
  stdin: number;
  /**
   * -1: /dev/null; -2: a pipe (the parent's read end comes back); -3: a pipe
   * collected for the caller (read to its end off the JS thread; its bytes
   * come to `onExit`, which then waits for that end too); an fd >= 0: that fd
   * becomes the child's 1.
   */
  stdout: number;
  /** As `stdout`, for the child's 2. */
  stderr: number;
  /**
   * A pseudo-terminal's slave descriptor (from {@link PtyBinding.ptyOpen}):
   * the child starts a new session (`setsid`) with it as fds 0, 1 and 2 and as
   * its controlling terminal (`TIOCSCTTY`); `stdin`, `stdout` and `stderr` must
   * then all be this descriptor. Addon only (Linux): the twin fails with ENOSYS.
   */
  terminal?: number;
}

/**
 * What the addon's `spawn` writes into its `started` argument (an Int32Array
 * of 4, reused across calls), at these indices: errno (0, or the positive
 * errno of a failed spawn, as in {@link SpawnSyncOutcome}), then the parent's
 * ends of the pipes as raw descriptors (non-blocking, close-on-exec, owned by
 * the caller), -1 where the slot is not a pipe or the spawn failed.
 */
export const STARTED_ERRNO = 0;
export const STARTED_STDIN = 1;
export const STARTED_STDOUT = 2;
export const STARTED_STDERR = 3;

/**
 * The addon's exit notification, flat (the facade builds the
 * {@link ResourceUsage}): the exit code or signal number (the other is
 * null), then, unless the child could not be waited for (all undefined
 * then), user and system CPU time in microseconds, maxRSS in bytes, ixrss,
 * nswap, inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw and nivcsw, and
 * last the errno of a child that failed before its exec (0 if it exec'd).
 */
type RawExitCallback = (
  exitCode: number | null,
  signalCode: number | null,
  userMicros?: number,
  systemMicros?: number,
  maxRSS?: number,
  shmSize?: number,
  swapCount?: number,
  opsIn?: number,
  opsOut?: number,
  sent?: number,
  received?: number,
  signalCount?: number,
  voluntary?: number,
  involuntary?: number,
  execErrno?: number,
  collectedStdout?: Buffer | null,
  collectedStderr?: Buffer | null,
) => void;

/**
 * Called once, on the JS thread, when a started child has ended: its exit
 * code or the number of the signal that ended it (the other is null), and its
 * resource usage (null from the TypeScript twin). Never called for a spawn
 * that failed synchronously. `execErrno` is not 0 only for a child whose exec
 * failed after `spawn` had returned (the addon returns before the exec once a
 * file and cwd have exec'd before; the file changed since): it exited with 127.
 * `collected` holds the bytes of a stdout and stderr requested as -3 (null
 * for one that was not); it is null when neither was.
 */
export type ExitCallback = (
  exitCode: number | null,
  signalCode: number | null,
  resourceUsage: ResourceUsage | null,
  execErrno: number,
  collected: Collected | null,
) => void;

/** The bytes of a child's collected streams (see {@link SpawnRequest.stdout}). */
export interface Collected {
  stdout: Buffer | null;
  stderr: Buffer | null;
}

interface ProcessBinding {
  /**
   * Starts a process and gives its pid, 0 when the spawn failed (see
   * {@link STARTED_ERRNO} for what lands in `started`); `onExit` runs when it ends
   * (one reaper thread watches every child's pidfd, never libuv's pool).
   * Undefined from the twin and off Linux: the facade then uses `child_process`.
   */
  spawn(request: SpawnRequest, onExit: RawExitCallback, started: Int32Array): number | undefined;

  /**
   * Whether the exit notifications hold the event loop open: the facade
   * calls it with true when its count of live, referenced children leaves
   * zero and with false when it returns to zero. A no-op on the twin.
   */
  spawnRef(referenced: boolean): void;

  /**
   * Runs a process to completion; never throws for a failed spawn (see
   * `errno`). The addon's spawn is Linux-only: elsewhere it returns undefined
   * and the facade falls back to the twin.
   */
  spawnSync(request: SpawnSyncRequest): SpawnSyncOutcome | undefined;
}

export interface MmapBinding {
  /**
   * Maps `size` bytes (0 = to the end) of the file from `offset`, read-write,
   * shared or private (`sync`: MAP_SYNC on Linux); or a failure code
   * (`errno * 4 + syscall`, 2 = mmap).
   */
  mmap(path: string, offset: number, size: number, shared: boolean, sync: boolean): Uint8Array<ArrayBuffer> | number;
}

/**
 * Pseudo-terminals (`Bun.Terminal`'s engine). Every function returns 0 or a
 * positive errno (ENOSYS, 38, from the twin and off Linux); results land in
 * the array passed in.
 */
interface PtyBinding {
  /**
   * Opens a pair sized `cols` x `rows` (each 1..65535, else EINVAL) with Bun's
   * termios defaults on the slave, and writes into `out` (3 slots): the
   * master (non-blocking), a duplicate of the master for a reader, and the
   * slave. All close-on-exec, owned by the caller.
   */
  ptyOpen(cols: number, rows: number, out: Int32Array): number;
  /** TIOCSWINSZ on the master. */
  ptyResize(fd: number, cols: number, rows: number): number;
  /** Writes c_iflag, c_oflag, c_lflag and c_cflag into `out` (4 slots). */
  ptyGetFlags(fd: number, out: Uint32Array): number;
  /** Sets one of them (`index` as in {@link ptyGetFlags}) to `value`, a uint32. */
  ptySetFlag(fd: number, index: number, value: number): number;
  /**
   * libuv's raw mode (no echo, no canonical input, no signals, no CR to NL):
   * `enabled` saves the termios into `saved` (64 bytes) and changes it;
   * otherwise the saved termios is put back.
   */
  ptySetRawMode(fd: number, enabled: boolean, saved: Uint8Array): number;
}

interface WhichBinding {
  /**
   * Bun's executable lookup: `bin` as an absolute path, against `cwd` when it
   * has a slash, else along `PATH` (relative entries count from `cwd`); the
   * first executable regular file, or null.
   */
  which(bin: string, PATH: string, cwd: string): string | null;
}

interface SocketPairBinding {
  /**
   * A connected pair of Unix stream sockets for two children: writes the
   * reading end, then the writing end, into `out` (an Int32Array of at least
   * 2), both close-on-exec and blocking, and returns 0; else the errno
   * (EINVAL for a bad `out`, ENOSYS off Linux).
   */
  socketPair(out: Int32Array): number;
}

interface DirectoryBinding {
  /**
   * One directory's entries as one string, `kinds + "/" + name0 + "/" + name1 …`
   * ("" when empty): a kind letter per entry (`f` file, `d` directory, `l`
   * symlink, `o` anything else; d_type, or an lstat where the file system
   * gives none), names decoded as UTF-8 (invalid bytes as U+FFFD), in the
   * file system's own order (what `getdents` gives, never sorted). A number
   * is the errno of the failure (ENOENT, ENOTDIR, EACCES, …).
   */
  listDirectory(path: string): string | number;
}

/**
 * The digests {@link DigestBinding.digest} computes, in the order of its
 * `algorithm` argument (an index into this list; rust/digest.rs has the same table).
 */
export const digestAlgorithms = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"] as const;

export type DigestAlgorithm = (typeof digestAlgorithms)[number];

/**
 * A running digest's state for {@link DigestBinding.digestStep}: memory the
 * caller owns (a Uint8Array of this many bytes, any alignment), holding the
 * context, then the digest at {@link DIGEST_AT}. Copying the bytes forks the
 * digest; dropping them ends it (nothing native to free).
 */
export const DIGEST_STATE_BYTES = 320;
/** Where in a state {@link DIGEST_STEP_FINISH} writes the digest. */
export const DIGEST_AT = 256;
/** `digestStep` flag: start the state over (empty) before adding the input. */
export const DIGEST_STEP_START = 1;
/** `digestStep` flag: after adding the input, write the digest so far at {@link DIGEST_AT}; the state goes on. */
export const DIGEST_STEP_FINISH = 2;

interface DigestBinding {
  /**
   * Writes the digest of `input` (a string as UTF-8, or a TypedArray's bytes)
   * at the start of `out` and returns its length in bytes; 0 when it cannot:
   * always from the twin (callers keep `node:crypto`), and from the addon
   * when the Node that loaded it does not export OpenSSL's functions for the
   * algorithm (they are looked up at run time, never linked) or `out` is too
   * small. One crossing, no object: the one-shot path of `Bun.CryptoHasher`.
   */
  digest(algorithm: number, input: HashInput, out: Uint8Array): number;
  /**
   * One step of a running digest kept in `state` (see {@link DIGEST_STATE_BYTES}):
   * with {@link DIGEST_STEP_START} it starts over, then `input` is added,
   * then with {@link DIGEST_STEP_FINISH} the digest so far is written into
   * the state. Returns the digest's length; 0 as for `digest`, or when
   * `state` is not a Uint8Array of at least DIGEST_STATE_BYTES. Without
   * DIGEST_STEP_START the state must come from an earlier step of the same
   * algorithm (else the result is garbage, never a crash: the context is
   * plain numbers).
   */
  digestStep(algorithm: number, state: Uint8Array, input: HashInput, flags: number): number;
}

/**
 * The outcome of {@link InflateBinding.inflate}: the output; zlib's message for
 * corrupt data (a string, as `node:zlib` reports it); another zlib return code
 * (-5 Z_BUF_ERROR: the input ends before the stream does; 2 Z_NEED_DICT; -4
 * Z_MEM_ERROR; -2 Z_STREAM_ERROR: a windowBits zlib refuses); or null where
 * the running Node has no zlib the addon can use (always, from the twin).
 */
export type InflateOutcome = Buffer | string | number | null;

interface InflateBinding {
  /**
   * zlib's `inflate()` of one stream, by the zlib the running Node links
   * (looked up at run time, never linked), called as `node:zlib`'s
   * synchronous path calls it, so that every stream (corrupt ones included)
   * has the same outcome: `windowBits` goes to `inflateInit2` as given
   * (-8..-15 raw, 0 or 8..15 zlib, 16+ gzip), all the input at once,
   * `Z_FINISH`, and `chunkSize` bytes of room per call (node:zlib's option of
   * that name; at least 64). Decoding stops at the stream's end, whatever
   * follows. The output is a Buffer Node allocates (V8 frees it on
   * collection, as node:zlib's); where a second core exists, its pages are
   * faulted in by a helper thread ahead of the decoder. `info[0]` receives the
   * input bytes the stream took; when `info` has a second slot, `info[1]`
   * receives the output's CRC-32, taken as the output is written.
   */
  inflate(input: Uint8Array, windowBits: number, chunkSize: number, info: Float64Array): InflateOutcome;
}

interface DeflateBinding {
  /**
   * `input` compressed by the zlib the running Node links, in independent
   * {@link DEFLATE_BLOCK}-byte blocks spread over the cores and joined into
   * one raw DEFLATE stream: each block after the first has the 32 KiB before
   * it as its dictionary and ends with a sync flush, the last finishes the
   * stream. The bytes depend only on the input and the settings (never on
   * the thread count) and differ from one zlib stream's. With `header` (10
   * bytes), a gzip member: the header, the stream, the CRC-32 and the length
   * mod 2^32. A number is zlib's error code (Z_STREAM_ERROR, -2, for a level,
   * memLevel or strategy it refuses); `null` where there is no usable zlib
   * (always, from the twin).
   */
  deflate(input: Uint8Array, level: number, memLevel: number, strategy: number, header: Uint8Array | null): Buffer | number | null;
}

/**
 * `bun:sqlite`'s `fileControl` and update hooks on a better-sqlite3
 * connection. The addon doubles as an SQLite extension (entry point
 * `sqlite3_dxcompat_init`): loading it into a connection records that
 * connection, and {@link SqliteBinding.sqliteAttach} hands it out. The twin
 * never has one.
 */
interface SqliteBinding {
  /** The connection the last extension load on this thread recorded (once), or undefined. */
  sqliteAttach(): object | undefined;
  /** `sqlite3_file_control(db, schema, op, slot's bytes)`; the slot has 8 bytes or more. Undefined once detached. */
  sqliteFileControl(connection: object, schema: string | null, op: number, slot: NodeJS.TypedArray): number | undefined;
  /** `sqlite3_errmsg`, with `sqlite3_extended_errcode` written to `out[0]`. */
  sqliteLastError(connection: object, out: Int32Array): string | undefined;
  /**
   * Installs an update hook calling `dispatch(target, op, table, rowid, schema)`
   * during the statement (rowid a BigInt with `bigints`), holding `target`
   * weakly; a `null` target removes it. A throw is reported as uncaught.
   */
  sqliteUpdateHook(connection: object, target: object | null, dispatch: SqliteUpdateDispatch | null, bigints: boolean): void;
  /** Removes the hook and forgets the connection: call before it closes. */
  sqliteDetach(connection: object): void;
  /** Registers the buffer requests and rows go through (see rust/sqlite_rows.rs). */
  sqliteRowBuffer(buffer: Float64Array): void;
  /** An id for the connection's newest statement, if its text is `sql` and it is read-only; else -1. */
  sqliteAdoptStatement(connection: object, sql: string, writes?: boolean): number;
  /** Forgets an adopted statement's id. */
  sqliteReleaseStatement(id: number): void;
  /** Runs the request in the registered buffer: the row count, or -1 (not taken), -2 (SQLite failed), -3 (a row does not fit); asked to (flag 4), the one row's ASCII text instead of 1. */
  sqliteReadRows(): number | string;
  /** Runs the request in the registered buffer as `run()`: 0 (changes, rowid bits and rowid in slots 0-2), SQLite's message (extended code in slot 0), or -1 (not taken). */
  sqliteRunStatement(): number | string;
  /** Resets an adopted statement, abandoning its unread rows. */
  sqliteResetStatement(id: number): void;
}

export type SqliteUpdateDispatch = (target: object, op: number, table: string, rowid: number | bigint, schema: string) => void;

/** The input bytes per block of {@link DeflateBinding.deflate} (rust/deflate.rs has the same). */
export const DEFLATE_BLOCK: number = 1 << 20;

export type NativeBinding = HashBinding &
  FileBinding &
  MmapBinding &
  ProcessBinding &
  PtyBinding &
  WhichBinding &
  SocketPairBinding &
  DirectoryBinding &
  DigestBinding &
  InflateBinding &
  DeflateBinding &
  SqliteBinding;

export const hashAlgorithms: readonly HashAlgorithm[] = [
  "wyhash",
  "adler32",
  "crc32",
  "cityHash32",
  "cityHash64",
  "xxHash32",
  "xxHash64",
  "xxHash3",
  "murmur32v2",
  "murmur32v3",
  "murmur64v2",
  "rapidhash",
];

export const bindingFunctions: readonly (keyof NativeBinding)[] = [
  ...hashAlgorithms,
  "readFileSync",
  "readFile",
  "mmap",
  "spawnSync",
  "spawn",
  "spawnRef",
  "ptyOpen",
  "ptyResize",
  "ptyGetFlags",
  "ptySetFlag",
  "ptySetRawMode",
  "which",
  "socketPair",
  "listDirectory",
  "digest",
  "digestStep",
  "inflate",
  "deflate",
  "sqliteAttach",
  "sqliteFileControl",
  "sqliteLastError",
  "sqliteUpdateHook",
  "sqliteDetach",
  "sqliteRowBuffer",
  "sqliteAdoptStatement",
  "sqliteReleaseStatement",
  "sqliteReadRows",
  "sqliteRunStatement",
  "sqliteResetStatement",
];
