import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import process from "node:process";
import { bindingFunctions, type NativeBinding } from "./binding.ts";
import { cannotLoadNative } from "./errors.ts";
import { platformSuffix } from "./platform.ts";

const require = createRequire(import.meta.url);

export type Backend = "native" | "typescript";

export interface LoadedBinding {
  backend: Backend;
  binding: NativeBinding | undefined;
  /** The binary's path: SQLite loads the same file as an extension (see ../sqlite-extension.ts). */
  file?: string;
}

function checked(candidate: string): { binding: NativeBinding; file: string } {
  const file = require.resolve(candidate);
  const binding = require(file) as Partial<NativeBinding>;
  const missing = bindingFunctions.filter((name) => typeof binding[name] !== "function");
  if (missing.length > 0) throw new Error(`${candidate} lacks ${missing.join(", ")} (built from older sources?)`);
  // A copy: the addon's exports object, filled one property at a time through
  // N-API, is in V8's dictionary mode, and every call through it would pay a
  // dictionary lookup (about 1.5% of a point select). A literal has fast properties.
  return { binding: { ...binding } as NativeBinding, file };
}

/**
 * Where a binary may be: a local build next to package.json (found through
 * the package's self-reference, so it works from src/ and from dist/), then
 * the platform package installed at publish time.
 */
export function nativeCandidates(): string[] {
  const suffix = platformSuffix();
  const packageRoot = dirname(require.resolve("@dx-compat/native/package.json"));
  return [join(packageRoot, `dx-compat-native.${suffix}.node`), `@dx-compat/native-${suffix}`];
}

/**
 * Picks the backend once per process:
 * - `DX_COMPAT_NATIVE=0` forces the TypeScript twin;
 * - `DX_COMPAT_NATIVE_PATH=<file>` loads exactly that binary, or throws;
 * - `DX_COMPAT_NATIVE=1` requires a binary, and throws with every failure as `cause`;
 * - otherwise the first binary that loads, else the twin.
 */
export function loadNative(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = nativeCandidates()): LoadedBinding {
  if (env.DX_COMPAT_NATIVE === "0") return { backend: "typescript", binding: undefined };
  const explicit = env.DX_COMPAT_NATIVE_PATH;
  if (explicit) {
    try {
      return { backend: "native", ...checked(explicit) };
    } catch (failure) {
      throw cannotLoadNative(`DX_COMPAT_NATIVE_PATH=${explicit}`, [failure]);
    }
  }
  const failures: unknown[] = [];
  for (const candidate of candidates) {
    try {
      return { backend: "native", ...checked(candidate) };
    } catch (failure) {
      failures.push(failure);
    }
  }
  if (env.DX_COMPAT_NATIVE === "1") {
    throw cannotLoadNative(`DX_COMPAT_NATIVE=1 and no binary for ${platformSuffix()} loaded`, failures);
  }
  return { backend: "typescript", binding: undefined };
}
