// @dx-compat/web against real Bun 1.4.5: the same inputs through Bun's globals
// and through Node with installWebGlobals() (what dx-compat/register installs),
// compared value for value and error for error.
import { compareBatch } from "@dx-compat/oracle";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { closedPort } from "./support/servers.ts";

// Node loads this package's installer from source in the development loop, its build otherwise.
const entry = process.env["DX_COMPAT_ORACLE_SOURCE"] === "1" ? "../src/index.ts" : "../dist/index.js";
const webEntry = pathToFileURL(join(import.meta.dirname, entry)).href;

const caseModule = `
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
if (!process.versions.bun) (await import(${JSON.stringify(webEntry)})).installWebGlobals();

const shape = (error) => ({ name: error?.name, code: error?.code, message: error?.message, keys: Object.keys(error ?? {}), errno: error?.errno, path: error?.path, syscall: error?.syscall });
const attempt = (f) => { try { return { value: f() }; } catch (error) { return { error: shape(error) }; } };
const files = join(process.cwd(), "files");
mkdirSync(files, { recursive: true });

function component(result) {
  if (!result) return result;
  const groups = {};
  // Sorted: Node 24's own URLPattern (kept, not replaced) lists groups in another order than Bun (a known divergence).
  for (const [key, value] of Object.entries(result.groups).sort(([a], [b]) => (a < b ? -1 : 1))) groups[key] = value === undefined ? "(undefined)" : value;
  return { input: result.input, groups };
}

export default async (input) => {
  switch (input.kind) {
    case "headers": {
      const headers = new Headers(input.init);
      return { json: JSON.stringify(headers), keys: Object.keys(headers.toJSON()), count: headers.count, getAll: attempt(() => headers.getAll(input.name)) };
    }
    case "urlpattern": {
      const made = attempt(() => (input.base === undefined ? new URLPattern(input.pattern) : new URLPattern(input.pattern, input.base)));
      // Only the class: Node 24's own URLPattern words its errors differently (a known divergence).
      if (made.error) return { error: made.error.name };
      const pattern = made.value;
      const result = attempt(() => pattern.exec(input.url));
      if (result.error || !result.value) return { test: attempt(() => pattern.test(input.url)), exec: result };
      const keys = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
      return { test: pattern.test(input.url), exec: Object.fromEntries(keys.map((key) => [key, component(result.value[key])])), pathname: pattern.pathname, hasRegExpGroups: pattern.hasRegExpGroups };
    }
    case "file": {
      const path = join(files, input.name);
      if (input.content !== undefined) writeFileSync(path, input.content);
      try {
        const response = await fetch(pathToFileURL(path));
        const head = { status: response.status, statusText: response.statusText, ok: response.ok, headers: [...response.headers], urlEnds: response.url.endsWith(input.name) };
        try {
          return { ...head, text: await response.text() };
        } catch (error) {
          const { path: _path, message: _message, ...rest } = shape(error);
          return { ...head, readError: rest, messageEnds: error.message.endsWith(input.name + "'") };
        }
      } catch (error) {
        return { fetchError: shape(error) };
      }
    }
    case "error": {
      try {
        const response = await fetch(input.url, input.init);
        return { status: response.status };
      } catch (error) {
        return { rejects: shape(error) };
      }
    }
    case "stalled-body": {
      // A body that stops after 3 of its 10 bytes: \`timeout\` (an idle deadline) ends the read.
      const { createServer } = await import("node:net");
      const server = createServer((socket) => socket.once("data", () => socket.write("HTTP/1.1 200 OK\\r\\nContent-Length: 10\\r\\n\\r\\nabc")));
      await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const response = await fetch("http://127.0.0.1:" + server.address().port + "/", { timeout: input.timeout });
        try {
          return { status: response.status, text: await response.text() };
        } catch (error) {
          return { status: response.status, readError: { ...shape(error), isDOMException: error instanceof DOMException } };
        }
      } finally {
        server.close();
        server.unref();
      }
    }
    default:
      throw new Error("unknown case " + input.kind);
  }
};
`;

