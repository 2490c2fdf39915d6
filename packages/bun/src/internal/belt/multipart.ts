// FormData from a body, as Bun's `FormData.from` parses it (Bun 1.4.5's
// algorithm): URL-encoded without a boundary; with one, the parts between
// "--boundary\r\n" separators up to the last "--boundary--", each with
// "\r\n"-terminated headers. A part with a filename becomes a File whose
// type is its Content-Type, else the type of the filename's extension, else
// one sniffed from its first bytes (BMP, JPEG, TIFF, GIF, PNG), else "".
// Errors read "<reason> while parsing FormData".
import { explicitType } from "../file/mime.ts";
import { mimeRows } from "../file/mime-table.ts";

let byExtension: Map<string, string> | undefined;

function typeForExtension(filename: string): string | undefined {
  const dot = filename.lastIndexOf(".");
  if (dot <= 0 || dot === filename.length - 1) return undefined;
  if (!byExtension) {
    byExtension = new Map();
    for (const [type, extensions] of mimeRows) for (const extension of extensions.split(" ")) byExtension.set(extension, type);
  }
  return byExtension.get(filename.slice(dot + 1).toLowerCase());
}

const signatures: readonly (readonly [number[], string])[] = [
  [[0x42, 0x4d], "image/bmp"],
  [[0xff, 0xd8, 0xff], "image/jpeg"],
  [[0x49, 0x49, 0x2a, 0x00], "image/tiff"],
  [[0x4d, 0x4d, 0x00, 0x2a], "image/tiff"],
  [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], "image/gif"],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "image/png"],
];

function sniff(bytes: Uint8Array): string | undefined {
  if (bytes.length < 2) return undefined;
  for (const [signature, type] of signatures) {
    if (bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte)) return type;
  }
  return undefined;
}

function parseError(reason: string): Error {
  return new Error(`${reason} while parsing FormData`);
}

function indexOf(haystack: Buffer, needle: string, from = 0): number {
  return haystack.indexOf(needle, from, "latin1");
}

function trimChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start]!)) start++;
  while (end > start && chars.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

interface Field {
  name: string | undefined;
  filename: string | undefined;
  contentType: string | undefined;
}

/** A Content-Disposition's name and filename, read as Bun reads them (quotes optional, \" escapes kept). */
function readDisposition(value: string, field: Field): void {
  let rest = trimChars(value, " ");
  if (rest.startsWith("form-data;")) rest = trimChars(rest.slice("form-data;".length), " ");
  for (let equals = rest.indexOf("="); equals !== -1; equals = rest.indexOf("=")) {
    const key = trimChars(rest.slice(0, equals), " ;");
    rest = rest.slice(equals + 1);
    if (rest.startsWith('"')) rest = rest.slice(1);
    let end = 0;
    while (end < rest.length && rest[end] !== '"') {
      if (rest[end] === "\\" && rest[end + 1] === '"') end++;
      end++;
    }
    const fieldValue = rest.slice(0, end);
    rest = rest.slice(Math.min(end + 1, rest.length));
    if (key.toLowerCase() === "name") field.name = fieldValue;
    else if (key.toLowerCase() === "filename") field.filename = fieldValue;
    if (field.name !== undefined && field.name !== "" && field.filename !== undefined) return;
    const semicolon = rest.indexOf(";");
    if (semicolon === -1) return;
    rest = rest.slice(semicolon + 1);
  }
}

function readHeaders(header: string, field: Field): void {
  let remaining = header;
  while (remaining.length > 0 && (field.filename === undefined || field.name === undefined || field.name === "")) {
    const lineEnd = remaining.indexOf("\r\n");
    if (lineEnd === -1) throw parseError("is missing header line end");
    const line = remaining.slice(0, lineEnd);
    remaining = remaining.slice(lineEnd + 2);
    const colon = line.indexOf(":");
    if (colon === -1) throw parseError("is missing header colon separator");
    const key = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1);
    if (key === "content-disposition") readDisposition(value, field);
    else if (value.length > 0 && field.contentType === undefined && key === "content-type") field.contentType = trimChars(value, "; \t");
  }
}

const decoder = new TextDecoder();

function fileOf(bytes: Uint8Array, field: Field): File {
  const filename = field.filename ?? "";
  const headerType = field.contentType === undefined || field.contentType === "" ? undefined : field.contentType;
  const type = headerType !== undefined ? (explicitType(headerType) ?? headerType.toLowerCase()) : (typeForExtension(filename) ?? sniff(bytes) ?? "");
  return new File([bytes], decoder.decode(Buffer.from(filename, "latin1")), { type });
}

export function parseMultipart(body: Uint8Array, boundary: string): FormData {
  const input = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const form = new FormData();
  const finalBoundary = `--${boundary}--`;
  if (Buffer.byteLength(finalBoundary, "utf8") > 76) throw parseError("boundary is too long");
  const boundaryLatin1 = Buffer.from(boundary, "utf8").toString("latin1");
  const end = input.lastIndexOf(Buffer.from(finalBoundary, "utf8"));
  if (end === -1) throw parseError("missing final boundary");
  const separator = `--${boundaryLatin1}\r\n`;
  const chunks: [number, number][] = [];
  let at = indexOf(input.subarray(0, end), separator);
  if (at === -1) return form;
  for (let start = at + separator.length; ; ) {
    at = indexOf(input.subarray(0, end), separator, start);
    chunks.push([start, at === -1 ? end : at]);
    if (at === -1) break;
    start = at + separator.length;
  }
  for (const [start, stop] of chunks) {
    const chunk = input.subarray(start, stop);
    const headerEnd = indexOf(chunk, "\r\n\r\n");
    if (headerEnd === -1) throw parseError("is missing header end");
    const field: Field = { name: undefined, filename: undefined, contentType: undefined };
    readHeaders(chunk.subarray(0, headerEnd + 2).toString("latin1"), field);
    if (field.name === undefined || field.name === "") continue;
    let value = chunk.subarray(headerEnd + 4);
    if (value.length >= 2 && value[value.length - 2] === 0x0d && value[value.length - 1] === 0x0a) value = value.subarray(0, value.length - 2);
    const name = decoder.decode(Buffer.from(field.name, "latin1"));
    if (field.filename !== undefined) form.append(name, fileOf(new Uint8Array(value), field));
    else form.append(name, decoder.decode(value));
  }
  return form;
}

export function parseUrlEncoded(body: Uint8Array): FormData {
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(decoder.decode(body))) form.append(name, value);
  return form;
}
