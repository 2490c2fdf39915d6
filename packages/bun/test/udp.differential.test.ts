// Bun.udpSocket under real Bun and under Node + dx-compat: datagrams between
// two sockets on 127.0.0.1, what the `data` handler receives, the socket's
// properties and return values, and Bun's errors for bad options and sends.
import { compareBatch } from "@dx-compat/oracle";
import { describe, expect, it } from "vitest";

const caseModule = `
import { udpSocket } from "bun";
const show = (x) => {
  if (x === undefined) return "undefined";
  if (x instanceof Error) return { error: x.constructor.name, message: x.message, code: x.code };
  if (Buffer.isBuffer(x)) return "Buffer:" + x.toString();
  if (x instanceof Uint8Array) return "Uint8Array:" + Buffer.from(x).toString();
  if (x instanceof ArrayBuffer) return "ArrayBuffer:" + Buffer.from(x).toString();
  return x;
};
const attempt = (f) => { try { return show(f()); } catch (e) { return show(e); } };
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (check) => { for (let i = 0; i < 200 && !check(); i++) await wait(10); };
const address = (a) => a === undefined ? "undefined" : [a.address, a.family, typeof a.port];

async function receiver(binaryType, log) {
  return udpSocket({ hostname: "127.0.0.1", port: 0, binaryType, socket: { data(s, d, port, addr, flags) { log.push([show(d), typeof port, addr, flags]); } } });
}

const scenarios = {
  sendAndReceive: async (binaryType) => {
    const log = [];
    const a = await receiver(binaryType, log);
    const b = await udpSocket({});
    const results = [
      b.send("hello", a.port, "127.0.0.1"),
      b.send(new Uint8Array([65, 66]), a.port, "127.0.0.1"),
      b.send(new Uint16Array([0x4343]), a.port, "127.0.0.1"),
      b.send(new TextEncoder().encode("ab").buffer, a.port, "127.0.0.1"),
      b.sendMany(["m1", a.port, "127.0.0.1", new Uint8Array([109, 50]), a.port, "127.0.0.1"]),
    ];
    await until(() => log.length >= 6);
    const props = [Object.prototype.toString.call(a), a.hostname, typeof a.port, address(a.address), a.binaryType, a.closed, b.hostname, address(b.address), a.remoteAddress];
    a.close(); b.close();
    return { results, log, props };
  },
  connected: async () => {
    const log = [];
    const a = await receiver(undefined, log);
    const c = await udpSocket({ hostname: "127.0.0.1", connect: { hostname: "127.0.0.1", port: a.port } });
    const results = [c.send("one"), c.sendMany(["two", new Uint8Array([51])]), address(c.remoteAddress), c.remoteAddress.port === a.port,
      attempt(() => c.send("x", a.port, "127.0.0.1")), attempt(() => c.send(5))];
    await until(() => log.length >= 3);
    a.close(); c.close();
    return { results, log };
  },
  sendErrors: async () => {
    const a = await udpSocket({ hostname: "127.0.0.1" });
    const p = a.port;
    const results = [
      attempt(() => a.send("x")), attempt(() => a.send("x", p)), attempt(() => a.send(5, p, "127.0.0.1")), attempt(() => a.send(null, p, "127.0.0.1")),
      attempt(() => a.send("x", 0, "127.0.0.1")), attempt(() => a.send("x", 70000, "127.0.0.1")), attempt(() => a.send("x", 1.5, "127.0.0.1")),
      attempt(() => a.sendMany(["x", p])), attempt(() => a.sendMany([])),
      attempt(() => a.setBroadcast(true)), attempt(() => a.setTTL(12)), attempt(() => a.setMulticastTTL(3)), attempt(() => a.setMulticastLoopback(false)),
      attempt(() => a.ref()), attempt(() => a.unref()),
    ];
    a.close();
    results.push(a.closed, typeof a.port, address(a.address), attempt(() => a.close()), attempt(() => a.send("x", p, "127.0.0.1")));
    return results;
  },
  reload: async () => {
    const log = [];
    const a = await udpSocket({ hostname: "127.0.0.1", socket: { data(s, d) { log.push(["first", show(d)]); } } });
    const b = await udpSocket({});
    const results = [attempt(() => a.reload()), attempt(() => a.reload({ data() { log.push("ignored"); } }))];
    b.send("1", a.port, "127.0.0.1");
    await until(() => log.length >= 1);
    results.push(attempt(() => a.reload({ socket: { data(s, d) { log.push(["second", show(d)]); } } })));
    b.send("2", a.port, "127.0.0.1");
    await until(() => log.length >= 2);
    a.close(); b.close();
    return { results, log };
  },
  badOptions: async (options) => {
    try {
      const promise = udpSocket(options);
      promise.catch(() => undefined);
      const socket = await promise;
      const result = ["ok", socket.hostname, typeof socket.port, socket.binaryType, socket.remoteAddress?.port];
      socket.close();
      return result;
    } catch (e) {
      return show(e);
    }
  },
};
export default ([name, arg]) => scenarios[name](arg);
`;

describe("Bun.udpSocket against Bun", () => {
  it("datagrams, handler arguments, properties, errors", async () => {
    const bad = [undefined, null, 5, {}, { port: -1 }, { port: 65536 }, { port: "8" }, { port: "" }, { port: true }, { port: "x" }, { port: 1.5 }, { hostname: 5 }, { binaryType: "blob" }, { binaryType: "arraybuffer" },
      { connect: {} }, { connect: { hostname: "127.0.0.1" } }, { connect: { hostname: "127.0.0.1", port: "x" } }, { connect: { hostname: "127.0.0.1", port: 0 } }, { connect: { hostname: "127.0.0.1", port: "9" } },
      { binaryType: "uint8array", socket: {} }, { hostname: "127.0.0.1", binaryType: "arraybuffer" }, { socket: { data: 5 } }, { socket: { drain: "x" } }, { socket: { error: 1 } }];
    const { mismatches } = await compareBatch(caseModule, [
      ["sendAndReceive", undefined],
      ["sendAndReceive", "arraybuffer"],
      ["sendAndReceive", "uint8array"],
      ["connected"],
      ["sendErrors"],
      ["reload"],
      ...bad.map((options) => ["badOptions", options]),
    ], { timeoutMs: 30_000 });
    expect(mismatches.map((mismatch) => JSON.stringify(mismatch))).toEqual([]);
  }, 60_000);
});
