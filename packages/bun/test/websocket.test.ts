// The WebSocket hub behind Bun.serve's `websocket` option, driven through a
// plain node:http server's 'upgrade' event (as Bun.serve wires it) and talked
// to by a real `ws` client over 127.0.0.1. Expected values are what Bun 1.4.5
// does (send statuses, close codes and reasons, message types).
import type { Server, ServerWebSocket, WebSocketHandler } from "bun";
import fc from "fast-check";
import { createServer, type IncomingMessage } from "node:http";
import { connect, type AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebSocketHub } from "../src/internal/serve/websocket/hub.ts";

type Handler = WebSocketHandler<unknown>;
type Sock = ServerWebSocket<unknown>;

interface Harness {
  port: number;
  hub: WebSocketHub;
  close(): Promise<void>;
}

/** A node:http server whose 'upgrade' event hands the request to the hub, answering 400 when it declines. */
async function serve(
  handler: Handler,
  upgradeOptions: (request: IncomingMessage) => { headers?: Record<string, string>; data?: unknown } = (request) => ({ data: { url: request.url } }),
): Promise<Harness> {
  const http = createServer((_req, res) => res.end("plain"));
  const hub = new WebSocketHub(handler, {} as Server<unknown>);
  const sockets = new Set<Duplex>();
  http.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    const upgraded = hub.upgrade({ request, socket, head }, upgradeOptions(request));
    if (!upgraded && !socket.writableEnded) socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 14\r\n\r\nUpgrade failed");
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    port: (http.address() as AddressInfo).port,
    hub,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

interface Client {
  ws: WebSocket;
  /** Messages received: strings for text, Buffers for binary. */
  messages: (string | Buffer)[];
  closed: Promise<{ code: number; reason: string }>;
  headers: IncomingMessage["headers"];
  next(count?: number): Promise<(string | Buffer)[]>;
}

async function client(port: number, path = "/", options: WebSocket.ClientOptions = {}, protocols?: string[]): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols, options);
  const messages: (string | Buffer)[] = [];
  let waiters: (() => void)[] = [];
  let headers: IncomingMessage["headers"] = {};
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    messages.push(isBinary ? data : data.toString());
    for (const wake of waiters) wake();
    waiters = [];
  });
  ws.on("upgrade", (response) => (headers = response.headers));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const next = async (count = 1): Promise<(string | Buffer)[]> => {
    while (messages.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return messages.splice(0, count);
  };
  return { ws, messages, closed, headers, next };
}

async function withServer(handler: Handler, run: (harness: Harness) => Promise<void>, upgradeOptions?: Parameters<typeof serve>[1]): Promise<void> {
  const harness = await serve(handler, upgradeOptions);
  try {
    await run(harness);
  } finally {
    await harness.close();
  }
}

/** A handler whose `message` runs JSON commands against the socket and answers `{ r: result }`. */
function commands(extra: Partial<Handler> = {}, run: (ws: Sock, command: Record<string, unknown>) => unknown = () => undefined): Handler {
  return {
    ...extra,
    message(ws, message) {
      if (typeof message === "string" && message.startsWith("{")) {
        const command = JSON.parse(message) as Record<string, unknown>;
        const result = run(ws, command);
        ws.send(JSON.stringify({ r: result === undefined ? "undefined" : result }));
        return;
      }
      ws.send(message);
    },
  };
}

async function ask(c: Client, command: Record<string, unknown>): Promise<unknown> {
  c.ws.send(JSON.stringify(command));
  const [reply] = await c.next();
  return (JSON.parse(reply as string) as { r: unknown }).r;
}

function rawHandshake(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("close", () => resolve(text));
    socket.write(Buffer.from(request, "latin1"));
    setTimeout(() => socket.destroy(), 300);
  });
}

const handshake = (headers: string, method = "GET"): string =>
  `${method} /x HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${headers}\r\n`;
const KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

