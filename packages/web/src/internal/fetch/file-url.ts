// fetch("file://…") as Bun answers it: a 200 Response whose body is the file,
// read lazily (a missing file fails when the body is read, not at fetch()), with
// only a Content-Type header; a directory is refused at once.
import { createReadStream, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { coded } from "./errors.ts";

type FileFactory = (path: string) => Blob;

let bunFile: FileFactory | null | undefined;

/** `file()` from @dx-compat/bun when it is installed (an optional peer): Bun's exact BunFile, types and errors. */
function optionalBunFile(): FileFactory | null {
  if (bunFile !== undefined) return bunFile;
  try {
    const bun = createRequire(import.meta.url)("@dx-compat/bun") as { file?: FileFactory };
    bunFile = typeof bun.file === "function" ? bun.file : null;
  } catch {
    bunFile = null;
  }
  return bunFile;
}

// Bun's types for the commonest extensions, for when @dx-compat/bun is not installed.
const utf8 = ";charset=utf-8";
const fallbackTypes: Readonly<Record<string, string>> = {
  txt: `text/plain${utf8}`,
  html: `text/html${utf8}`,
  htm: `text/html${utf8}`,
  css: `text/css${utf8}`,
  js: `text/javascript${utf8}`,
  mjs: `text/javascript${utf8}`,
  cjs: `text/javascript${utf8}`,
  ts: `text/javascript${utf8}`,
  json: `application/json${utf8}`,
  map: `application/json${utf8}`,
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  ico: "image/x-icon",
  wasm: "application/wasm",
  xml: "application/xml",
  pdf: "application/pdf",
  md: "text/markdown",
  csv: "text/csv",
};

function fallbackType(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return "application/octet-stream";
  return fallbackTypes[base.slice(dot + 1).toLowerCase()] ?? "application/octet-stream";
}

/** Node's fs error reshaped as Bun's: own `code`, `path`, `syscall`, `errno`, in that order. */
function bunFsError(error: NodeJS.ErrnoException): Error {
  const reshaped = new Error(error.message);
  Object.assign(reshaped, { code: error.code, path: error.path, syscall: error.syscall, errno: error.errno });
  return reshaped;
}

function bodyFor(path: string): { body: Blob | ReadableStream<Uint8Array>; type: string | undefined } {
  const file = optionalBunFile();
  if (file) return { body: file(path), type: undefined };
  const source = createReadStream(path);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      source.on("data", (chunk) => controller.enqueue(new Uint8Array(chunk as Buffer)));
      source.on("end", () => controller.close());
      source.on("error", (error) => controller.error(bunFsError(error)));
    },
    cancel() {
      source.destroy();
    },
  });
  return { body, type: fallbackType(path) };
}

function pathOf(url: URL): string {
  if (url.hostname !== "" && url.hostname !== "localhost") {
    throw coded(new TypeError(`File URL host must be "localhost" or empty on ${process.platform}`), "ERR_INVALID_FILE_URL_HOST");
  }
  return fileURLToPath(url.hostname === "localhost" ? new URL(url.pathname, "file://") : url);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Bun's Response for a `file:` URL (rejects for a directory or a bad host). */
export function fetchFileURL(url: URL): Response {
  const path = pathOf(url);
  if (isDirectory(path)) {
    const error = new Error("Directories cannot be read like files");
    Object.assign(error, { code: "EISDIR", path, syscall: "read", errno: 0 });
    throw error;
  }
  const { body, type } = bodyFor(path);
  const response = new Response(body, type === undefined ? {} : { headers: { "content-type": type } });
  // A constructed Response has no URL; Bun's carries the one fetched.
  Object.defineProperty(response, "url", { value: url.href, enumerable: false, configurable: true });
  return response;
}
