// Bun.serve's `routes`: a segment trie. At every level a literal segment is
// tried before a `:param`, and a `:param` before a `*` wildcard, backing up
// when a branch has nothing for the request's method — which is the order
// Bun 1.4.5 picks (exact > parameter > wildcard, longest wildcard first).
import { notImplemented } from "@dx-compat/shared/errors";
import type { HeadersInit } from "bun";
import { hash } from "../../hash.ts";
import { fileSpan, fileTarget, type FileSpan } from "../file/target.ts";
import { bareTag } from "./conditional.ts";
import { httpDate } from "./http-date.ts";
import { fastParts } from "./response.ts";
import { statusLine } from "./status.ts";
import { sortedWireHeaders } from "./wire-headers.ts";

type RouteHandler = (request: Request, server: unknown) => unknown;

/** A `Response` value in `routes`, serialised once: only Date and framing are added per request. */
export interface StaticRoute {
  readonly kind: "static";
  /** Status line and headers (with Bun's etag), without Date / Content-Length. */
  prefix: string;
  /** The header lines alone (what a 304 repeats). */
  lines: string;
  /** The entity tag If-None-Match is compared with (quotes and W/ removed); undefined for an empty body. */
  tag: string | undefined;
  body: Uint8Array;
  status: number;
  /** Set until the body of a native Response has been read. */
  ready: Promise<void> | undefined;
  /** The whole answer (head with Date, and body) as one buffer, rebuilt when the Date second changes. */
  wire: { date: string; head: string; bytes: Buffer } | undefined;
}

/** A BunFile (or a Response holding one) in `routes`: streamed from disk per request. */
export interface FileRoute {
  readonly kind: "file";
  readonly path: string;
  /** The part of the file a slice covers. */
  readonly span: FileSpan;
  readonly status: number;
  /** The Response's header lines with the file's Content-Type, in Bun's order (no Content-Length). */
  readonly lines: string;
  /** The program's own Last-Modified, which replaces the file's (and, parsed, is what If-Modified-Since is compared with). */
  readonly lastModified: string | undefined;
}

interface HandlerRoute {
  readonly kind: "handler";
  readonly handler: RouteHandler;
}

/** `false`: the path is left to `fetch`. */
interface FetchRoute {
  readonly kind: "fetch";
}

export type RouteTarget = StaticRoute | FileRoute | HandlerRoute | FetchRoute;

interface Entry {
  all: RouteTarget | undefined;
  methods: Map<string, RouteTarget> | undefined;
}

interface Node {
  literal: Map<string, Node> | undefined;
  param: { name: string; node: Node } | undefined;
  wildcard: Entry | undefined;
  entry: Entry | undefined;
}

interface RouteMatch {
  target: RouteTarget;
  params: Record<string, string>;
}

function newNode(): Node {
  return { literal: undefined, param: undefined, wildcard: undefined, entry: undefined };
}

function etagOf(body: Uint8Array): string {
  return hash.xxHash64(body).toString(16).padStart(16, "0");
}

function staticFrom(status: number, pairs: Iterable<readonly [string, string]>, body: Uint8Array, defaultType: string | undefined): StaticRoute {
  const list: [string, string][] = [];
  for (const [name, value] of pairs) {
    // undici's own Content-Type for a string body: Bun's spelling of the same default instead.
    if (name === "content-type" && value === "text/plain;charset=UTF-8") defaultType = "text/plain;charset=utf-8";
    else list.push([name, value]);
  }
  // Bun gives an empty body neither a default Content-Type nor an etag.
  const empty = body.byteLength === 0;
  const hasType = list.some(([name]) => name.toLowerCase() === "content-type");
  if (!hasType && defaultType !== undefined && !empty) list.push(["Content-Type", defaultType]);
  const ownTag = list.find(([name]) => name.toLowerCase() === "etag");
  const wire = sortedWireHeaders(list);
  const generated = ownTag === undefined && !empty ? etagOf(body) : undefined;
  const lines = wire.text + (generated === undefined ? "" : `etag: "${generated}"\r\n`);
  const tag = ownTag === undefined ? generated : bareTag(ownTag[1]);
  return { kind: "static", prefix: statusLine(status) + lines, lines, tag, body, status, ready: undefined, wire: undefined };
}