describe("upgrade", () => {
  it("writes Bun's 101 (custom headers first, then the handshake headers, then Date), sets data and opens synchronously", async () => {
    const events: string[] = [];
    await withServer(
      {
        open(ws) {
          events.push(`open ${JSON.stringify(ws.data)} ${ws.readyState} ${ws.remoteAddress}`);
        },
      },
      async ({ port, hub }) => {
        const response = await rawHandshake(port, handshake(`${KEY}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat, superchat\r\n`));
        expect(response).toMatch(
          /^HTTP\/1\.1 101 Switching Protocols\r\nset-cookie: a=b\r\nContent-Type: x\r\nX-Custom: 1, 2\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=\r\nSec-WebSocket-Protocol: chat\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\n\r\n$/,
        );
        expect(events).toEqual(['open {"tag":1} 1 127.0.0.1']);
        expect(hub.pendingWebSockets).toBe(0);
      },
      () => ({ data: { tag: 1 }, headers: { "X-Custom": "1", "x-custom": "2", "content-type": "x", "Set-Cookie": "a=b" } }),
    );
  });

  it("lets the program choose the subprotocol through the headers", async () => {
    await withServer(
      {},
      async ({ port }) => {
        const c = await client(port, "/", {}, ["a", "b"]);
        expect(c.ws.protocol).toBe("b");
        c.ws.close();
      },
      () => ({ headers: { "Sec-WebSocket-Protocol": "b" } }),
    );
  });

  it("declines what is not a WebSocket handshake (false, nothing written) and answers a wrong version with 426", async () => {
    const results: boolean[] = [];
    const http = createServer();
    const hub = new WebSocketHub({}, {} as Server<unknown>);
    http.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const upgraded = hub.upgrade({ request, socket, head });
      results.push(upgraded);
      if (!upgraded && !socket.writableEnded) socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
      else if (upgraded) socket.destroy();
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const port = (http.address() as AddressInfo).port;
    try {
      const statusOf = async (request: string): Promise<string> => (await rawHandshake(port, request)).split("\r\n")[0]!;
      expect(await statusOf(handshake("Sec-WebSocket-Version: 13\r\n"))).toBe("HTTP/1.1 400 Bad Request");
      expect(await statusOf(handshake("Sec-WebSocket-Key: abc\r\nSec-WebSocket-Version: 13\r\n"))).toBe("HTTP/1.1 400 Bad Request");
      expect(await statusOf(handshake("Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAAA\r\nSec-WebSocket-Version: 13\r\n"))).toBe("HTTP/1.1 400 Bad Request");
      expect(await statusOf(handshake(`${KEY}Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n`, "POST"))).toBe("HTTP/1.1 400 Bad Request");
      expect(await rawHandshake(port, handshake(`${KEY}Sec-WebSocket-Version: 8\r\n`))).toBe(
        "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nConnection: close\r\n\r\n",
      );
      expect(await statusOf(handshake(`${KEY}Sec-WebSocket-Version: 13\r\n`).replace("Upgrade: websocket", "Upgrade: foo, WebSocket"))).toBe(
        "HTTP/1.1 101 Switching Protocols",
      );
      expect(results).toEqual([false, false, false, false, false, true]);
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });

  it("delivers a frame that arrived in the same packet as the handshake (node:http's head)", async () => {
    const got: unknown[] = [];
    await withServer({ message: (_ws, message) => void got.push(message) }, async ({ port }) => {
      // A masked text frame "hi" with a zero mask.
      const frame = Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0x68, 0x69]);
      await rawHandshake(port, handshake(`${KEY}Sec-WebSocket-Version: 13\r\n`) + frame.toString("latin1"));
      expect(got).toEqual(["hi"]);
    });
  });
});

