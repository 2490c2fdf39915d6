// Bun.listen / Bun.connect on Node: real TCP, TLS and unix-socket servers and
// clients on 127.0.0.1 — echo, ordering of arbitrary chunkings, half-close,
// backpressure with a peer that does not read, reload, timeout, stop.
import type { Socket, SocketHandler, TCPSocketListener } from "bun";
import fc from "fast-check";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer as createTlsServer } from "node:tls";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../src/connect.ts";
import { listen } from "../src/listen.ts";
import { until, wait } from "./support/wait.ts";

const scratch = mkdtempSync(join(tmpdir(), "dx-socket-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Handlers = SocketHandler<unknown>;

/** A listener on 127.0.0.1:0 that is always stopped. */
async function withServer<T>(socket: Handlers, body: (server: TCPSocketListener<unknown>) => Promise<T>, options: Record<string, unknown> = {}): Promise<T> {
  const server = listen({ hostname: "127.0.0.1", port: 0, socket, ...options } as never) as TCPSocketListener<unknown>;
  try {
    return await body(server);
  } finally {
    server.stop(true);
  }
}

function dial(port: number, socket: Handlers, options: Record<string, unknown> = {}): Promise<Socket<unknown>> {
  return connect({ hostname: "127.0.0.1", port, socket, ...options } as never) as Promise<Socket<unknown>>;
}

describe("Bun.listen / Bun.connect over TCP", () => {
  it("echoes, and the listener and sockets report Bun's properties", async () => {
    const events: string[] = [];
    await withServer({ open: () => void events.push("s.open"), data: (s, d) => void s.write(Buffer.from(d).toString().toUpperCase()) }, async (server) => {
      expect(Object.prototype.toString.call(server)).toBe("[object Listener]");
      expect(server.hostname).toBe("127.0.0.1");
      expect(server.port).toBeGreaterThan(0);
      let received = "";
      const client = await dial(server.port, { data: (_s, d) => void (received += Buffer.from(d).toString()) });
      expect(Object.prototype.toString.call(client)).toBe("[object TCPSocket]");
      expect([client.readyState, client.remotePort, client.remoteAddress, client.remoteFamily, client.listener]).toEqual([1, server.port, "127.0.0.1", "IPv4", undefined]);
      expect(client.write("hello")).toBe(5);
      expect(client.bytesWritten).toBe(5);
      await until(() => received === "HELLO");
      expect(client.end()).toBe(0);
      expect([client.readyState, client.write("x"), client.end()]).toEqual([-1, -1, -1]);
    });
    expect(events).toEqual(["s.open"]);
  });

  it("bytes written in any chunking arrive intact and in order", async () => {
    let received: Buffer[] = [];
    let ended = false;
    await withServer({ data: (_s, d) => void received.push(Buffer.from(d)), end: () => void (ended = true) }, async (server) => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 0, maxLength: 3000 }), { minLength: 1, maxLength: 12 }), async (chunks) => {
          received = [];
          ended = false;
          const client = await dial(server.port, { data() {} }, { allowHalfOpen: true });
          for (const chunk of chunks) expect(client.write(chunk)).toBe(chunk.byteLength);
          client.end();
          await until(() => ended);
          expect(Buffer.concat(received).equals(Buffer.concat(chunks))).toBe(true);
          client.terminate();
        }),
        { numRuns: 15 },
      );
    });
  });

  it("write refuses bytes while the peer does not read, then drain asks for the rest", async () => {
    let accepted: Socket<unknown> | undefined;
    const received: Buffer[] = [];
    await withServer(
      {
        open: (s) => {
          accepted = s;
          s.pause();
        },
        data: (_s, d) => void received.push(Buffer.from(d)),
      },
      async (server) => {
        let drains = 0;
        const client = await dial(server.port, { data() {}, drain: () => void drains++ });
        const chunk = Buffer.alloc(1 << 20);
        for (let i = 0; i < chunk.length; i++) chunk[i] = i % 251;
        const returns: number[] = [];
        for (let i = 0; i < 64 && returns.at(-1) !== 0; i++) returns.push(client.write(chunk));
        // The kernel and Node's queue fill up: Bun-style, the next write takes nothing.
        expect(returns.at(-1)).toBe(0);
        expect(returns.slice(0, -1).every((n) => n === chunk.length)).toBe(true);
        const sent = (returns.length - 1) * chunk.length;
        expect(client.bytesWritten).toBe(sent);
        accepted?.resume();
        await until(() => drains > 0, 10_000);
        expect(client.write("tail")).toBe(4);
        await until(() => Buffer.concat(received).length === sent + 4, 10_000);
        const all = Buffer.concat(received);
        expect(all.subarray(0, chunk.length).equals(chunk)).toBe(true);
        expect(all.subarray(sent).toString()).toBe("tail");
        client.terminate();
      },
    );
  });

  it("half-close: with allowHalfOpen the server still writes after the client's FIN", async () => {
    const log: string[] = [];
    await withServer(
      {
        data: () => void undefined,
        end: (s) => {
          log.push("s.end");
          expect(s.write("late")).toBe(4);
          s.end();
        },
      },
      async (server) => {
        let received = "";
        let closed = false;
        const client = await dial(server.port, { data: (_s, d) => void (received += Buffer.from(d).toString()), close: () => void (closed = true) }, { allowHalfOpen: true });
        client.shutdown();
        expect(client.readyState).toBe(1);
        await until(() => closed);
        expect([log, received]).toEqual([["s.end"], "late"]);
      },
      { allowHalfOpen: true },
    );
  });

  it("without allowHalfOpen, end() closes at once and the peer sees end then close", async () => {
    const log: string[] = [];
    await withServer({ data: (_s, d) => void log.push(`s.data ${Buffer.from(d).toString()}`), end: () => void log.push("s.end"), close: (_s, e) => void log.push(`s.close ${String(e)}`) }, async (server) => {
      const client = await dial(server.port, { data() {}, close: () => void log.push("c.close") });
      expect(client.end("bye")).toBe(3);
      log.push("after end()");
      await until(() => log.length === 5);
      expect(log).toEqual(["c.close", "after end()", "s.data bye", "s.end", "s.close undefined"]);
    });
  });

  it("terminate() resets the connection: the peer's close gets ECONNRESET", async () => {
    let error: unknown = null;
    await withServer({ data() {}, close: (_s, e) => void (error = e) }, async (server) => {
      const client = await dial(server.port, { data() {} });
      await wait(20);
      client.terminate();
      await until(() => error !== null);
      expect(error).toMatchObject({ code: "ECONNRESET", syscall: "read", message: "ECONNRESET: connection reset by peer, read" });
    });
  });

  it("reload() swaps the handlers of the listener's live sockets and of a client", async () => {
    const log: string[] = [];
    await withServer({ data: () => void log.push("old server") }, async (server) => {
      const client = await dial(server.port, { data: () => void log.push("old client") });
      server.reload({ socket: { data: (s) => void (log.push("new server"), s.write("x")) } });
      client.reload({ socket: { data: () => void log.push("new client") } });
      client.write("1");
      await until(() => log.length === 2);
      expect(log).toEqual(["new server", "new client"]);
      client.end();
    });
  });

  it("socket.data is the listener's data for accepted sockets and the option for clients", async () => {
    const shared = { n: 1 };
    let serverSide: Socket<unknown> | undefined;
    await withServer(
      { open: (s) => void (serverSide = s), data() {} },
      async (server) => {
        const client = await dial(server.port, { data() {} }, { data: { mine: true } });
        await until(() => serverSide !== undefined);
        expect(serverSide?.data).toBe(shared);
        expect(client.data).toEqual({ mine: true });
        client.data = 7;
        expect(client.data).toBe(7);
        client.end();
      },
      { data: shared },
    );
  });

  it("timeout(seconds) calls the timeout handler and leaves the socket open", async () => {
    let timedOut = 0;
    await withServer({ data() {} }, async (server) => {
      const client = await dial(server.port, { data() {}, timeout: () => void timedOut++ });
      client.timeout(1);
      await until(() => timedOut > 0, 5_000);
      expect(client.readyState).toBe(1);
      client.end();
    });
  });

  it("stop() without closeActive keeps accepted sockets working", async () => {
    await withServer({ data: (s, d) => void s.write(d) }, async (server) => {
      let received = "";
      const client = await dial(server.port, { data: (_s, d) => void (received += Buffer.from(d).toString()) });
      server.stop();
      client.write("still here");
      await until(() => received === "still here");
      await expect(dial(server.port, { data() {} })).rejects.toMatchObject({ code: "ECONNREFUSED" });
      client.end();
    });
  });

  it("a refused connection calls connectError before rejecting with Bun's error", async () => {
    const probe = listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const { port } = probe;
    probe.stop(true);
    const log: unknown[] = [];
    const error = await dial(port, { data() {}, connectError: (s, e) => void log.push([s.readyState, (e as Error).message]) }).catch((e: unknown) => e);
    expect(log).toEqual([[-1, "Failed to connect"]]);
    expect(error).toMatchObject({ message: "Failed to connect", code: "ECONNREFUSED", errno: -111, syscall: "connect" });
  });

  it("throws Bun's errors for bad options and a taken port", () => {
    expect(() => listen({} as never)).toThrow(expect.objectContaining({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: "SocketOptions.socket is required" }));
    expect(() => listen({ hostname: "127.0.0.1", port: 70000, socket: { data() {} } })).toThrow(expect.objectContaining({ name: "RangeError", code: "ERR_OUT_OF_RANGE" }));
    expect(() => connect({ hostname: "127.0.0.1", port: 1, socket: {} } as never)).toThrow('Expected at least "data" or "drain" callback');
    const taken = listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    try {
      expect(() => listen({ hostname: "127.0.0.1", port: taken.port, socket: { data() {} } })).toThrow(expect.objectContaining({ message: "Failed to listen at 127.0.0.1", code: "EADDRINUSE", errno: 98, syscall: "listen" }));
    } finally {
      taken.stop();
    }
  });
});

