// Heap snapshots for Bun.generateHeapSnapshot. The "v8" format is V8's own
// (what Chrome DevTools reads), taken synchronously with
// v8.writeHeapSnapshot into a temporary file. Bun's default is
// JavaScriptCore's format, which V8 cannot produce: the V8 snapshot is
// translated into that schema instead — the same heap graph (V8's objects,
// sizes and ids) laid out as JSC lays out its own:
//   nodes: [id, size, classNameIndex, flags] per node, a "<root>" node 0 first;
//   edges: [fromId, toId, edgeTypeIndex, nameIndexOrElementIndex] per edge;
//   edgeTypes: Internal, Property, Index, Variable.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeHeapSnapshot } from "node:v8";

/** V8's snapshot JSON, as bytes. */
export function v8HeapSnapshotBytes(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "dx-compat-heap-"));
  try {
    const file = writeHeapSnapshot(join(dir, "heap.heapsnapshot"));
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface V8Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface JscHeapSnapshot {
  version: number;
  type: string;
  nodes: number[];
  nodeClassNames: string[];
  edges: number[];
  edgeTypes: string[];
  edgeNames: string[];
}

const internalNodeTypes = new Set(["hidden", "code", "synthetic", "object shape", "native"]);

function className(type: string, name: string): string {
  switch (type) {
    case "string":
    case "concatenated string":
    case "sliced string":
      return "string";
    case "number":
      return "Number";
    case "symbol":
      return "symbol";
    case "bigint":
      return "BigInt";
    case "closure":
      return "Function";
    case "regexp":
      return "RegExp";
    case "object shape":
      return "Structure";
    case "code":
      return "(code)";
    default:
      return name;
  }
}

const edgeTypeIndex: Readonly<Record<string, number>> = { context: 3, element: 2, property: 1 };

/** The V8 snapshot in JavaScriptCore's heap snapshot layout (Bun 1.4.5 reports version 3). */
export function toJscHeapSnapshot(v8: V8Snapshot): JscHeapSnapshot {
  const { meta } = v8.snapshot;
  const nodeFieldCount = meta.node_fields.length;
  const edgeFieldCount = meta.edge_fields.length;
  const field = (name: string, fields: string[]): number => fields.indexOf(name);
  const [typeField, nameField, idField, sizeField, edgeCountField] = ["type", "name", "id", "self_size", "edge_count"].map((name) => field(name, meta.node_fields)) as [number, number, number, number, number];
  const [edgeTypeField, edgeNameField, toNodeField] = ["type", "name_or_index", "to_node"].map((name) => field(name, meta.edge_fields)) as [number, number, number];
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];

  const classNames: string[] = ["<root>"];
  const classIndex = new Map<string, number>([["<root>", 0]]);
  const edgeNames: string[] = [];
  const edgeNameIndex = new Map<string, number>();
  const intern = (table: string[], index: Map<string, number>, name: string): number => {
    let at = index.get(name);
    if (at === undefined) {
      at = table.push(name) - 1;
      index.set(name, at);
    }
    return at;
  };

  const nodes: number[] = [0, 0, 0, 0];
  const edges: number[] = [];
  const nodeCount = v8.nodes.length / nodeFieldCount;
  if (nodeCount > 0) edges.push(0, v8.nodes[idField]!, 0, 0);
  let edgeOffset = 0;
  for (let n = 0; n < nodeCount; n++) {
    const base = n * nodeFieldCount;
    const type = nodeTypes[v8.nodes[base + typeField]!] ?? "hidden";
    const name = v8.strings[v8.nodes[base + nameField]!] ?? "";
    const id = v8.nodes[base + idField]!;
    nodes.push(id, v8.nodes[base + sizeField]!, intern(classNames, classIndex, className(type, name)), internalNodeTypes.has(type) ? 1 : 0);
    const edgeCount = v8.nodes[base + edgeCountField]!;
    for (let e = 0; e < edgeCount; e++, edgeOffset += edgeFieldCount) {
      const edgeType = edgeTypes[v8.edges[edgeOffset + edgeTypeField]!] ?? "internal";
      const toId = v8.nodes[v8.edges[edgeOffset + toNodeField]! + idField]!;
      const typeIndex = edgeTypeIndex[edgeType] ?? 0;
      const nameOrIndex = v8.edges[edgeOffset + edgeNameField]!;
      const data = typeIndex === 2 ? nameOrIndex : typeIndex === 0 ? 0 : intern(edgeNames, edgeNameIndex, v8.strings[nameOrIndex] ?? "");
      edges.push(id, toId, typeIndex, data);
    }
  }
  return { version: 3, type: "Inspector", nodes, nodeClassNames: classNames, edges, edgeTypes: ["Internal", "Property", "Index", "Variable"], edgeNames };
}