describe("messages", () => {
  it("echoes text as strings and binary as Buffers, with Bun's send statuses", async () => {
    const seen: string[] = [];
    const statuses: number[] = [];
    await withServer(
      {
        message(ws, message) {
          seen.push(typeof message === "string" ? "string" : (message as object).constructor.name);
          statuses.push(ws.send(message));
        },
      },
      async ({ port }) => {
        const c = await client(port);
        c.ws.send("héllo");
        c.ws.send(Buffer.from([1, 2, 3]));
        c.ws.send("");
        expect(await c.next(3)).toEqual(["héllo", Buffer.from([1, 2, 3]), ""]);
        expect(seen).toEqual(["string", "Buffer", "string"]);
        expect(statuses).toEqual([6, 3, 0]);
        c.ws.close();
      },
    );
  });

  it("round-trips any text or bytes (property)", async () => {
    await withServer({ message: (ws, message) => void ws.send(message) }, async ({ port }) => {
      const c = await client(port);
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ unit: "grapheme", maxLength: 300 }), fc.uint8Array({ maxLength: 70_000 })), async (payload) => {
          c.ws.send(payload);
          const [echo] = await c.next();
          if (typeof payload === "string") expect(echo).toBe(payload);
          else expect(Buffer.compare(echo as Buffer, Buffer.from(payload))).toBe(0);
        }),
        { numRuns: 40 },
      );
      c.ws.close();
    });
  });

  it("converts binary messages and ping payloads by binaryType, and rejects unknown types as Bun", async () => {
    const seen: string[] = [];
    const describeValue = (value: unknown): string => (typeof value === "string" ? "string" : (value as object).constructor.name);
    await withServer(
      commands({ ping: (_ws, data) => void seen.push(`ping ${describeValue(data)}`) }, (ws, command) => {
        if (command["binaryType"] === undefined) return undefined;
        try {
          ws.binaryType = command["binaryType"] as "blob";
          return ws.binaryType;
        } catch (error) {
          return `${(error as Error).constructor.name}: ${(error as Error).message}`;
        }
      }),
      async ({ port, hub }) => {
        void hub;
        const c = await client(port);
        for (const type of ["arraybuffer", "uint8array", "blob", "nodebuffer"]) {
          expect(await ask(c, { binaryType: type })).toBe(type);
          c.ws.ping("p");
          c.ws.send(Buffer.from([7]));
          const [echo] = await c.next();
          expect(echo).toEqual(Buffer.from([7]));
        }
        expect(await ask(c, { binaryType: "text" })).toBe('Error: binaryType must be either "uint8array", "arraybuffer", "nodebuffer" or "blob"');
        expect(seen).toEqual(["ping ArrayBuffer", "ping Uint8Array", "ping Blob", "ping Buffer"]);
        c.ws.close();
      },
    );
  });

  it("sends ArrayBuffers, views and Blobs as binary, and sendText/sendBinary choose the frame type", async () => {
    await withServer(
      {
        open(ws) {
          ws.send(new Uint8Array([1, 2]).buffer);
          ws.send(new DataView(new Uint8Array([0, 3, 4]).buffer, 1));
          ws.send(new Blob([new Uint8Array([5])]));
          ws.sendText("t");
          ws.sendBinary(new Uint16Array([0x0606]));
        },
      },
      async ({ port }) => {
        const c = await client(port);
        expect(await c.next(5)).toEqual([Buffer.from([1, 2]), Buffer.from([3, 4]), Buffer.from([5]), "t", Buffer.from([6, 6])]);
        c.ws.close();
      },
    );
  });

  it("cork batches sends and returns the callback's value", async () => {
    await withServer(
      commands({}, (ws) =>
        ws.cork((same) => {
          same.send("a");
          same.send("b");
          return same === ws ? 42 : 0;
        }),
      ),
      async ({ port }) => {
        const c = await client(port);
        c.ws.send("{}");
        expect(await c.next(3)).toEqual(["a", "b", '{"r":42}']);
        c.ws.close();
      },
    );
  });
});

