// Web and runtime objects Bun prints its own way rather than through their
// properties: Headers, URLSearchParams and FormData as quoted-key objects,
// Blob/File with their size, Request/Response, and timers. Node's versions carry
// `inspect.custom` methods in Node's style, which are bypassed for these.
import type { Formatter } from "./formatter.ts";
import type { AnyFunction } from "./types.ts";

export type WebKind = "Headers" | "URLSearchParams" | "FormData" | "Blob" | "File" | "Request" | "Response" | "Timeout" | "Immediate";

const CLASS_KINDS: readonly WebKind[] = ["Headers", "URLSearchParams", "FormData", "File", "Blob", "Request", "Response"];

function globalClass(name: string): AnyFunction | undefined {
  const candidate = (globalThis as Record<string, unknown>)[name];
  return typeof candidate === "function" ? candidate : undefined;
}

function constructorName(value: object): string {
  try {
    const ctor: unknown = (value as { constructor?: unknown }).constructor;
    return typeof ctor === "function" ? ctor.name : "";
  } catch {
    return "";
  }
}

export function webKind(value: object): WebKind | undefined {
  if (typeof value === "function") return undefined;
  for (const kind of CLASS_KINDS) {
    const ctor = globalClass(kind);
    if (ctor !== undefined && value instanceof ctor) return kind;
  }
  const name = constructorName(value);
  if (name === "Timeout" && "_onTimeout" in value && "_idleTimeout" in value) return "Timeout";
  if (name === "Immediate" && "_onImmediate" in value) return "Immediate";
  return undefined;
}

export function printWeb(f: Formatter, value: object, kind: WebKind): void {
  switch (kind) {
    case "Headers":
      return printKeyed(f, "Headers", headersObject(value as Headers), true);
    case "URLSearchParams":
      return printKeyed(f, "URLSearchParams", groupedEntries(value as unknown as Iterable<[string, unknown]>), false);
    case "FormData": {
      // Bun prints an empty FormData as a bare `{}`.
      const entries = groupedEntries(value as unknown as Iterable<[string, unknown]>);
      if (Object.keys(entries).length === 0) return f.printObject(entries);
      return printKeyed(f, "FormData", entries, false);
    }
    case "Blob":
    case "File":
      return printBlob(f, value as Blob);
    case "Response":
      return printResponse(f, value as Response);
    case "Request":
      return printRequest(f, value as Request);
    case "Timeout":
    case "Immediate":
      return printTimer(f, value, kind);
  }
}

/** Headers as Bun's `toJSON` gives them: lower-case names, `set-cookie` as an array. */
function headersObject(headers: Headers): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [name, value] of headers) {
    if (name === "set-cookie") object[name] = headers.getSetCookie();
    else object[name] = value;
  }
  return object;
}

/** Entries grouped by name: one value as itself, repeated names as an array. */
function groupedEntries(source: Iterable<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [name, value] of source) {
    const existing = object[name];
    if (!Object.prototype.hasOwnProperty.call(object, name)) object[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else object[name] = [existing, value];
  }
  return object;
}

/** Headers (`countsLabel`) writes its label through Bun's pretty printer; the others write it plain. */
function printKeyed(f: Formatter, label: string, object: Record<string, unknown>, countsLabel: boolean): void {
  if (countsLabel) {
    f.addForNewLine(label.length + 1);
    f.write(f.style.r);
  }
  f.write(`${label} `);
  const previousKeys = f.quoteKeys;
  f.quoteKeys = true;
  try {
    f.printObject(object);
  } finally {
    f.quoteKeys = previousKeys;
  }
}

/** `bun.fmt.size`: "0 KB", "12 bytes", then decimal units with one or two decimals. */
function formatSize(bytes: number): string {
  if (bytes === 0) return "0 KB";
  if (bytes < 512) return `${bytes} bytes`;
  const magnitude = Math.min(Math.floor(Math.floor(Math.log2(bytes)) / 9), 8);
  const value = bytes / 1000 ** magnitude;
  if (magnitude === 0) return `${(value / 1000).toFixed(2)} KB`;
  const precision = Math.abs(value - Math.trunc(value)) <= 0.1 ? 1 : 2;
  return `${value.toFixed(precision)} ${" KMGTPEZY"[magnitude]}B`;
}

