// Bun's content types: by file extension (its table, generated into
// ./mime-table.ts) and for an explicit `type` option.
import { mimeRows } from "./mime-table.ts";

export const octetStream = "application/octet-stream";

let byExtension: Map<string, string> | undefined;

function extensionTable(): Map<string, string> {
  if (byExtension) return byExtension;
  byExtension = new Map();
  for (const [type, extensions] of mimeRows) for (const ext of extensions.split(" ")) byExtension.set(ext, type);
  return byExtension;
}

/** The type Bun gives a path: by its extension (case-insensitive), else octet-stream. */
export function typeForPath(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  // A leading dot names a hidden file, not an extension (".txt" has none).
  if (dot <= 0 || dot === base.length - 1) return octetStream;
  return extensionTable().get(base.slice(dot + 1).toLowerCase()) ?? octetStream;
}

// The table types Bun rewrites to its canonical form when given one exactly.
const canonical: Readonly<Record<string, string>> = {
  "text/plain": "text/plain;charset=utf-8",
  "text/html": "text/html;charset=utf-8",
  "text/css": "text/css;charset=utf-8",
  "text/javascript": "text/javascript;charset=utf-8",
  "application/javascript": "text/javascript;charset=utf-8",
  "text/jsx": "text/javascript;charset=utf-8",
  "application/json": "application/json;charset=utf-8",
  "application/webassembly": "application/wasm",
};

/**
 * An explicit content type as Bun stores it: a known type in canonical form,
 * anything else lower-cased. `undefined` when it is not a usable type (not a
 * string, empty, or with a character outside U+0020–U+007E), in which case
 * Bun falls back to the default.
 */
export function explicitType(type: unknown): string | undefined {
  if (typeof type !== "string" || type.length === 0) return undefined;
  for (let i = 0; i < type.length; i++) {
    const code = type.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return undefined;
  }
  return canonical[type] ?? type.toLowerCase();
}