describe("pub/sub", () => {
  it("fans a publish out to every subscriber once, with Bun's return values", async () => {
    const N = 12;
    await withServer(
      commands({}, (ws, command) => {
        const topic = command["topic"] as string;
        switch (command["op"]) {
          case "subscribe":
            return [ws.subscribe(topic), ws.subscribe(topic), ws.isSubscribed(topic), ws.subscriptions];
          case "unsubscribe":
            return [ws.unsubscribe(topic), ws.unsubscribe(topic), ws.isSubscribed(topic)];
          default:
            return ws.publish(topic, command["data"] as string);
        }
      }),
      async ({ port, hub }) => {
        const clients = await Promise.all(Array.from({ length: N }, () => client(port)));
        expect(hub.publish("room", "nobody")).toBe(0);
        for (const c of clients) expect(await ask(c, { op: "subscribe", topic: "room" })).toEqual([true, true, true, ["room"]]);
        expect(hub.subscriberCount("room")).toBe(N);
        expect(hub.publish("room", "héllo")).toBe(6);
        expect(hub.publish("room", new Uint8Array([1, 2, 3]))).toBe(3);
        for (const c of clients) expect(await c.next(2)).toEqual(["héllo", Buffer.from([1, 2, 3])]);
        // ws.publish leaves the publisher out (publishToSelf is off by default).
        expect(await ask(clients[0]!, { op: "publish", topic: "room", data: "from 0" })).toBe(6);
        for (const c of clients.slice(1)) expect(await c.next()).toEqual(["from 0"]);
        expect(clients[0]!.messages).toEqual([]);
        expect(await ask(clients[1]!, { op: "unsubscribe", topic: "room" })).toEqual([true, false, false]);
        expect(hub.subscriberCount("room")).toBe(N - 1);
        for (const c of clients) c.ws.close();
        await Promise.all(clients.map((c) => c.closed));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(hub.subscriberCount("room")).toBe(0);
        expect(hub.pendingWebSockets).toBe(0);
      },
    );
  });

  it("publishToSelf sends to the publisher too; a lone publisher gets 0 without it", async () => {
    for (const publishToSelf of [true, false]) {
      await withServer(
        commands({ publishToSelf }, (ws) => {
          ws.subscribe("t");
          return ws.publish("t", "me");
        }),
        async ({ port }) => {
          const c = await client(port);
          c.ws.send("{}");
          expect(await c.next(publishToSelf ? 2 : 1)).toEqual(publishToSelf ? ["me", '{"r":2}'] : ['{"r":0}']);
          c.ws.close();
        },
      );
    }
  });

  it("publishes compressed to subscribers that negotiated permessage-deflate and plain to the others", async () => {
    await withServer({ perMessageDeflate: true, open: (ws) => void ws.subscribe("t") }, async ({ port, hub }) => {
      const deflating = await client(port, "/", { perMessageDeflate: true });
      const plain = await client(port, "/", { perMessageDeflate: false });
      expect(deflating.headers["sec-websocket-extensions"]).toBe("permessage-deflate; client_no_context_takeover; server_no_context_takeover");
      expect(plain.headers["sec-websocket-extensions"]).toBeUndefined();
      const text = "abc".repeat(1000);
      expect(hub.publish("t", text)).toBe(3000);
      expect(await deflating.next()).toEqual([text]);
      expect(await plain.next()).toEqual([text]);
      deflating.ws.close();
      plain.ws.close();
    });
  });
});