function headerPairs(init: HeadersInit | undefined): [string, string][] {
  if (init === undefined) return [];
  const source = Array.isArray(init) || init instanceof Headers ? init : Object.entries(init);
  const pairs: [string, string][] = [];
  for (const [name, value] of source as Iterable<[string, string]>) pairs.push([name, value]);
  return pairs;
}

/** A file route: what Bun keeps of the Response (status, headers with the file's type) and the file's span. */
function fileRouteFrom(file: Blob, path: string, status: number, pairs: [string, string][]): FileRoute {
  const lastModified = pairs.find(([name]) => name.toLowerCase() === "last-modified")?.[1];
  if (file.type !== "" && !pairs.some(([name]) => name.toLowerCase() === "content-type")) pairs.push(["Content-Type", file.type]);
  return { kind: "file", path, span: fileSpan(file) ?? { start: 0, end: undefined }, status, lines: sortedWireHeaders(pairs).text, lastModified };
}

function prepareStatic(response: Response): StaticRoute | FileRoute {
  const parts = fastParts(response);
  if (parts !== undefined && !parts.bodyUsed) {
    const body = parts.body;
    const pairs = headerPairs(parts.headers ?? parts.headersInit);
    if (parts.jsonType) pairs.push(["Content-Type", "application/json;charset=utf-8"]);
    if (typeof body === "string") return staticFrom(parts.status, pairs, Buffer.from(body), "text/plain;charset=utf-8");
    if (body === null || body === undefined) return staticFrom(parts.status, pairs, new Uint8Array(0), undefined);
    if (body instanceof Uint8Array) return staticFrom(parts.status, pairs, body, "application/octet-stream");
    const target = body instanceof Blob ? fileTarget(body) : undefined;
    if (target?.kind === "path") return fileRouteFrom(body as Blob, target.path, parts.status, pairs);
  }
  // A native Response (or an unusual body): read it once, then serve the bytes.
  const route = staticFrom(response.status, [], new Uint8Array(0), undefined);
  const copy = response.clone();
  route.ready = copy.arrayBuffer().then((buffer) => {
    const ready = staticFrom(copy.status, copy.headers, new Uint8Array(buffer), undefined);
    Object.assign(route, { prefix: ready.prefix, lines: ready.lines, tag: ready.tag, body: ready.body, wire: undefined, ready: undefined });
  });
  // A body that fails to read fails each request instead (#sendStatic), not the process.
  route.ready.catch(() => {});
  return route;
}

const methodNames = new Set(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "CONNECT", "TRACE"]);

function targetOf(value: unknown, path: string): RouteTarget {
  if (value === false) return { kind: "fetch" };
  if (typeof value === "function") return { kind: "handler", handler: value as RouteHandler };
  if (value instanceof Response) return prepareStatic(value);
  if (value instanceof Blob) {
    const target = fileTarget(value);
    if (target?.kind === "path") return fileRouteFrom(value, target.path, 200, []);
    return prepareStatic(new Response(value));
  }
  throw notImplemented("Bun.serve", `route "${path}": only Response, BunFile, false, functions and method objects are supported (HTML imports and { dir } routes need Bun's bundler)`);
}

function entryOf(value: unknown, path: string): Entry {
  if (typeof value === "object" && value !== null && !(value instanceof Response) && !(value instanceof Blob)) {
    const methods = new Map<string, RouteTarget>();
    for (const [method, handler] of Object.entries(value)) {
      if (!methodNames.has(method)) {
        if ("dir" in value || "index" in value) break;
        continue;
      }
      methods.set(method, targetOf(handler, path));
    }
    if (methods.size === 0) targetOf(value, path);
    return { all: undefined, methods };
  }
  return { all: targetOf(value, path), methods: undefined };
}

