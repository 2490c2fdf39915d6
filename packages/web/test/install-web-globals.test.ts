// installWebGlobals(): fills what this Node lacks, replaces only fetch (Bun's is a
// superset), records what it did, and is idempotent.
import { describe, expect, it } from "vitest";
import { CloseEvent, ErrorEvent, fetch, installWebGlobals, URLPattern, WebSocket } from "../src/index.ts";

describe("installWebGlobals", () => {
  const hadBefore = {
    URLPattern: "URLPattern" in globalThis,
    CloseEvent: "CloseEvent" in globalThis,
    ErrorEvent: "ErrorEvent" in globalThis,
    self: "self" in globalThis,
    Temporal: "Temporal" in globalThis,
    addEventListener: "addEventListener" in globalThis,
  };
  const temporalBefore = Object.getOwnPropertyDescriptor(globalThis, "Temporal");
  const nodeURLPattern = (globalThis as { URLPattern?: unknown }).URLPattern;
  const installed = installWebGlobals();

  it("reports what it installed, and nothing Node already had", () => {
    for (const [name, had] of Object.entries(hadBefore)) expect(installed.includes(name)).toBe(!had);
    expect(installed).toEqual(expect.arrayContaining(["Headers.prototype.toJSON", "Headers.prototype.getAll", "Headers.prototype.count", "fetch", "WebSocket"]));
    expect(installWebGlobals()).toEqual([]);
  });

  it("installs Bun's fetch and WebSocket, and keeps Node's URLPattern where there is one", () => {
    expect(globalThis.fetch).toBe(fetch);
    expect(globalThis.WebSocket).toBe(WebSocket);
    expect(Object.getOwnPropertyDescriptor(globalThis, "WebSocket")).toMatchObject({ writable: true, enumerable: true, configurable: true });
    expect((globalThis as { URLPattern?: unknown }).URLPattern).toBe(nodeURLPattern ?? URLPattern);
    expect((globalThis as { self?: unknown }).self).toBe(globalThis);
  });

  it("installs Temporal lazily where the engine has none: an accessor until first use, then the polyfill as a plain global", () => {
    if (temporalBefore !== undefined) return expect(installed).not.toContain("Temporal");
    expect(installed).toContain("Temporal");
    const pending = Object.getOwnPropertyDescriptor(globalThis, "Temporal");
    expect(typeof pending?.get === "function" || "value" in (pending ?? {})).toBe(true);
    const temporal = (globalThis as unknown as { Temporal: { PlainDate: { from(s: string): { add(d: object): { toString(): string } } } } }).Temporal;
    expect(temporal.PlainDate.from("2024-02-29").add({ years: 1 }).toString()).toBe("2025-02-28");
    expect(Object.getOwnPropertyDescriptor(globalThis, "Temporal")).toMatchObject({ writable: true, enumerable: false, configurable: true });
    expect((new Date(0) as Date & { toTemporalInstant(): object }).toTemporalInstant().toString()).toBe("1970-01-01T00:00:00Z");
    expect(new Intl.DateTimeFormat("en-US", { timeZone: "UTC" }).format(temporal.PlainDate.from("2024-02-29") as never)).toBe("2/29/2024");
  });

  it("gives the main thread Bun's global event functions, on an EventTarget of their own", () => {
    if (hadBefore.addEventListener) return;
    const scope = globalThis as unknown as EventTarget & { postMessage(message: unknown): void; onmessage: unknown; onerror: unknown };
    const seen: unknown[] = [];
    const listener = (event: Event): void => void seen.push([event.type, event.target === (globalThis as unknown)]);
    scope.addEventListener("ping", listener);
    expect(scope.dispatchEvent(new Event("ping"))).toBe(true);
    scope.removeEventListener("ping", listener);
    scope.dispatchEvent(new Event("ping"));
    expect(seen).toEqual([["ping", false]]);
    expect([scope.postMessage("nowhere"), scope.onmessage, scope.onerror]).toEqual([undefined, null, null]);
  });

  it("makes the globals Bun has and Node may lack usable", () => {
    const closing = new (globalThis as unknown as { CloseEvent: typeof CloseEvent }).CloseEvent("close", { code: 1000, reason: "bye", wasClean: true });
    expect([closing.type, closing.code, closing.reason, closing.wasClean, closing instanceof Event]).toEqual(["close", 1000, "bye", true, true]);
    const failing = new (globalThis as unknown as { ErrorEvent: typeof ErrorEvent }).ErrorEvent("error", { message: "m", error: 1 });
    expect([failing.message, failing.filename, failing.lineno, failing.colno, failing.error]).toEqual(["m", "", 0, 0, 1]);
    expect(new ErrorEvent("error").error).toBeNull();
    expect(() => new (CloseEvent as unknown as new () => Event)()).toThrow("Not enough arguments");
  });

  it("extends Headers.prototype as Bun does", () => {
    const headers = new Headers([
      ["X-Foo", "1"],
      ["Set-Cookie", "a=1"],
      ["content-type", "text/plain"],
      ["set-cookie", "b=2"],
      ["x-foo", "2"],
      ["Accept", "*/*"],
    ]) as Headers & { toJSON(): Record<string, unknown>; getAll(name: string): string[]; count: number };
    expect(JSON.stringify(headers)).toBe('{"content-type":"text/plain","accept":"*/*","set-cookie":["a=1","b=2"],"x-foo":"1, 2"}');
    expect(Object.getPrototypeOf(headers.toJSON())).toBeNull();
    expect(headers.getAll("Set-Cookie")).toEqual(["a=1", "b=2"]);
    expect(() => headers.getAll("x-foo")).toThrow('Only "set-cookie" is supported.');
    expect(() => (headers.getAll as () => unknown)()).toThrow("Missing argument");
    expect(headers.count).toBe(5);
    const toJSON = (Headers.prototype as unknown as { toJSON: () => unknown }).toJSON;
    expect(() => toJSON.call({})).toThrow("Can only call Headers.toJSON on instances of Headers");
    expect([toJSON.name, toJSON.length]).toEqual(["toJSON", 0]);
  });

  it("keeps insertion order within common and other names, as Bun's toJSON does", () => {
    const headers = new Headers([
      ["accept", "1"],
      ["content-type", "1"],
      ["x-a", "1"],
      ["x-b", "1"],
    ]);
    headers.delete("accept");
    headers.append("accept", "2");
    headers.delete("x-a");
    headers.append("x-a", "3");
    headers.set("content-type", "q");
    expect(JSON.stringify(headers)).toBe('{"content-type":"q","accept":"2","x-b":"1","x-a":"3"}');
  });
});
