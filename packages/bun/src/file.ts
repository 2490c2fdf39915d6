import { BunFile } from "./internal/file/bun-file.ts";
import { explicitType } from "./internal/file/mime.ts";
import { openTarget } from "./internal/file/open-target.ts";
import { urlPath } from "./internal/file/write.ts";

/**
 * `Bun.file(path | URL | fd | bytes, { type })`: a lazy `Blob` over a file.
 * Nothing is opened until a method reads, writes or stats it; whole-file
 * reads use `@dx-compat/native`'s read. The type comes from the extension
 * (Bun's table) unless `type` gives one.
 *
 * @example
 * ```ts
 * import { file } from "@dx-compat/bun";
 * const manifest = await file("package.json").json();
 * ```
 */
export const file: typeof Bun.file = (pathOrFd: unknown, options?: BlobPropertyBag): BunFile => {
  const target = openTarget(pathOrFd, urlPath);
  return new BunFile(target, explicitType(options?.type));
};