describe("perMessageDeflate settings", () => {
  /** Text that compresses well but repeats at a distance of 1 500 bytes, beyond a 10-bit (1 KiB) window. */
  const farRepeats = (seed: number): string => {
    let block = "";
    for (let i = 0; block.length < 1500; i++) block += ((seed * 7919 + i * 104_729) % 1_000_003).toString(36);
    return block.slice(0, 1500).repeat(6);
  };

  type Setting = NonNullable<WebSocketHandler<unknown>["perMessageDeflate"]>;
  const settings: [string, Setting, WebSocket.PerMessageDeflateOptions, string][] = [
    ["shared", true, {}, "permessage-deflate; client_no_context_takeover; server_no_context_takeover"],
    ["dedicated", { compress: "dedicated", decompress: "dedicated" }, {}, "permessage-deflate"],
    ["4KB, limited by the client to 10 bits", { compress: "4KB", decompress: "4KB" }, { serverMaxWindowBits: 10, clientMaxWindowBits: 14 }, "permessage-deflate; client_max_window_bits=12; server_max_window_bits=9"],
    ["dedicated, the client limiting the server to 10 bits", { compress: "dedicated" }, { serverMaxWindowBits: 10 }, "permessage-deflate; client_no_context_takeover; server_max_window_bits=10"],
    ["compression off, inflation on", { compress: "disable", decompress: "16KB" }, {}, "permessage-deflate; client_max_window_bits=14; server_no_context_takeover"],
  ];

  for (const [name, perMessageDeflate, clientOptions, extensions] of settings) {
    it(`${name}: agrees on ${extensions}; messages and publishes both ways arrive whole`, async () => {
      await withServer(
        {
          perMessageDeflate,
          open: (ws) => void ws.subscribe("news"),
          message(ws, message) {
            ws.send(message, true);
            ws.publish("news", `published ${String(message).length}`, true);
          },
        },
        async ({ port, hub }) => {
          const a = await client(port, "/", { perMessageDeflate: clientOptions });
          const b = await client(port, "/", { perMessageDeflate: clientOptions });
          expect(a.headers["sec-websocket-extensions"]).toBe(extensions);
          const texts = Array.from({ length: 6 }, (_, i) => farRepeats(i));
          for (const text of texts) a.ws.send(text, { compress: true });
          expect(await a.next(texts.length)).toEqual(texts);
          expect(await b.next(texts.length)).toEqual(texts.map((text) => `published ${text.length}`));
          // server.publish compresses by default; every subscriber inflates its copy with its own context.
          for (const text of texts) hub.publish("news", text);
          expect(await a.next(texts.length)).toEqual(texts);
          expect(await b.next(texts.length)).toEqual(texts);
          a.ws.close();
          b.ws.close();
        },
      );
    });
  }

  it("keeps the compression context between messages with a dedicated compressor (fewer bytes on the wire), not with the shared one", async () => {
    const received = async (perMessageDeflate: Setting): Promise<number> => {
      let bytes = 0;
      await withServer({ perMessageDeflate, message: (ws, message) => void ws.send(message, true) }, async ({ port }) => {
        const c = await client(port);
        const text = farRepeats(1).slice(0, 3000);
        const socket = (c.ws as unknown as { _socket: Duplex & { bytesRead: number } })._socket;
        const before = socket.bytesRead;
        for (let i = 0; i < 20; i++) c.ws.send(text);
        expect(await c.next(20)).toEqual(Array.from({ length: 20 }, () => text));
        bytes = socket.bytesRead - before;
        c.ws.close();
      });
      return bytes;
    };
    const shared = await received({ compress: "shared" });
    const dedicated = await received({ compress: "dedicated" });
    const off = await received({ compress: "disable", decompress: true });
    expect(dedicated).toBeLessThan(shared / 3);
    expect(shared).toBeLessThan(off);
    expect(off).toBeGreaterThan(20 * 3000);
  });

  it("throws Bun's TypeErrors for settings Bun does not know, from the constructor", () => {
    const attempt = (perMessageDeflate: unknown): unknown => {
      try {
        new WebSocketHub({ perMessageDeflate, message() {} } as WebSocketHandler<unknown>, {} as Server<unknown>);
        return "ok";
      } catch (error) {
        return [(error as Error).constructor.name, (error as { code?: string }).code, (error as Error).message];
      }
    };
    const choices = '"disable" "shared" "dedicated" "3KB" "4KB" "8KB" "16KB" "32KB" "64KB" "128KB" or "256KB"';
    expect(attempt(1)).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", "websocket expects perMessageDeflate to be a boolean or an object"]);
    expect(attempt({ compress: "5KB" })).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", `websocket expects a valid compress option, either ${choices}`]);
    expect(attempt({ compress: "nope", decompress: "nope" })).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", `websocket expects a valid compress option, either ${choices}`]);
    expect(attempt({ decompress: "2KB" })).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", `websocket expects a valid decompress option, either ${choices}`]);
    for (const fine of [null, {}, [], { compress: "" }, { compress: null, decompress: "256KB" }]) expect(attempt(fine)).toBe("ok");
  });
});

