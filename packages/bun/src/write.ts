import { writeTo } from "./internal/file/write.ts";

/**
 * `Bun.write(destination, input, { createPath })`: writes a string, bytes, a
 * Blob, a file (copied by the kernel), a Response, a stream, or an array of
 * these to a path, URL, descriptor or BunFile, creating missing parent
 * folders. Resolves to the number of bytes written; a failed write rejects
 * with Bun's error and nothing is reported written.
 *
 * @example
 * ```ts
 * import { write } from "@dx-compat/bun";
 * const written = await write("out/hello.txt", "hello"); // 5
 * ```
 */
export const write = ((destination: unknown, input: unknown, options?: { createPath?: boolean; mode?: number }) =>
  writeTo(destination, input, options)) as typeof Bun.write;
