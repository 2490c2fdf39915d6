// Bun's reading of `fileControl`'s arguments, and its errors (plain Errors,
// no codes). The call itself goes through @dx-compat/native (./extension.ts).

export interface FileControlCall {
  /** The database's schema name ("main", an attached name); null is "main". */
  schema: string | null;
  op: number;
  /** What SQLite reads and writes, made into a slot by {@link fileControlSlot}. */
  arg: unknown;
}

/**
 * `(op, arg)` or `(schema, op, arg)`: the schema form when there are three
 * arguments or more or the first is a string; a schema that is not a string is
 * ignored ("main").
 */
export function fileControlCall(args: readonly unknown[]): FileControlCall {
  const withSchema = args.length >= 3 || typeof args[0] === "string";
  const [schema, op, arg] = withSchema ? args : [null, ...args];
  if (typeof op !== "number") throw new Error("Expected number");
  return { schema: typeof schema === "string" ? schema : null, op: op | 0, arg };
}

/** The bytes SQLite reads and writes: the caller's own view, or a slot of 8 for a number. */
export function fileControlSlot(arg: unknown): NodeJS.TypedArray {
  // A number travels as an int32 widened to 64 bits, since some opcodes read an
  // i64 or write a pointer there; null and undefined as -1, which opcodes that
  // take a flag or a size read as "only tell me".
  if (typeof arg === "number") return BigInt64Array.of(BigInt(arg | 0));
  if (arg === null || arg === undefined) return BigInt64Array.of(-1n);
  if (!ArrayBuffer.isView(arg)) throw new Error("Expected result to be a number, null or a TypedArray");
  if ((arg.buffer as ArrayBuffer).detached) throw new Error("TypedArray is detached");
  if (arg.byteLength < 8) throw new Error("TypedArray must be at least 8 bytes");
  return new Uint8Array(arg.buffer, arg.byteOffset, arg.byteLength);
}