describe("backpressure", () => {
  it("reports -1 once bytes are queued, 0 (dropped) past backpressureLimit, then calls drain", async () => {
    const statuses: number[] = [];
    let bufferedAtEnd = 0;
    await withServer(
      {
        backpressureLimit: 1024 * 1024,
        message(ws) {
          // Outside the auto-corked handler, like a timer or a publish loop would.
          setTimeout(() => {
            const chunk = Buffer.alloc(64 * 1024, 1);
            for (let i = 0; i < 200; i++) statuses.push(ws.send(chunk));
            bufferedAtEnd = ws.getBufferedAmount();
          }, 10);
        },
        // The report itself would be dropped while over the limit: send it once drained.
        drain: (ws) => void ws.sendText("drained"),
      },
      async ({ port }) => {
        const c = await client(port);
        const socket = (c.ws as unknown as { _socket: Duplex })._socket;
        c.ws.send("go");
        // Stop reading so the server's writes pile up.
        socket.pause();
        await new Promise((resolve) => setTimeout(resolve, 300));
        socket.resume();
        let last: string | Buffer | undefined;
        while (typeof last !== "string") [last] = await c.next();
        expect(last).toBe("drained");
        const distinct = [...new Set(statuses)];
        expect(distinct).toEqual([64 * 1024, -1, 0]);
        expect(statuses.indexOf(0)).toBeGreaterThan(statuses.indexOf(-1));
        expect(bufferedAtEnd).toBeGreaterThan(1024 * 1024);
        c.ws.close();
      },
    );
  });
});

