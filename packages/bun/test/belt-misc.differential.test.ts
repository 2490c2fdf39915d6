// Bun.peek, Bun.nanoseconds, Bun.gc, Bun.shrink, Bun.unsafe and
// Bun.isMainThread under real Bun and under Node + dx-compat.
import { compareBatch, writeFiles } from "@dx-compat/oracle";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

async function expectSame(caseModule: string, inputs: unknown[], env?: Record<string, string | undefined>): Promise<void> {
  const { mismatches } = await compareBatch(caseModule, inputs, { timeoutMs: 60_000, ...(env === undefined ? {} : { env }) });
  expect(mismatches.map((m) => JSON.stringify(m))).toEqual([]);
}

describe("Bun.peek against Bun", () => {
  it("settled, pending and rejected promises, subclasses, thenables and plain values", async () => {
    // Each case builds its value, lets the microtasks run, then peeks; results are wrapped so
    // the runner never awaits a promise peek handed back.
    const caseModule = `
      class Sub extends Promise {}
      const shared = { shared: true };
      const sym = Symbol.for("peek");
      // Peeking never marks a rejection handled (in either runtime); the test does, so neither process exits early.
      const handled = (p) => { p.catch(() => {}); return p; };
      const makers = {
        number: () => Promise.resolve(42), string: () => Promise.resolve("s"), nul: () => Promise.resolve(null), undef: () => Promise.resolve(undefined),
        negZero: () => Promise.resolve(-0), nan: () => Promise.resolve(NaN), big: () => Promise.resolve(10n ** 30n), symbol: () => Promise.resolve(sym),
        object: () => Promise.resolve(shared), fn: () => Promise.resolve(Math.max), nested: () => Promise.resolve(Promise.resolve(1)),
        pending: () => new Promise(() => {}), rejected: () => handled(Promise.reject(new TypeError("nope"))), rejectedValue: () => handled(Promise.reject(7)),
        sub: () => Sub.resolve(5), async: async () => 9, asyncThrow: () => handled((async () => { throw new RangeError("r"); })()),
        thenable: () => ({ then(resolve) { resolve(1); } }), plainNumber: () => 3, plainObject: () => shared, undefinedValue: () => undefined,
        resolvedLater: () => new Promise((resolve) => setTimeout(() => resolve("late"), 1)),
      };
      export default async (name) => {
        const value = makers[name]();
        await new Promise((r) => setTimeout(r, 5));
        const peeked = Bun.peek(value);
        const status = Bun.peek.status(value);
        const same = peeked === value;
        const described = same ? "self" : peeked === shared ? "shared object" : peeked === sym ? "the symbol" : peeked === Math.max ? "Math.max" : peeked;
        return { status, same, value: described, twice: Bun.peek(value) === peeked };
      };
    `;
    const names = ["number", "string", "nul", "undef", "negZero", "nan", "big", "symbol", "object", "fn", "nested", "pending", "rejected", "rejectedValue", "sub", "async", "asyncThrow", "thenable", "plainNumber", "plainObject", "undefinedValue", "resolvedLater"];
    const lengths = `export default () => [Bun.peek.name, Bun.peek.length, Bun.peek.status.name, Bun.peek.status.length, Object.getOwnPropertyNames(Bun.peek).sort(), Bun.peek(), Bun.peek.status()]`;
    await expectSame(caseModule, names);
    await expectSame(lengths, [null]);
  });
});

describe("Bun.nanoseconds, Bun.gc, Bun.shrink against Bun", () => {
  it("types, monotonicity, arguments", async () => {
    const caseModule = `
      export default (name) => {
        if (name === "nanoseconds") {
          const a = Bun.nanoseconds(), b = Bun.nanoseconds();
          return [typeof a, Number.isInteger(a), b >= a, Math.abs(a - performance.now() * 1e6) < 50e6, a > 0, Bun.nanoseconds.length, Bun.nanoseconds.name];
        }
        if (name === "gc") return [typeof Bun.gc(), typeof Bun.gc(true), typeof Bun.gc(false), typeof Bun.gc("x"), Bun.gc.length, Bun.gc.name, Bun.gc(true) > 0];
        if (name === "shrink") return [Bun.shrink(), Bun.shrink(1), Bun.shrink.length, Bun.shrink.name];
      };
    `;
    await expectSame(caseModule, ["nanoseconds", "gc", "shrink"]);
  });
});

describe("Bun.unsafe against Bun", () => {
  it("arrayBufferToString, gcAggressionLevel (levels 0 and invalid), setJITPolicy's errors, memoryFootprint", async () => {
    const caseModule = `
      const u = Bun.unsafe;
      const attempt = (f) => { try { return { ok: f() }; } catch (e) { return { error: [e.name, e.message, e.code] }; } };
      const views = {
        u8: () => new Uint8Array([104, 233, 0, 255]), ab: () => new Uint8Array([104, 105]).buffer, u16: () => new Uint16Array([0x20ac, 0xd800, 0x41]),
        i8: () => new Int8Array([65, -1]), i16: () => new Int16Array([0x4142]), u32: () => new Uint32Array([0x41424344]), f64: () => new Float64Array([1]),
        buf: () => Buffer.from("hé"), sub: () => new Uint8Array([65, 66, 67]).subarray(1), sab: () => { const s = new SharedArrayBuffer(2); new Uint8Array(s).set([72, 73]); return s; },
        dv: () => new DataView(new ArrayBuffer(2)), str: () => "x", none: () => undefined, obj: () => ({}), u16sub: () => new Uint16Array([0x41, 0x42, 0x43]).subarray(1),
      };
      export default ([name, arg]) => {
        if (name === "a2s") return attempt(() => u.arrayBufferToString(views[arg]()));
        if (name === "gcl") return arg.map((level) => attempt(() => level === "$none" ? u.gcAggressionLevel() : u.gcAggressionLevel(level)));
        if (name === "jit") return attempt(() => arg === "$none" ? u.setJITPolicy() : u.setJITPolicy(arg));
        if (name === "footprint") { const f = u.memoryFootprint(); return [typeof f, f > 1e6, Number.isInteger(f)]; }
        if (name === "shape") return Object.getOwnPropertyNames(u).map((k) => [k, typeof u[k], u[k].length, u[k].name]);
      };
    `;
    const inputs: unknown[] = [
      ...["u8", "ab", "u16", "i8", "i16", "u32", "f64", "buf", "sub", "sab", "dv", "str", "none", "obj", "u16sub"].map((v) => ["a2s", v]),
      ["gcl", ["$none", 0, 5, -1, "x", "0", 0.5, null, undefined, NaN, "$none"]],
      ...["$none", "2", null, 0.5, 0, -1, NaN, Infinity, -Infinity, 1].map((scale) => ["jit", scale]),
      ["footprint", null],
      ["shape", null],
    ];
    await expectSame(caseModule, inputs);
  });
});

describe("Bun.isMainThread against Bun", () => {
  it("isMainThread on the main thread and in a Worker", async () => {
    // node:worker_threads is the Worker both runtimes have.
    const dir = writeFiles({ "worker.mjs": 'import { parentPort } from "node:worker_threads"; parentPort.postMessage(Bun.isMainThread);' });
    const caseModule = `
      import { Worker } from "node:worker_threads";
      export default async (where) => {
        if (where === "main") return Bun.isMainThread;
        const worker = new Worker(${JSON.stringify(join(dir, "worker.mjs"))});
        try { return await new Promise((resolve, reject) => { worker.on("message", resolve); worker.on("error", reject); }); } finally { await worker.terminate(); }
      };
    `;
    await expectSame(caseModule, ["main", "worker"]);
  });
});