const headerCases = [
  { init: [["Set-Cookie", "a=1"], ["set-cookie", "b=2"], ["X-Foo", "1"], ["x-foo", "2"], ["Content-Type", "text/plain"], ["Accept", "x"]], name: "set-cookie" },
  { init: [["z", "1"], ["a", "2"], ["set-cookie", "c"], ["m", "3"]], name: "Set-Cookie" },
  { init: [["accept", "1"], ["content-type", "1"], ["authorization", "1"]], name: "x-foo" },
  { init: [["x-b", "1"], ["Host", "h"], ["x-a", "2"], ["User-Agent", "u"], ["ETag", "e"]], name: "" },
  { init: { B: "1", a: "2", "Cache-Control": "no-store", Vary: "Accept" }, name: "SET-COOKIE" },
  { init: [], name: "set-cookie" },
  { init: [["set-cookie", "a=1, b=2"], ["Set-Cookie2", "x"]], name: "set-cookie" },
  { init: [["x-custom", " padded "], ["x-custom", ""], ["Link", "<a>"], ["Link", "<b>"]], name: 1 },
].map((item) => ({ kind: "headers", ...item }));

const urlPatternCases = [
  { pattern: { pathname: "/books/:id" }, url: "https://example.com/books/123" },
  { pattern: { pathname: "/books/:id" }, url: "https://example.com/authors/1" },
  { pattern: "https://*.example.com/:section/*", url: "https://www.example.com/docs/a/b?x=1#h" },
  { pattern: "/api/:version(v\\d+)/:rest*", base: "https://example.com", url: "https://example.com/api/v2/users/7" },
  { pattern: "/api/:version(v\\d+)/:rest*", base: "https://example.com", url: "https://example.com/api/vx/users" },
  { pattern: { pathname: "/files/:name.:ext?" }, url: "https://h/files/readme" },
  { pattern: { hostname: "{:sub.}?example.com" }, url: "http://example.com/" },
  { pattern: { search: "q=:term" }, url: "https://h/?q=bun" },
  { pattern: "/(", base: "https://h", url: "https://h/" },
  { pattern: { pathname: "/:a/:b?" }, url: "https://h/one" },
].map((item) => ({ kind: "urlpattern", ...item }));

const fileCases = [
  { name: "note.txt", content: "hello file" },
  { name: "data.json", content: '{"a":1}' },
  { name: "page.html", content: "<p>x</p>" },
  { name: "blob.bin", content: "\u0000\u0001" },
  { name: "missing.txt" },
].map((item) => ({ kind: "file", ...item }));

const scratchDir = mkdtempSync(join(tmpdir(), "dx-compat-web-diff-"));
afterAll(() => rmSync(scratchDir, { recursive: true, force: true }));

describe("@dx-compat/web against Bun", () => {
  it("Headers.toJSON/getAll/count, URLPattern, file: URLs and fetch errors agree", async () => {
    const port = await closedPort();
    const errorCases = [
      { url: `http://127.0.0.1:${port}/`, init: {} },
      { url: "http://localhost/", init: { unix: join(scratchDir, "nobody-listens.sock") } },
      { url: `http://127.0.0.1:${port}/`, init: { proxy: "not a url" } },
      { url: `http://127.0.0.1:${port}/`, init: { proxy: { url: 5 } } },
      { url: `http://127.0.0.1:${port}/`, init: { proxy: "ftp://127.0.0.1:21" } },
      { url: "definitely not a url", init: {} },
      { url: "ftp://example.com/", init: {} },
      { url: "file://elsewhere/etc/hosts", init: {} },
    ].map((item) => ({ kind: "error", ...item }));
    // Bun checks its idle timers every few seconds (this case takes it ~8 s); Node's fire near the deadline.
    const inputs = [...headerCases, ...urlPatternCases, ...fileCases, ...errorCases, { kind: "stalled-body", timeout: 300 }];
    const { mismatches, bun } = await compareBatch(caseModule, inputs);
    expect(mismatches).toEqual([]);
    // The batch really ran: Bun answered every case.
    expect(bun).toHaveLength(inputs.length);
  }, 40_000);
});
