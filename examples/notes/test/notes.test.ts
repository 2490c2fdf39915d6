// The main demo, driven over HTTP and WebSocket: the same src/server.ts under
// real Bun and under Node + dx-compat, the same conversation with each, the
// transcripts compared. Each runtime gets its own fresh data directory.
import { scratchDir } from "@dx-compat/oracle";
import { rmSync } from "node:fs";
import { request } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { interrupt, start } from "./service.ts";
const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const auth = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

async function call(base: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(new URL(path, base), init);
  const text = await response.text();
  const headers = ["content-type", "location", "www-authenticate"].flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)]] : []));
  const body = response.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : text.length;
  return { path, status: response.status, headers, body };
}

/** A path sent byte for byte (fetch would resolve the dots away). */
function rawGet(base: string, path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    request({ hostname, port, path, method: "GET" }, (response) => {
      response.resume();
      resolve(response.statusCode);
    })
      .on("error", reject)
      .end();
  });
}

function openFeed(base: string): Promise<{ socket: WebSocket; messages: unknown[]; next: () => Promise<unknown> }> {
  const socket = new WebSocket(new URL("/feed", base.replace(/^http/, "ws")));
  const messages: unknown[] = [];
  const waiting: ((message: unknown) => void)[] = [];
  socket.addEventListener("message", (event) => {
    const data = String(event.data);
    const message = data.startsWith("{") ? JSON.parse(data) : data;
    const waiter = waiting.shift();
    if (waiter === undefined) messages.push(message);
    else waiter(message);
  });
  const next = (): Promise<unknown> => (messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((resolve) => waiting.push(resolve)));
  return new Promise((resolve, reject) => {
    socket.addEventListener("open", () => resolve({ socket, messages, next }));
    socket.addEventListener("error", () => reject(new Error("the feed did not open")));
  });
}

const withoutTimes = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replace(/"createdAt":"[^"]+"/g, '"createdAt":"<time>"'));

/** One whole session with the service; returns everything a client saw. */
async function conversation(runtime: "bun" | "node"): Promise<unknown[]> {
  const dataDir = scratchDir(`dx-notes-${runtime}-`);
  dataDirs.push(dataDir);
  const seen: unknown[] = [];
  const service = await start(runtime, dataDir);
  try {
    const base = service.url;
    seen.push(await call(base, "/health"));
    const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: "POST", body: JSON.stringify(body), headers });
    seen.push(await call(base, "/api/users", json({ name: "ada", password: "lovelace1" })));
    seen.push(await call(base, "/api/users", json({ name: "ada", password: "lovelace1" })));
    seen.push(await call(base, "/api/users", json({ name: "no spaces", password: "lovelace1" })));
    seen.push(await call(base, "/api/users", json({ name: "grace", password: "short" })));
    seen.push(await call(base, "/api/users", { method: "POST", body: "{not json" }));
    const feed = await openFeed(base);
    seen.push(["feed", await feed.next()]);
    feed.socket.send("ping");
    seen.push(["feed", await feed.next()]);
    seen.push(await call(base, "/api/notes", json({ text: "hello" })));
    seen.push(await call(base, "/api/notes", json({ text: "hello" }, auth("ada", "wrong-password"))));
    seen.push(await call(base, "/api/notes", json({ text: "  " }, auth("ada", "lovelace1"))));
    seen.push(await call(base, "/api/notes", json({ text: "first note" }, auth("ada", "lovelace1"))));
    seen.push(["feed", await feed.next()]);
    feed.socket.close();
    seen.push(await call(base, "/api/notes"));
    seen.push(await call(base, "/api/notes/1"));
    seen.push(await call(base, "/api/notes/99"));
    seen.push(await call(base, "/api/nothing/here"));
    seen.push(await call(base, "/"));
    seen.push(await call(base, "/app.js"));
    seen.push(await call(base, "/style.css"));
    seen.push(await call(base, "/missing.png"));
    seen.push(await call(base, "/", { method: "PUT" }));
    seen.push(await call(base, "/feed"));
    seen.push(["raw", await rawGet(base, "/../package.json"), await rawGet(base, "/%2e%2e/package.json")]);
  } finally {
    seen.push(["interrupt", await interrupt(service)]);
  }
  // The notes outlive the process: a restart serves them from the same file.
  const again = await start(runtime, dataDir);
  try {
    const feed = await openFeed(again.url);
    seen.push(["restarted feed", await feed.next()]);
    feed.socket.close();
    seen.push(await call(again.url, "/api/notes"));
  } finally {
    await interrupt(again);
  }
  return seen.map(withoutTimes);
}

describe("the notes demo", () => {
  it("behaves the same under Bun and under Node + dx-compat, over HTTP and WebSocket", async () => {
    const [bun, node] = await Promise.all([conversation("bun"), conversation("node")]);
    // Spot checks that the conversation is the one intended, then the whole transcript.
    expect(bun[1]).toEqual({ path: "/api/users", status: 201, headers: [["content-type", "application/json;charset=utf-8"]], body: { name: "ada" } });
    expect(bun).toContainEqual(["feed", { type: "note", note: { id: 1, author: "ada", text: "first note", createdAt: "<time>" } }]);
    expect(bun).toContainEqual(["interrupt", { code: 0, last: "stopped" }]);
    expect(bun).toContainEqual(["restarted feed", { type: "hello", notes: 1 }]);
    expect(node).toEqual(bun);
  });
});