describe("Bun.listen / Bun.connect reading streams as Bun reads them", () => {
  const SIZE = 8 << 20;
  const pattern = (seed: number): Buffer => {
    const bytes = Buffer.allocUnsafe(SIZE);
    for (let i = 0; i < SIZE; i++) bytes[i] = (i * 31 + seed * 97 + (i >>> 13)) & 255;
    return bytes;
  };
  /** Writes `bytes` from `offsets.get(socket)` on, Bun-style: whatever write() took, the rest at `drain`; ends when all is written. */
  const sending = new WeakMap<object, { bytes: Buffer; at: number; ended: boolean }>();
  const send = (socket: Socket<unknown>, bytes?: Buffer): void => {
    const state = bytes === undefined ? sending.get(socket) : { bytes, at: 0, ended: false };
    if (state === undefined || state.ended) return;
    sending.set(socket, state);
    while (state.at < state.bytes.length) {
      const chunk = state.bytes.subarray(state.at, state.at + (256 << 10));
      const written = socket.write(chunk);
      state.at += written;
      if (written < chunk.length) return;
    }
    state.ended = true;
    socket.end();
  };

  // Bun reads up to 512 KiB at a time (uSockets' receive buffer); node:net reads 64 KiB.
  // One buffer serves every socket's reads here, so two streams run at once.
  it("accepted and connected sockets get every byte of concurrent streams, in reads of up to 512 KiB", async () => {
    const chunksByPeer = new Map<number, Buffer[]>();
    const outbound = [pattern(1), pattern(2)];
    await withServer(
      {
        open: (s) => send(s, outbound[(s.data as { next: number }).next++ % 2]),
        drain: (s) => send(s),
        data(s, d) {
          const chunks = chunksByPeer.get(s.remotePort) ?? [];
          // Kept as given, not copied: a handler may hold on to its chunk.
          chunks.push(d as Buffer);
          chunksByPeer.set(s.remotePort, chunks);
        },
      },
      async (server) => {
        const received: Buffer[][] = [[], []];
        const inbound = [pattern(3), pattern(4)];
        await Promise.all(
          [0, 1].map((i) =>
            dial(server.port, {
              open: (s) => send(s, inbound[i]),
              drain: (s) => send(s),
              data: (_s, d) => void received[i]!.push(d as Buffer),
            }, { allowHalfOpen: true }),
          ),
        );
        // (No `end` is awaited: Bun reports no FIN to a socket that has ended its own side, as these may have.)
        await until(() => received.every((chunks) => chunks.reduce((sum, chunk) => sum + chunk.length, 0) === SIZE), 20_000);
        const got = received.map((chunks) => Buffer.concat(chunks));
        // Which client got which stream depends on accept order: each got one of the two, whole.
        expect(got.map((bytes) => outbound.findIndex((sent) => sent.equals(bytes))).sort()).toEqual([0, 1]);
        await until(() => [...chunksByPeer.values()].reduce((sum, chunks) => sum + Buffer.concat(chunks).length, 0) === 2 * SIZE, 20_000);
        const serverGot = [...chunksByPeer.values()].map((chunks) => Buffer.concat(chunks));
        expect(serverGot.map((bytes) => inbound.findIndex((sent) => sent.equals(bytes))).sort()).toEqual([0, 1]);
        const sizes = [...received.flat(), ...[...chunksByPeer.values()].flat()].map((chunk) => chunk.length);
        expect(Math.max(...sizes)).toBeGreaterThan(64 << 10);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(512 << 10);
      },
      { data: { next: 0 }, allowHalfOpen: true },
    );
  });
});

