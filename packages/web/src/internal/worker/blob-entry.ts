// A `blob:` URL given to `Worker`. Node's blob URLs resolve only in the thread
// that made them (node:buffer's `resolveObjectURL`), so the Blob is looked up
// here, in the constructing thread, and handed to the worker thread (Blobs
// clone across threads without copying), which reads it and runs it as a module.
import { resolveObjectURL } from "node:buffer";
import type { Blob } from "node:buffer";

/** What the worker thread runs for a blob URL: the Blob, or the error Bun reports instead. */
export type BlobEntry = { url: string; blob: Blob; missing?: undefined } | { url: string; blob?: undefined; missing: string };

// Bun reads an id this long as a blob URL's (one that is not registered is
// "missing"); anything shorter it resolves as a module specifier, and fails to find.
const BLOB_ID_LENGTH = 36;

/** The Blob behind `url`, or Bun's message for a URL that names none (revoked, never made, malformed). */
export function blobEntry(url: string): BlobEntry {
  const blob = resolveObjectURL(url);
  if (blob !== undefined) return { url, blob };
  const id = url.slice("blob:".length);
  const missing = id.length >= BLOB_ID_LENGTH ? "Blob URL is missing" : `ModuleNotFound resolving ${JSON.stringify(url)} (entry point)`;
  return { url, missing };
}
