// `dx-compat/bun`: re-exports @dx-compat/bun (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

const pkg = requireInstalled("@dx-compat/bun", "dx-compat/bun");

export const argv: typeof import("@dx-compat/bun").argv = pkg["argv"] as never;
export const CryptoHasher: typeof import("@dx-compat/bun").CryptoHasher = pkg["CryptoHasher"] as never;
export const deflateSync: typeof import("@dx-compat/bun").deflateSync = pkg["deflateSync"] as never;
export const env: typeof import("@dx-compat/bun").env = pkg["env"] as never;
export const file: typeof import("@dx-compat/bun").file = pkg["file"] as never;
export const gunzipSync: typeof import("@dx-compat/bun").gunzipSync = pkg["gunzipSync"] as never;
export const gzipSync: typeof import("@dx-compat/bun").gzipSync = pkg["gzipSync"] as never;
export const hash: typeof import("@dx-compat/bun").hash = pkg["hash"] as never;
export const inflateSync: typeof import("@dx-compat/bun").inflateSync = pkg["inflateSync"] as never;
export const JSON5: typeof import("@dx-compat/bun").JSON5 = pkg["JSON5"] as never;
export const JSONC: typeof import("@dx-compat/bun").JSONC = pkg["JSONC"] as never;
export const JSONL: typeof import("@dx-compat/bun").JSONL = pkg["JSONL"] as never;
export const main: typeof import("@dx-compat/bun").main = pkg["main"] as never;
export const MD4: typeof import("@dx-compat/bun").MD4 = pkg["MD4"] as never;
export const MD5: typeof import("@dx-compat/bun").MD5 = pkg["MD5"] as never;
export const mmap: typeof import("@dx-compat/bun").mmap = pkg["mmap"] as never;
export const password: typeof import("@dx-compat/bun").password = pkg["password"] as never;
export const semver: typeof import("@dx-compat/bun").semver = pkg["semver"] as never;
export const sha: typeof import("@dx-compat/bun").sha = pkg["sha"] as never;
export const SHA1: typeof import("@dx-compat/bun").SHA1 = pkg["SHA1"] as never;
export const SHA224: typeof import("@dx-compat/bun").SHA224 = pkg["SHA224"] as never;
export const SHA256: typeof import("@dx-compat/bun").SHA256 = pkg["SHA256"] as never;
export const SHA384: typeof import("@dx-compat/bun").SHA384 = pkg["SHA384"] as never;
export const SHA512: typeof import("@dx-compat/bun").SHA512 = pkg["SHA512"] as never;
export const SHA512_256: typeof import("@dx-compat/bun").SHA512_256 = pkg["SHA512_256"] as never;
export const sleep: typeof import("@dx-compat/bun").sleep = pkg["sleep"] as never;
export const sleepSync: typeof import("@dx-compat/bun").sleepSync = pkg["sleepSync"] as never;
export const spawn: typeof import("@dx-compat/bun").spawn = pkg["spawn"] as never;
export const spawnSync: typeof import("@dx-compat/bun").spawnSync = pkg["spawnSync"] as never;
export const stderr: typeof import("@dx-compat/bun").stderr = pkg["stderr"] as never;
export const stdin: typeof import("@dx-compat/bun").stdin = pkg["stdin"] as never;
export const stdout: typeof import("@dx-compat/bun").stdout = pkg["stdout"] as never;
export const Terminal: typeof import("@dx-compat/bun").Terminal = pkg["Terminal"] as never;
export const TOML: typeof import("@dx-compat/bun").TOML = pkg["TOML"] as never;
export const which: typeof import("@dx-compat/bun").which = pkg["which"] as never;
export const write: typeof import("@dx-compat/bun").write = pkg["write"] as never;
export const YAML: typeof import("@dx-compat/bun").YAML = pkg["YAML"] as never;
export const zstdCompress: typeof import("@dx-compat/bun").zstdCompress = pkg["zstdCompress"] as never;
export const zstdCompressSync: typeof import("@dx-compat/bun").zstdCompressSync = pkg["zstdCompressSync"] as never;
export const zstdDecompress: typeof import("@dx-compat/bun").zstdDecompress = pkg["zstdDecompress"] as never;
export const zstdDecompressSync: typeof import("@dx-compat/bun").zstdDecompressSync = pkg["zstdDecompressSync"] as never;
