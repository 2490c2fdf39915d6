import { toJscHeapSnapshot, v8HeapSnapshotBytes } from "./internal/belt/heap-snapshot.ts";

type Generate = typeof import("bun").generateHeapSnapshot;

/**
 * `Bun.generateHeapSnapshot(format?, encoding?)`: a snapshot of the heap.
 * `"v8"` gives V8's snapshot JSON — the format Chrome DevTools and VS Code
 * load — as a string, or as an ArrayBuffer of its UTF-8 bytes with
 * `"arraybuffer"`. The default (`"jsc"`) is, in Bun, JavaScriptCore's own
 * format as an object; on Node that engine is absent, so the same object
 * shape (`version`, `type: "Inspector"`, `nodes`, `nodeClassNames`, `edges`,
 * `edgeTypes`, `edgeNames`) is filled from V8's heap graph: node ids, sizes
 * and class names are V8's. Bun's errors for an unknown format or encoding.
 *
 * @example
 * ```ts
 * import { generateHeapSnapshot } from "@dx-compat/bun";
 * import { writeFileSync } from "node:fs";
 * writeFileSync("app.heapsnapshot", generateHeapSnapshot("v8"));
 * ```
 */
export const generateHeapSnapshot: Generate = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  generateHeapSnapshot(format?: unknown, encoding?: unknown): never {
    let useV8 = false;
    if (typeof format === "string") {
      if (format === "v8") useV8 = true;
      else if (format !== "jsc") throw new TypeError("Expected 'v8' or 'jsc' or undefined");
    }
    if (!useV8) return toJscHeapSnapshot(JSON.parse(v8HeapSnapshotBytes().toString("utf8"))) as never;
    if (typeof encoding === "string" && encoding !== "arraybuffer") throw new TypeError("Expected 'arraybuffer' or undefined as second argument");
    const bytes = v8HeapSnapshotBytes();
    if (encoding === "arraybuffer") return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as never;
    return bytes.toString("utf8") as never;
  },
}.generateHeapSnapshot as Generate;