function printBlob(f: Formatter, blob: Blob): void {
  const s = f.style;
  const isFile = typeof File === "function" && blob instanceof File;
  f.write(`${s.r}${isFile ? "File" : "Blob"}${s.r} (${s.yellow}${formatSize(blob.size)}${s.r})`);
  const name = isFile ? (blob as File).name : "";
  const lastModified = isFile ? (blob as File).lastModified : 0;
  const type = blob.type;
  if (type === "" && !isFile && lastModified === 0) return;
  f.write(" {\n");
  f.indent += 1;
  if (isFile) {
    f.writeIndent();
    f.write(`name${s.d}:${s.r} ${s.green}"${name}"${s.r}`);
    if (type !== "" || lastModified !== 0) f.printComma();
    f.write("\n");
  }
  if (type !== "") {
    f.writeIndent();
    f.write(`type${s.d}:${s.r} ${s.green}"${type}"${s.r}`);
    if (lastModified !== 0) f.printComma();
    f.write("\n");
  }
  if (lastModified !== 0) {
    f.writeIndent();
    f.write(`lastModified${s.d}:${s.r} ${s.yellow}${lastModified}${s.r}\n`);
  }
  f.indent -= 1;
  f.writeIndent();
  f.write("}");
}

/**
 * The body's byte length: 0 without a body, else read from undici's internal
 * state (reachable on Node 22; Node 24's undici keeps it private, and a stream's
 * length cannot be had synchronously), else null.
 */
function bodyLength(message: Request | Response): number | null {
  if (message.body === null) return 0;
  const state = Object.getOwnPropertySymbols(message).find((symbol) => symbol.description === "state");
  const body = state === undefined ? undefined : (message as unknown as Record<symbol, { body?: { length?: unknown } | null } | undefined>)[state]?.body;
  return typeof body?.length === "number" ? body.length : null;
}

function sizeText(size: number | null): string {
  return size === null ? "unknown size" : formatSize(size);
}

function field(f: Formatter, name: string, print: () => void, comma = true): void {
  f.writeIndent();
  f.write(`${f.style.r}${name}${f.style.d}:${f.style.r} `);
  print();
  if (comma) f.printComma();
  f.write("\n");
}

function printBodyLine(f: Formatter, size: number | null): void {
  const s = f.style;
  f.writeIndent();
  f.write(`${s.r}Blob${s.r} (${s.yellow}${sizeText(size)}${s.r})\n`);
}

function printResponse(f: Formatter, response: Response): void {
  const s = f.style;
  const size = bodyLength(response);
  f.write(`Response (${sizeText(size)}) {\n`);
  f.indent += 1;
  field(f, "ok", () => f.formatNested(response.ok));
  field(f, "url", () => f.write(`"${s.r}${s.b}${response.url}${s.r}"`));
  field(f, "status", () => f.formatNested(response.status));
  field(f, "statusText", () => f.write(`${s.r}"${s.b}${response.statusText}${s.r}"`));
  field(f, "headers", () => f.formatNested(response.headers));
  field(f, "redirected", () => f.formatNested(response.redirected));
  field(f, "bodyUsed", () => f.formatNested(response.bodyUsed), size !== 0);
  if (size !== 0) printBodyLine(f, size);
  f.indent -= 1;
  f.writeIndent();
  f.write("}");
}

function printRequest(f: Formatter, request: Request): void {
  const s = f.style;
  const size = bodyLength(request);
  f.write(`Request (${sizeText(size)}) {\n`);
  f.indent += 1;
  field(f, "method", () => f.write(`"${request.method}"`));
  field(f, "url", () => f.write(`"${s.b}${request.url}${s.r}"`));
  field(f, "headers", () => f.formatNested(request.headers), false);
  if (size !== 0) printBodyLine(f, size);
  f.indent -= 1;
  f.writeIndent();
  f.write("}");
}

function printTimer(f: Formatter, timer: object, kind: "Timeout" | "Immediate"): void {
  const s = f.style;
  const id = kind === "Timeout" ? Number(timer) : 0;
  const repeats = kind === "Timeout" && (timer as { _repeat?: unknown })._repeat !== null;
  f.addForNewLine(kind.length + 5 + String(Math.max(0, id)).length + (repeats ? 8 + String(Math.max(0, id)).length : 0));
  const tail = repeats ? `${s.r}${s.d}, repeats)${s.r}` : `${s.r}${s.d})${s.r}`;
  f.write(`${s.r}${s.blue}${kind}${s.r} ${s.d}(#${s.yellow}${id}${tail}`);
}
