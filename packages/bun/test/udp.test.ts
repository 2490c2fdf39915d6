// Bun.udpSocket on Node: datagrams between sockets on 127.0.0.1, connected
// sockets, sendMany, reload, close, and Bun's errors.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { udpSocket } from "../src/udp-socket.ts";
import { until } from "./support/wait.ts";

describe("Bun.udpSocket", () => {
  it("sends and receives; data gets (socket, data, port, address, flags)", async () => {
    const received: unknown[][] = [];
    const a = await udpSocket({ hostname: "127.0.0.1", socket: { data: (socket, data, port, address, flags) => void received.push([socket, data, port, address, flags]) } });
    const b = await udpSocket({ hostname: "127.0.0.1" });
    try {
      expect(Object.prototype.toString.call(a)).toBe("[object UDPSocket]");
      expect([a.hostname, a.address.address, a.address.family, a.address.port === a.port, a.binaryType, a.closed]).toEqual(["127.0.0.1", "127.0.0.1", "IPv4", true, "buffer", false]);
      expect(b.send("ping", a.port, "127.0.0.1")).toBe(true);
      await until(() => received.length === 1);
      const [socket, data, port, address, flags] = received[0] ?? [];
      expect(socket).toBe(a);
      expect(Buffer.isBuffer(data) && data.toString()).toBe("ping");
      expect([port, address, flags]).toEqual([b.port, "127.0.0.1", { truncated: false, ipv6: false }]);
    } finally {
      a.close();
      b.close();
    }
  });

  it("any datagrams sent with sendMany arrive intact", async () => {
    let received: string[] = [];
    const a = await udpSocket({ hostname: "127.0.0.1", binaryType: "uint8array", socket: { data: (_s, data) => void received.push(Buffer.from(data).toString("hex")) } });
    const b = await udpSocket({ hostname: "127.0.0.1" });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 1, maxLength: 1200 }), { minLength: 1, maxLength: 8 }), async (datagrams) => {
          received = [];
          expect(b.sendMany(datagrams.flatMap((datagram) => [datagram, a.port, "127.0.0.1"]))).toBe(datagrams.length);
          await until(() => received.length === datagrams.length);
          expect(received.toSorted()).toEqual(datagrams.map((datagram) => Buffer.from(datagram).toString("hex")).toSorted());
        }),
        { numRuns: 20 },
      );
    } finally {
      a.close();
      b.close();
    }
  });

  it("a connected socket sends without a destination and refuses one", async () => {
    const received: string[] = [];
    const a = await udpSocket({ hostname: "127.0.0.1", binaryType: "arraybuffer", socket: { data: (_s, data) => void received.push(Buffer.from(data).toString()) } });
    const c = await udpSocket({ hostname: "127.0.0.1", connect: { hostname: "127.0.0.1", port: a.port } });
    try {
      expect(c.remoteAddress).toEqual({ address: "127.0.0.1", family: "IPv4", port: a.port });
      expect([c.send("one"), c.sendMany(["two", "three"])]).toEqual([true, 2]);
      expect(() => (c.send as (...args: unknown[]) => boolean)("x", a.port, "127.0.0.1")).toThrow("Cannot specify destination on connected socket");
      await until(() => received.length === 3);
      expect(received.toSorted()).toEqual(["one", "three", "two"]);
    } finally {
      a.close();
      c.close();
    }
  });

  it("reload({ socket }) replaces the handlers", async () => {
    const log: string[] = [];
    const a = await udpSocket({ hostname: "127.0.0.1", socket: { data: () => void log.push("first") } });
    const b = await udpSocket({});
    try {
      a.reload({ socket: { data: () => void log.push("second") } } as never);
      b.send("x", a.port, "127.0.0.1");
      await until(() => log.length === 1);
      expect(log).toEqual(["second"]);
    } finally {
      a.close();
      b.close();
    }
  });

  it("close() marks it closed and later sends throw", async () => {
    const a = await udpSocket({ hostname: "127.0.0.1" });
    const port = a.port;
    a.close();
    a.close();
    expect([a.closed, a.port]).toEqual([true, port]);
    expect(() => a.send("x", port, "127.0.0.1")).toThrow("Socket is closed");
  });

  it("throws Bun's errors synchronously for bad options and sends", async () => {
    expect(() => udpSocket(undefined as never)).toThrow(expect.objectContaining({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: "Expected an object" }));
    expect(() => udpSocket({ port: -1 })).toThrow('Expected "port" to be an integer between 0 and 65535');
    expect(() => udpSocket({ connect: { hostname: "127.0.0.1" } } as never)).toThrow('Expected "connect.port" to be an integer');
    const a = await udpSocket({});
    try {
      expect(() => (a.send as (...args: unknown[]) => boolean)("x", 1)).toThrow("Expected 3 arguments, got 2");
      expect(() => a.send("x", 0, "127.0.0.1")).toThrow('Expected "port" to be an integer between 1 and 65535');
      expect(() => a.send(5 as never, 1, "127.0.0.1")).toThrow("Expected ArrayBufferView or string as first argument");
      expect([a.setBroadcast(true), a.setTTL(9), a.setMulticastTTL(2), a.setMulticastLoopback(true)]).toEqual([true, 9, 2, true]);
    } finally {
      a.close();
    }
  });
});