function lookupMethod(entry: Entry | undefined, method: string, skip: ReadonlySet<RouteTarget> | undefined): RouteTarget | undefined {
  if (entry === undefined) return undefined;
  const methods = entry.methods;
  const target = entry.all ?? methods!.get(method) ?? (method === "HEAD" ? methods!.get("GET") : undefined);
  return target !== undefined && skip?.has(target) === true ? undefined : target;
}

function decodeParam(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export class Router {
  readonly #root = newNode();
  /** Paths without parameters or wildcards, answered without walking the trie. */
  readonly #exact = new Map<string, Entry>();
  #dynamic = false;

  constructor(routes: Record<string, unknown>) {
    for (const [path, value] of Object.entries(routes)) {
      if (!path.startsWith("/")) throw new TypeError(`Invalid route "${path}". Path must start with '/'`);
      this.#add(path, entryOf(value, path));
    }
  }

  #add(path: string, entry: Entry): void {
    const segments = path.slice(1).split("/");
    if (!segments.some((segment) => segment.startsWith(":") || segment === "*")) this.#exact.set(path, entry);
    else this.#dynamic = true;
    let node = this.#root;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      if (segment === "*" && i === segments.length - 1) {
        node.wildcard = entry;
        return;
      }
      if (segment.startsWith(":")) {
        node.param ??= { name: segment.slice(1), node: newNode() };
        node = node.param.node;
      } else {
        node.literal ??= new Map();
        let next = node.literal.get(segment);
        if (next === undefined) {
          next = newNode();
          node.literal.set(segment, next);
        }
        node = next;
      }
    }
    node.entry = entry;
  }

  /** The route for a request; `skip`: routes that declined it (a file route whose file is missing), so the next in precedence answers. */
  match(method: string, pathname: string, skip?: ReadonlySet<RouteTarget>): RouteMatch | undefined {
    const exact = lookupMethod(this.#exact.get(pathname), method, skip);
    if (exact !== undefined) return { target: exact, params: {} };
    if (!this.#dynamic && !this.#root.wildcard) return undefined;
    const names: string[] = [];
    const values: string[] = [];
    const target = this.#walk(this.#root, pathname.slice(1).split("/"), 0, method, names, values, skip);
    if (target === undefined) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < names.length; i++) params[names[i]!] = decodeParam(values[i]!);
    return { target, params };
  }

  #walk(node: Node, segments: string[], index: number, method: string, names: string[], values: string[], skip: ReadonlySet<RouteTarget> | undefined): RouteTarget | undefined {
    if (index === segments.length) return lookupMethod(node.entry, method, skip);
    const segment = segments[index]!;
    const literal = node.literal?.get(segment);
    if (literal !== undefined) {
      const found = this.#walk(literal, segments, index + 1, method, names, values, skip);
      if (found !== undefined) return found;
    }
    if (node.param !== undefined && segment !== "") {
      names.push(node.param.name);
      values.push(segment);
      const found = this.#walk(node.param.node, segments, index + 1, method, names, values, skip);
      if (found !== undefined) return found;
      names.pop();
      values.pop();
    }
    return lookupMethod(node.wildcard, method, skip);
  }
}

/** The head of a static route's answer to a HEAD request (Bun sends no Date there). */
export function staticHeadOnly(route: StaticRoute): string {
  return `${route.prefix}Content-Length: ${route.body.byteLength}\r\n\r\n`;
}

/** A static route's complete answer, head and body in one buffer (the same bytes for a whole second). */
export function staticWire(route: StaticRoute): { head: string; bytes: Buffer } {
  const date = httpDate();
  let wire = route.wire;
  if (wire === undefined || wire.date !== date) {
    const head = `${route.prefix}Date: ${date}\r\nContent-Length: ${route.body.byteLength}\r\n\r\n`;
    wire = { date, head, bytes: Buffer.concat([Buffer.from(head, "latin1"), route.body]) };
    route.wire = wire;
  }
  return wire;
}