describe("Bun.listen / Bun.connect over a unix socket", () => {
  it("echoes through a socket file in a scratch directory", async () => {
    const path = join(scratch, "echo.sock");
    const server = listen({ unix: path, socket: { data: (s, d) => void s.write(d) } });
    try {
      const loose = server as unknown as Record<string, unknown>;
      expect([server.unix, loose["port"], loose["hostname"]]).toEqual([path, undefined, undefined]);
      let received = "";
      const client = await connect({ unix: path, socket: { data: (_s, d) => void (received += Buffer.from(d).toString()) } });
      client.write("over unix");
      await until(() => received === "over unix");
      client.end();
    } finally {
      server.stop(true);
    }
    await expect(connect({ unix: join(scratch, "missing.sock"), socket: { data() {} } })).rejects.toMatchObject({ code: "ENOENT", message: "Failed to connect" });
  });
});

describe("Bun.listen / Bun.connect over TLS", () => {
  const certDir = mkdtempSync(join(scratch, "cert-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(certDir, "key.pem"), "-out", join(certDir, "cert.pem"), "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], { stdio: "ignore" });
  const cert = readFileSync(join(certDir, "cert.pem"), "utf8");
  const key = readFileSync(join(certDir, "key.pem"), "utf8");

  it("echoes with a trusted certificate; handshake reports success", async () => {
    const handshakes: unknown[] = [];
    await withServer(
      { data: (s, d) => void s.write(d) },
      async (server) => {
        let received = "";
        const client = await dial(server.port, { data: (_s, d) => void (received += Buffer.from(d).toString()), handshake: (_s, ok, error) => void handshakes.push([ok, error]) }, { tls: { ca: cert } });
        expect(Object.prototype.toString.call(client)).toBe("[object TLSSocket]");
        await until(() => handshakes.length === 1);
        expect(handshakes).toEqual([[true, null]]);
        expect(client.authorized).toBe(true);
        client.write("secret");
        await until(() => received === "secret");
        expect(client.getTLSVersion()).toMatch(/^TLSv1\.[23]$/);
        client.end();
      },
      { tls: { cert, key } },
    );
  });

  it("upgradeTLS (STARTTLS) against a node:tls server: [raw, tls], bytes through TLS, a refused certificate", async () => {
    const server = createTlsServer({ cert, key }, (peer) => {
      peer.on("error", () => {});
      peer.on("data", (chunk: Buffer) => void peer.write(`tls:${chunk.toString()}`));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const plain = await dial(port, { data() {} }, { data: "plain" });
      let received = "";
      const [raw, secure] = plain.upgradeTLS({ data: "secure", tls: { ca: cert, serverName: "localhost" }, socket: { data: (_s, d) => void (received += Buffer.from(d).toString()), handshake: (s) => void s.write("hello") } });
      expect([raw.data, secure.data, plain.readyState, plain.write("x")]).toEqual(["plain", "secure", -1, -1]);
      expect(Object.prototype.toString.call(secure)).toBe("[object TLSSocket]");
      await until(() => received === "tls:hello");
      expect(secure.authorized).toBe(true);
      expect(secure.remotePort).toBe(port);
      expect(secure.upgradeTLS({ tls: true, socket: { data() {} } })).toBeUndefined();
      secure.end();

      const refused: unknown[] = [];
      const other = await dial(port, { data() {} });
      other.upgradeTLS({ tls: true, socket: { data() {}, handshake: (_s, ok, error) => void refused.push([ok, (error as { code?: string } | null)?.code]), close: () => void refused.push("close") } });
      await until(() => refused.length === 2);
      expect(refused).toEqual([[false, "DEPTH_ZERO_SELF_SIGNED_CERT"], "close"]);
    } finally {
      server.close();
    }
  });

  it("tls: true refuses a self-signed certificate: handshake(false, error), then close", async () => {
    await withServer(
      { data() {} },
      async (server) => {
        const log: unknown[] = [];
        await dial(server.port, { data() {}, handshake: (_s, ok, error) => void log.push(["handshake", ok, (error as { code?: string } | null)?.code]), close: () => void log.push(["close"]) }, { tls: true });
        await until(() => log.length === 2);
        expect(log).toEqual([["handshake", false, "DEPTH_ZERO_SELF_SIGNED_CERT"], ["close"]]);
      },
      { tls: { cert, key } },
    );
  });
});