describe("closing", () => {
  it("close(code, reason) reaches the client; the close handler runs inside close() with readyState 3", async () => {
    const log: unknown[] = [];
    await withServer(
      commands(
        {
          close(ws, code, reason) {
            log.push({ code, reason, readyState: ws.readyState, send: ws.send("late"), subscribe: ws.subscribe("x"), subscriptions: ws.subscriptions });
          },
        },
        (ws, command) => {
          ws.subscribe("x");
          ws.close(command["code"] as number | undefined, command["reason"] as string | undefined);
          log.push("after close()");
          return ws.readyState;
        },
      ),
      async ({ port }) => {
        const cases: [Record<string, unknown>, { code: number; reason: string }][] = [
          [{ code: 4001, reason: "bye" }, { code: 4001, reason: "bye" }],
          [{}, { code: 1000, reason: "" }],
          [{ code: 1006, reason: "x" }, { code: 1005, reason: "" }],
          [{ code: 3000, reason: "é".repeat(100) }, { code: 3000, reason: "é".repeat(61) }],
        ];
        for (const [command, seen] of cases) {
          const c = await client(port);
          c.ws.send(JSON.stringify(command));
          expect(await c.closed).toEqual(seen);
        }
        expect(log[0]).toEqual({ code: 4001, reason: "bye", readyState: 3, send: 0, subscribe: false, subscriptions: [] });
        expect(log[1]).toBe("after close()");
        expect(log[4]).toEqual({ code: 1006, reason: "x", readyState: 3, send: 0, subscribe: false, subscriptions: [] });
        expect((log[6] as { reason: string }).reason).toBe("é".repeat(61));
      },
    );
  });

  it("hands the close handler the client's code and reason, 1005 without one, 1006 when the connection drops", async () => {
    const closes: [number, string][] = [];
    await withServer({ close: (_ws, code, reason) => void closes.push([code, reason]) }, async ({ port }) => {
      const a = await client(port);
      a.ws.close(4002, "client bye");
      expect(await a.closed).toEqual({ code: 4002, reason: "client bye" });
      const b = await client(port);
      b.ws.close();
      await b.closed;
      const c = await client(port);
      c.ws.terminate();
      await c.closed;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(closes).toEqual([
        [4002, "client bye"],
        [1005, ""],
        [1006, ""],
      ]);
    });
  });

  it("terminate() drops the connection without a Close frame (1006 at both ends)", async () => {
    const closes: [number, string][] = [];
    await withServer(
      commands({ close: (_ws, code, reason) => void closes.push([code, reason]) }, (ws) => ws.terminate()),
      async ({ port }) => {
        const c = await client(port);
        c.ws.send("{}");
        expect(await c.closed).toEqual({ code: 1006, reason: "" });
        expect(closes).toEqual([[1006, ""]]);
      },
    );
  });

  it("closes a too-big message with 1009 'Received too big message' (the close handler gets 1006)", async () => {
    const closes: [number, string][] = [];
    await withServer({ maxPayloadLength: 100, close: (_ws, code, reason) => void closes.push([code, reason]) }, async ({ port }) => {
      const c = await client(port);
      c.ws.send("x".repeat(100));
      c.ws.send("y".repeat(101));
      expect(await c.closed).toEqual({ code: 1009, reason: "Received too big message" });
      expect(closes).toEqual([[1006, "Received too big message"]]);
    });
  });

  it("closeAll (server.stop(true)) sends 1001 'Server closed' and pendingWebSockets counts open sockets", async () => {
    const pendingInClose: number[] = [];
    let harness: Harness | undefined;
    await withServer({ close: () => void pendingInClose.push(harness!.hub.pendingWebSockets) }, async (h) => {
      harness = h;
      const clients = await Promise.all([client(h.port), client(h.port), client(h.port)]);
      expect(h.hub.pendingWebSockets).toBe(3);
      h.hub.closeAll();
      expect(h.hub.pendingWebSockets).toBe(0);
      expect(pendingInClose).toEqual([3, 2, 1]);
      for (const c of clients) expect(await c.closed).toEqual({ code: 1001, reason: "Server closed" });
    });
  });

  it.concurrent("idleTimeout closes a silent client (rounded up to 8 s) unless sendPings keeps it alive", { timeout: 20_000 }, async () => {
    const closes: [number, string][] = [];
    const pongs: number[] = [];
    const silent = serve({ idleTimeout: 1, sendPings: false, close: (_ws, code, reason) => void closes.push([code, reason]) });
    const pinged = serve({ idleTimeout: 1, pong: (_ws, data) => void pongs.push((data as Buffer).length) });
    const [a, b] = await Promise.all([silent, pinged]);
    try {
      const quiet = await client(a.port);
      const alive = await client(b.port);
      let pings = 0;
      alive.ws.on("ping", () => pings++);
      const started = Date.now();
      expect(await quiet.closed).toEqual({ code: 1006, reason: "" });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(3_900);
      expect(elapsed).toBeLessThan(12_500);
      expect(closes).toEqual([[1006, "WebSocket timed out from inactivity"]]);
      expect(alive.ws.readyState).toBe(WebSocket.OPEN);
      expect(pings).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The client's automatic pongs reach the pong handler (as empty Buffers).
      expect(pongs).toEqual(Array.from({ length: pings }, () => 0));
      alive.ws.close();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe("ping and pong", () => {
  it("answers client pings, reports pings/pongs to the handlers, and ws.ping/pong return the payload size", async () => {
    const seen: string[] = [];
    await withServer(
      commands(
        {
          ping: (_ws, data) => void seen.push(`ping ${String(data)}`),
          pong: (_ws, data) => void seen.push(`pong ${String(data)}`),
        },
        (ws) => [ws.ping("hey"), ws.ping(), ws.pong(new Uint8Array([1, 2]))],
      ),
      async ({ port }) => {
        const c = await client(port);
        const clientPings: string[] = [];
        const clientPongs: string[] = [];
        c.ws.on("ping", (data: Buffer) => clientPings.push(data.toString()));
        c.ws.on("pong", (data: Buffer) => clientPongs.push(data.toString("hex")));
        c.ws.ping("abc");
        c.ws.pong("def");
        expect(await ask(c, {})).toEqual([3, 0, 2]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(clientPings).toEqual(["hey", ""]);
        // The server's automatic pong for "abc", and the pong it sent unasked.
        expect(clientPongs).toEqual([Buffer.from("abc").toString("hex"), "0102"]);
        expect(seen).toEqual(["ping abc", "pong def", "pong hey", "pong "]);
        c.ws.close();
      },
    );
  });
});

describe("errors in handlers", () => {
  it("routes a throwing handler to `error` when there is one", async () => {
    const errors: string[] = [];
    await withServer(
      {
        message() {
          throw new Error("boom");
        },
        error: (error, ws) => void errors.push(`${error.message} ${ws.readyState}`),
      },
      async ({ port }) => {
        const c = await client(port);
        c.ws.send("x");
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(errors).toEqual(["boom 1"]);
        c.ws.close();
      },
    );
  });
});
