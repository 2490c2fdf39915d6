// Bun's additions to `import.meta`: `dir`, `file`, `path` (and `main` where Node
// lacks it). Node already has `dirname`, `filename`, `url`, `resolve` and, since
// 24.2, `main`. A one-line prelude is added to modules that mention one of
// them — on the first line, so line numbers do not move.
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";

const mentionsBunMeta = /\bimport\.meta\.(?:dir|file|path|main)\b/;

let mainURL: string | undefined;

/** The `file:` URL of the program's entry module (from `process.argv[1]`). */
function entryURL(): string {
  if (mainURL === undefined) {
    const entry = process.argv[1];
    try {
      mainURL = entry === undefined ? "" : pathToFileURL(realpathSync(entry)).href;
    } catch {
      mainURL = entry === undefined ? "" : pathToFileURL(entry).href;
    }
  }
  return mainURL;
}

const prelude =
  'import.meta.dir??=import.meta.dirname;import.meta.path??=import.meta.filename;import.meta.file??=import.meta.filename?.slice(import.meta.dirname.length+1);import.meta.main??=import.meta.url===globalThis[Symbol.for("dx-compat.entryURL")]?.();';

/** Publishes `entryURL` where the prelude can reach it without importing anything. */
export function exposeEntryURL(): void {
  Object.defineProperty(globalThis, Symbol.for("dx-compat.entryURL"), { value: entryURL, configurable: true });
}

/** `source` with the prelude, if the module uses Bun's `import.meta` members. */
export function withImportMeta(source: string): string {
  if (!mentionsBunMeta.test(source)) return source;
  if (source.startsWith("#!")) {
    const lineEnd = source.indexOf("\n");
    if (lineEnd === -1) return source;
    return `${source.slice(0, lineEnd + 1)}${prelude}${source.slice(lineEnd + 1)}`;
  }
  return prelude + source;
}
