// Bun's WebSocket client against real `ws` servers on 127.0.0.1: the handshake
// (custom headers, subprotocols), echo in each binaryType, close codes both
// ways, TLS with an openssl certificate, Bun's errors, and the `proxy` option
// through a scripted CONNECT proxy; the handshake's header lines byte for byte
// (fast-check laws against a raw recorder), and the `tls` option's checks.
import { file } from "@dx-compat/bun";
import fc from "fast-check";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "../src/index.ts";
import { commonHeaderSpelling } from "../src/internal/headers/common-names.ts";
import { connectProxy, type ConnectProxy, type ProxyScript } from "./support/connect-proxy.ts";
import { closedPort, makeCertificate, scratch, type Certificate } from "./support/servers.ts";
import { echoServer, headRecorder, refusingServer, type EchoServer, type HeadRecorder } from "./support/ws-servers.ts";

type Seen = unknown[][];

function describeData(data: unknown): unknown {
  if (typeof data === "string") return ["string", data];
  if (Buffer.isBuffer(data)) return ["Buffer", [...data]];
  if (data instanceof ArrayBuffer) return ["ArrayBuffer", [...new Uint8Array(data)]];
  if (data instanceof Blob) return ["Blob", data.size];
  return ["other", String(data)];
}

/** Opens a client, runs `onOpen`, and resolves with every event it saw once it closed. */
function session(ws: WebSocket, onOpen: (ws: WebSocket, seen: Seen) => void = () => {}): Promise<Seen> {
  const seen: Seen = [];
  return new Promise((resolve) => {
    ws.onopen = () => {
      seen.push(["open", ws.readyState, ws.protocol]);
      onOpen(ws, seen);
    };
    ws.onmessage = (event) => seen.push(["message", describeData((event as MessageEvent).data)]);
    ws.addEventListener("ping", (event) => seen.push(["ping", describeData((event as MessageEvent).data)]));
    ws.addEventListener("pong", (event) => seen.push(["pong", describeData((event as MessageEvent).data)]));
    ws.onerror = (event) => {
      const { message, error } = event as ErrorEvent;
      seen.push(["error", message, (error as { code?: string }).code, ws.readyState]);
    };
    ws.onclose = (event) => {
      const { code, reason, wasClean } = event as CloseEvent;
      seen.push(["close", code, reason, wasClean, ws.readyState]);
      resolve(seen);
    };
  });
}

let server: EchoServer;
let tlsServer: EchoServer;
let certificate: Certificate;
const dir = scratch();

beforeAll(async () => {
  certificate = makeCertificate(dir.dir, "localhost", "DNS:localhost,IP:127.0.0.1");
  server = await echoServer();
  tlsServer = await echoServer(certificate);
});

afterAll(async () => {
  await server.stop();
  await tlsServer.stop();
  dir.remove();
});

describe("WebSocket (Bun's client)", () => {
  it("sends Bun's handshake with custom headers, negotiates a subprotocol", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/room?x=1`, { headers: { "X-Custom": "yes", Cookie: "a=1" }, protocols: ["chat", "other"] });
    expect([ws.readyState, ws.binaryType, ws.protocol, ws.url, ws.URL, ws.bufferedAmount, ws.isPaused]).toEqual([0, "nodebuffer", "", `ws://127.0.0.1:${server.port}/room?x=1`, `ws://127.0.0.1:${server.port}/room?x=1`, 0, false]);
    const seen = await session(ws, (socket) => socket.close(1000, "done"));
    expect(seen).toEqual([
      ["open", 1, "chat"],
      ["close", 1000, "done", true, 3],
    ]);
    const handshake = server.handshakes.find((item) => item.url === "/room?x=1");
    const names = handshake?.rawHeaders.filter((_, index) => index % 2 === 0);
    expect(names).toEqual(["Host", "Connection", "Upgrade", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Key", "Sec-WebSocket-Protocol", "Cookie", "X-Custom"]);
    const headers = Object.fromEntries(Array.from({ length: (handshake?.rawHeaders.length ?? 0) / 2 }, (_, index) => [handshake?.rawHeaders[index * 2], handshake?.rawHeaders[index * 2 + 1]]));
    expect(headers).toMatchObject({ "Sec-WebSocket-Protocol": "chat, other", "X-Custom": "yes", Cookie: "a=1", "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits" });
    expect(server.closes).toContainEqual({ code: 1000, reason: "done" });
  });

  it("echoes text and binary in each binaryType, with ping/pong both ways", async () => {
    const ws = new WebSocket(`http://127.0.0.1:${server.port}/echo`, "chat");
    expect(ws.url).toBe(`ws://127.0.0.1:${server.port}/echo`);
    const seen = await session(ws, (socket) => {
      socket.send("text");
      socket.send(new Uint8Array([1, 2, 3]));
      socket.ping("p1");
      socket.send("ping-me");
      setTimeout(() => {
        socket.binaryType = "arraybuffer";
        socket.send(new Uint16Array([0x0201]).buffer);
        socket.send(new Blob([new Uint8Array([9])]));
        socket.send("after blob");
      }, 40);
      setTimeout(() => {
        socket.binaryType = "bogus" as "blob";
        socket.binaryType = "blob";
        socket.send(Buffer.from([7, 8]));
        socket.send("close-me");
      }, 120);
    });
    expect(seen).toEqual([
      ["open", 1, "chat"],
      ["message", ["string", "text"]],
      ["message", ["Buffer", [1, 2, 3]]],
      ["pong", ["Buffer", [...Buffer.from("p1")]]],
      ["ping", ["Buffer", [...Buffer.from("hi")]]],
      ["message", ["ArrayBuffer", [1, 2]]],
      ["message", ["ArrayBuffer", [9]]],
      ["message", ["string", "after blob"]],
      ["message", ["Blob", 2]],
      ["close", 4001, "bye now", true, 3],
    ]);
    expect(server.pings).toContain("p1");
  });

  it("closes as Bun does: server without code, server drop, client terminate, close while connecting", async () => {
    const url = `ws://127.0.0.1:${server.port}/`;
    expect(await session(new WebSocket(url), (ws) => ws.send("close-empty"))).toEqual([["open", 1, ""], ["close", 1005, "", true, 3]]);
    expect(await session(new WebSocket(url), (ws) => ws.send("drop"))).toEqual([["open", 1, ""], ["close", 1006, "", false, 3]]);
    const terminated = await session(new WebSocket(url), (ws, seen) => {
      ws.terminate();
      seen.push(["after terminate", ws.readyState]);
      ws.send("ignored");
      seen.push(["buffered", ws.bufferedAmount]);
    });
    expect(terminated).toEqual([["open", 1, ""], ["after terminate", 2], ["buffered", 7], ["close", 1006, "", false, 3]]);
    const early = new WebSocket(url);
    const seen = session(early);
    early.close();
    expect(early.readyState).toBe(2);
    expect(await seen).toEqual([
      ["error", `WebSocket connection to '${url}' failed: WebSocket is closed before the connection is established`, undefined, 3],
      ["close", 1006, "", false, 3],
    ]);
  });

  it("connects over TLS with rejectUnauthorized:false or a ca, and fails on a self-signed certificate", async () => {
    const url = `wss://127.0.0.1:${tlsServer.port}/`;
    expect(await session(new WebSocket(url, { tls: { rejectUnauthorized: false } }), (ws) => ws.close())).toEqual([["open", 1, ""], ["close", 1005, "", true, 3]]);
    const withCa = new WebSocket(`wss://localhost:${tlsServer.port}/`, { tls: { ca: file(join(dir.dir, "localhost.crt")) } });
    expect(await session(withCa, (ws) => ws.close(3000))).toEqual([["open", 1, ""], ["close", 3000, "", true, 3]]);
    expect(await session(new WebSocket(url))).toEqual([
      ["error", `WebSocket connection to '${url}' failed: TLS handshake failed: self signed certificate`, "DEPTH_ZERO_SELF_SIGNED_CERT", 3],
      ["close", 1006, "", false, 3],
    ]);
  });

  it("reports refused connections, non-101 answers and a missing subprotocol with Bun's errors", async () => {
    const port = await closedPort();
    const refused = `ws://127.0.0.1:${port}/`;
    expect(await session(new WebSocket(refused))).toEqual([["error", `WebSocket connection to '${refused}' failed: Failed to connect`, "ECONNREFUSED", 3], ["close", 1006, "", false, 3]]);
    const refusing = await refusingServer(404);
    try {
      const url = `ws://127.0.0.1:${refusing.port}/`;
      expect(await session(new WebSocket(url))).toEqual([["error", `WebSocket connection to '${url}' failed: Expected 101 status code: 404`, undefined, 3], ["close", 1006, "", false, 3]]);
    } finally {
      await refusing.stop();
    }
    const url = `ws://127.0.0.1:${server.port}/`;
    expect(await session(new WebSocket(url, "nochat"))).toEqual([["error", `WebSocket connection to '${url}' failed: Missing client protocol`, undefined, 3], ["close", 1006, "", false, 3]]);
  });

  it("throws Bun's errors for bad arguments and misuse", () => {
    const url = `ws://127.0.0.1:${server.port}/`;
    const thrown = (make: () => unknown): unknown => {
      try {
        make();
      } catch (error) {
        return [(error as Error).constructor.name, (error as Error).name, (error as Error).message];
      }
      return "no error";
    };
    expect(thrown(() => new (WebSocket as unknown as new () => unknown)())).toEqual(["TypeError", "TypeError", "Not enough arguments"]);
    expect(thrown(() => new WebSocket("not a url"))).toEqual(["SyntaxError", "SyntaxError", "Invalid url for WebSocket not a url"]);
    expect(thrown(() => new WebSocket("ftp://x/"))).toEqual(["SyntaxError", "SyntaxError", "Wrong url scheme for WebSocket ftp://x/"]);
    expect(thrown(() => new WebSocket(`${url}#f`))).toEqual(["SyntaxError", "SyntaxError", `URL has fragment component ${url}#f`]);
    expect(thrown(() => new WebSocket(url, ["a", "a"]))).toEqual(["SyntaxError", "SyntaxError", "WebSocket protocols contain duplicates: 'a'"]);
    expect(thrown(() => new WebSocket(url, { protocols: "a b" }))).toEqual(["SyntaxError", "SyntaxError", "Wrong protocol for WebSocket 'a b'"]);
    expect(thrown(() => new WebSocket(url, { proxy: "nope" }))).toEqual(["SyntaxError", "SyntaxError", "Invalid proxy URL: nope"]);
    const ws = new WebSocket(url);
    expect(thrown(() => ws.send("x"))).toEqual(["DOMException", "InvalidStateError", "The object is in an invalid state."]);
    expect(thrown(() => ws.ping())).toEqual(["DOMException", "InvalidStateError", "The object is in an invalid state."]);
    expect(thrown(() => ws.close(1005))).toEqual(["DOMException", "InvalidAccessError", expect.stringContaining("Received 1005.")]);
    expect(thrown(() => ws.close(66536))).toEqual(["DOMException", "InvalidAccessError", expect.stringContaining("Received 65535.")]);
    expect(thrown(() => ws.close(1000, "é".repeat(62)))).toEqual(["SyntaxError", "SyntaxError", "The close reason must not be greater than 123 UTF-8 bytes. Received 124 bytes."]);
    ws.terminate();
  });

  it("has Bun's shape: constants, prototype members, length", () => {
    expect([WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED, WebSocket.length]).toEqual([0, 1, 2, 3, 1]);
    expect(Object.getOwnPropertyDescriptor(WebSocket, "OPEN")).toEqual({ value: 1, writable: false, enumerable: true, configurable: false });
    expect(Object.getPrototypeOf(WebSocket.prototype)).toBe(EventTarget.prototype);
    for (const name of ["send", "close", "ping", "pong", "terminate", "pause", "resume", "isPaused", "binaryType", "onmessage"]) expect(Object.getOwnPropertyDescriptor(WebSocket.prototype, name)?.enumerable).toBe(true);
    expect(Object.getOwnPropertyDescriptor(WebSocket.prototype, "URL")?.enumerable).toBe(false);
  });
});

describe("WebSocket handshake headers (Bun's lines, byte for byte)", () => {
  let recorder: HeadRecorder;
  let count = 0;

  beforeAll(async () => {
    recorder = await headRecorder();
  });

  afterAll(async () => {
    await recorder.stop();
  });

  /** The header lines the recorder got for a handshake with these options (the recorder answers 400). */
  async function sentLines(options: ConstructorParameters<typeof WebSocket>[1], credentials = ""): Promise<Array<[string, string]>> {
    const path = `/h${++count}`;
    await session(new WebSocket(`ws://${credentials}127.0.0.1:${recorder.port}${path}`, options));
    const head = recorder.heads.get(path) ?? "";
    return head
      .split("\r\n")
      .slice(1)
      .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]);
  }

  /** The program's lines: those after Bun's own (Host … Sec-WebSocket-Key). */
  function userLines(lines: Array<[string, string]>): Array<[string, string]> {
    return lines.slice(lines.findIndex(([name]) => name === "Sec-WebSocket-Key") + 1);
  }

  const ownNames = new Set(["host", "connection", "upgrade", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-key", "sec-websocket-protocol", "set-cookie"]);
  const tokenChar = fc.constantFrom(..."!#$%&'*+-.^_`|~0123456789ABCXYZabcxyz");
  // Names that are not numbers: Node's http client keeps headers in an object, which puts integer keys first.
  const headerName = fc.oneof(fc.string({ unit: tokenChar, minLength: 1, maxLength: 12 }), fc.constantFrom("accept", "User-Agent", "COOKIE", "x-custom", "Authorization", "dnt", "etag")).filter((name) => !ownNames.has(name.toLowerCase()) && !/^\d+$/.test(name));
  // Any Latin-1 text but NUL, CR and LF, control characters included (Bun sends them as they are; Node's http client would refuse them).
  const headerValue = fc.string({ unit: fc.integer({ min: 1, max: 255 }).filter((code) => code !== 10 && code !== 13).map((code) => String.fromCharCode(code)), maxLength: 20 });
  const trim = (value: string): string => value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");

  it("any record of valid names and values arrives with the same name → value mapping, one line per name, sorted by name as spelt (fast-check)", async () => {
    const record = fc.dictionary(headerName, headerValue, { maxKeys: 8 }).filter((headers) => new Set(Object.keys(headers).map((name) => name.toLowerCase())).size === Object.keys(headers).length);
    await fc.assert(
      fc.asyncProperty(record, async (headers) => {
        const lines = userLines(await sentLines({ headers }));
        const expected = Object.entries(headers).map(([name, value]) => [commonHeaderSpelling(name.toLowerCase()) ?? name, trim(value)]);
        expect(Object.fromEntries(lines)).toEqual(Object.fromEntries(expected));
        expect(lines).toHaveLength(expected.length);
        const names = lines.map(([name]) => name);
        expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }),
      { numRuns: 40 },
    );
  });

  it("repeats of a name, in any case, arrive as one line joined with \", \" (Cookie's with \"; \") in the order given; Set-Cookie as lines of its own, last (fast-check)", async () => {
    const name = fc.constantFrom("x-rep", "Cookie", "Set-Cookie", "accept").chain((base) => fc.tuple(fc.constant(base), fc.mixedCase(fc.constant(base))));
    const pairs = fc.array(fc.tuple(name, fc.string({ unit: fc.constantFrom("a", "b", "=", "1"), minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(pairs, async (given) => {
        const lines = userLines(await sentLines({ headers: given.map(([[, spelt], value]): [string, string] => [spelt, value]) }));
        const byName = (base: string): string[] => given.filter(([[name]]) => name === base).map(([, value]) => value);
        const setCookies = byName("Set-Cookie").map((value) => ["set-cookie", value]);
        const others = ["x-rep", "Cookie", "accept"].filter((base) => byName(base).length > 0);
        const first = (base: string): string => given.find(([[name]]) => name === base)?.[0][1] ?? base;
        const merged = others.map((base) => [commonHeaderSpelling(base.toLowerCase()) ?? first(base), byName(base).join(base === "Cookie" ? "; " : ", ")]);
        expect(lines).toEqual([...merged.sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)), ...setCookies]);
      }),
      { numRuns: 40 },
    );
  });

  it("puts Bun's own lines first whatever the program gives for them, its Host and Sec-WebSocket-Protocol in their place, Authorization from the URL's credentials", async () => {
    const own = { host: "h.example", connection: "c", upgrade: "u", "sec-websocket-version": "8", "sec-websocket-key": "k", "sec-websocket-extensions": "e", "sec-websocket-protocol": "pp", "X-Undefined": undefined, "X-List": ["a", "b", 3] } as unknown as Record<string, string>;
    const lines = await sentLines({ headers: own, protocols: ["chat"] });
    expect(lines.map(([name]) => name)).toEqual(["Host", "Connection", "Upgrade", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Key", "Sec-WebSocket-Protocol", "X-List", "X-Undefined"]);
    expect(Object.fromEntries(lines)).toMatchObject({ Host: "h.example", Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Protocol": "pp", "X-List": "a,b,3", "X-Undefined": "undefined" });
    expect(userLines(await sentLines({ headers: { "Sec-WebSocket-Protocol": "", A: "1" }, protocols: ["z"], perMessageDeflate: false }))).toEqual([["A", "1"]]);
    expect(userLines(await sentLines({ headers: { Zed: "z", A: "1" } }, "us%40er:p%3Ass@"))).toEqual([["Authorization", `Basic ${Buffer.from("us@er:p:ss").toString("base64")}`], ["A", "1"], ["Zed", "z"]]);
    expect(userLines(await sentLines({ headers: { Zed: "z", authorization: "mine" } }, "u:p@"))).toEqual([["Authorization", "mine"], ["Zed", "z"]]);
  });

  it("offers the program's Sec-WebSocket-Protocol, not `protocols`, and checks the server's answer against it", async () => {
    const url = `ws://127.0.0.1:${server.port}/`;
    expect(await session(new WebSocket(url, { headers: { "Sec-WebSocket-Protocol": "x, chat" } }), (ws) => ws.close())).toEqual([["open", 1, "chat"], ["close", 1005, "", true, 3]]);
    expect(await session(new WebSocket(url, { headers: { "Sec-WebSocket-Protocol": "other" }, protocols: ["chat"] }))).toEqual([["error", `WebSocket connection to '${url}' failed: Missing client protocol`, undefined, 3], ["close", 1006, "", false, 3]]);
    expect(await session(new WebSocket(url, { headers: { "Sec-WebSocket-Protocol": "" }, protocols: ["chat"] }), (ws) => ws.close())).toEqual([["open", 1, ""], ["close", 1005, "", true, 3]]);
  });

  it("names the URL without its credentials in errors, and keeps them in `url`", async () => {
    const ws = new WebSocket(`ws://u:p@127.0.0.1:${recorder.port}/creds`);
    expect(ws.url).toBe(`ws://u:p@127.0.0.1:${recorder.port}/creds`);
    expect((await session(ws))[0]).toEqual(["error", `WebSocket connection to 'ws://127.0.0.1:${recorder.port}/creds' failed: Expected 101 status code: 400`, undefined, 3]);
    expect(() => new WebSocket("ftp://u:p@127.0.0.1:1/x")).toThrow(new SyntaxError("Wrong url scheme for WebSocket ftp://127.0.0.1:1/x"));
  });
});

describe("WebSocket options: Bun's errors, in Bun's order", () => {
  const url = "ws://127.0.0.1:1/";
  /** [class, message, code, own keys, String(error)] of what the constructor throws. */
  const thrown = (...args: unknown[]): unknown => {
    try {
      new (WebSocket as unknown as new (...rest: unknown[]) => WebSocket)(...args).terminate();
    } catch (error) {
      const { code } = error as { code?: unknown };
      return [(error as Error).constructor.name, (error as Error).message, code, Object.keys(error as object), String(error)];
    }
    return "no error";
  };

  it("reads headers as Bun does: Bun's words for bad names and values, never Node's ERR_INVALID_HTTP_TOKEN or ERR_INVALID_CHAR", () => {
    expect(thrown(url, { headers: { "a b": "1" } })).toEqual(["TypeError", "Invalid header name: 'a b'", undefined, [], "TypeError: Invalid header name: 'a b'"]);
    expect(thrown(url, { headers: { a: "x\ny" } })).toEqual(["TypeError", "Header 'a' has invalid value", undefined, [], "TypeError: Header 'a' has invalid value"]);
    expect(thrown(url, { headers: { a: "€" } })).toEqual(["TypeError", "Type error", undefined, [], "TypeError: Type error"]);
    expect(thrown(url, { headers: [["a"]] })).toEqual(["TypeError", "Header sub-sequence must contain exactly two items", undefined, [], "TypeError: Header sub-sequence must contain exactly two items"]);
    expect(thrown(url, { headers: [5] })).toEqual(["TypeError", "Value is not a sequence", "ERR_INVALID_ARG_TYPE", [], "TypeError [ERR_INVALID_ARG_TYPE]: Value is not a sequence"]);
    expect(thrown(url, { headers: new Map([["a b", "1"]]) })).toEqual(["TypeError", "Invalid header name: 'a b'", undefined, [], "TypeError: Invalid header name: 'a b'"]);
    expect(thrown(url, { headers: Object.assign(() => {}, { "a b": "1" }) })).toEqual(["TypeError", "Invalid header name: 'a b'", undefined, [], "TypeError: Invalid header name: 'a b'"]);
    expect(thrown(url, { headers: { a: "xy\n", b: "\u0001" } })).toBe("no error");
  });

  it("checks headers' conversion, then tls, then proxy, then the URL, then protocols, then each header", () => {
    const message = (...args: unknown[]): unknown => (thrown(...args) as unknown[])[1];
    expect(message("not a url", { headers: { a: "€" }, tls: { ca: 5 } })).toBe("Type error");
    expect(message("not a url", { headers: { "a b": "1" }, tls: { ca: 5 }, proxy: "nope" })).toMatch(/^TLSOptions\.ca must be/);
    expect(message("not a url", { headers: { "a b": "1" }, proxy: "nope" })).toBe("Invalid proxy URL: nope");
    expect(message("ftp://x/", { headers: { "a b": "1" }, protocols: ["a b"] })).toBe("Wrong url scheme for WebSocket ftp://x/");
    expect(message(url, { headers: { "a b": "1" }, protocols: ["a b"] })).toBe("Wrong protocol for WebSocket 'a b'");
    expect(message(url, { headers: { a: "x\ny", "b c": "1" } })).toBe("Header 'a' has invalid value");
  });

  it("checks the tls option as Bun does: its properties in Bun's order, then paths, then checkServerIdentity", () => {
    expect(thrown(url, { tls: [] })).toEqual(["TypeError", "TLSOptions must be an object", "ERR_INVALID_ARG_TYPE", [], "TypeError [ERR_INVALID_ARG_TYPE]: TLSOptions must be an object"]);
    for (const ignored of [5, "x", true, null, () => {}]) expect(thrown(url, { tls: ignored })).toBe("no error");
    const message = (tls: unknown): unknown => {
      const result = thrown(url, { tls });
      return Array.isArray(result) ? result[1] : result;
    };
    expect(message({ serverName: 5, ca: 5, cert: 5, key: 5, passphrase: 5, ciphers: 5, rejectUnauthorized: 5 })).toBe("TLSOptions.passphrase must be a string");
    expect(message({ ca: 5, rejectUnauthorized: "x" })).toBe("TLSOptions.rejectUnauthorized must be a boolean");
    expect(message({ rejectUnauthorized: null, lowMemoryMode: null })).toBe("TLSOptions.lowMemoryMode must be a boolean");
    expect(message({ serverName: null, servername: 5 })).toBe("no error");
    expect(message({ servername: 5 })).toBe("TLSOptions.serverName must be a string");
    expect(thrown(url, { tls: { secureOptions: 1.5 } })).toEqual(["RangeError", "TLSOptions.secureOptions must be an integer (received 1.5)", "ERR_OUT_OF_RANGE", [], "RangeError [ERR_OUT_OF_RANGE]: TLSOptions.secureOptions must be an integer (received 1.5)"]);
    expect(message({ secureOptions: 2 ** 53 })).toBe("TLSOptions.secureOptions must be an integer (received 9007199254740992)");
    expect(message({ minVersion: 2 ** 31 })).toBe("TLSOptions.minVersion must be in the range [-2147483648, 2147483647] (received 2147483648)");
    expect(message({ clientRenegotiationLimit: null })).toBe("TLSOptions.clientRenegotiationLimit must be a number");
    expect(message({ ca: [null] })).toBe("element of TLSOptions.ca must be of type string, ArrayBuffer, or Blob");
    expect(message({ ca: new Blob(["x"]) })).toBe("TLSOptions.ca is not a valid BunFile (non-BunFile `Blob`s are not supported)");
    expect(message({ ca: file("/etc/hostname"), key: [new Uint8Array(1), new ArrayBuffer(1), "k"] })).toBe("no error");
    expect(message({ keyFile: "/nonexistent", ALPNProtocols: 5 })).toBe("TLSOptions.ALPNProtocols must be of type string, ArrayBuffer, or null");
    expect(message({ caFile: "/nonexistent", serverName: "a\0b" })).toBe('"serverName" must not contain null bytes');
    expect(message({ dhParamsFile: "/nonexistent", keyFile: "a\0b" })).toBe("Unable to access dhParamsFile path");
    expect(thrown(url, { tls: { keyFile: "a\0b" } })).toEqual(["TypeError", "TLSOptions.keyFile must be a path without null bytes", "ERR_INVALID_ARG_VALUE", [], "TypeError [ERR_INVALID_ARG_VALUE]: TLSOptions.keyFile must be a path without null bytes"]);
    expect(message({ caFile: "/tmp/" })).toBe("Unable to access caFile path");
    expect(message({ caFile: "/tmp", checkServerIdentity: "a string much longer than twenty-eight" })).toBe('The "tls.checkServerIdentity" property must be of type function. Received type string (\'a string much longer than...\')');
  });
});

describe("WebSocket through a proxy (Bun's CONNECT tunnel)", () => {
  /** Runs `body` with a scripted proxy, stopping it afterwards. */
  async function withProxy(script: ProxyScript, body: (proxy: ConnectProxy) => Promise<void>): Promise<void> {
    const proxy = await connectProxy(script);
    try {
      await body(proxy);
    } finally {
      await proxy.stop();
    }
  }
  /** session(), cut short (terminate(): Bun's error, then close 1006) should a tunnel hang. */
  const within = (ws: WebSocket, onOpen?: (ws: WebSocket, seen: Seen) => void): Promise<Seen> => {
    const timer = setTimeout(() => ws.terminate(), 5000);
    return session(ws, onOpen).finally(() => clearTimeout(timer));
  };
  const connectHead = (authority: string, ...lines: string[]): string => `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\nProxy-Connection: Keep-Alive\r\n${lines.map((line) => `${line}\r\n`).join("")}\r\n`;
  const failed = (url: string, why: string, code?: string): Seen => [["error", `WebSocket connection to '${url}' failed: ${why}`, code, 3], ["close", 1006, "", false, 3]];

  it("tunnels ws:// with CONNECT (Bun's request, byte for byte) and runs the handshake inside", async () => {
    await withProxy({}, async (proxy) => {
      const url = `ws://127.0.0.1:${server.port}/through-proxy`;
      const seen = await within(new WebSocket(url, { proxy: `http://127.0.0.1:${proxy.port}` }), (ws) => {
        ws.send("via proxy");
        ws.send("close-me");
      });
      expect(seen).toEqual([["open", 1, ""], ["message", ["string", "via proxy"]], ["close", 4001, "bye now", true, 3]]);
      expect(proxy.requests).toEqual([connectHead(`127.0.0.1:${server.port}`)]);
      // The handshake itself is the direct one, in origin form.
      const handshake = server.handshakes.find((item) => item.url === "/through-proxy");
      expect(handshake?.rawHeaders.slice(0, 2)).toEqual(["Host", `127.0.0.1:${server.port}`]);
    });
  });

  it("sends the proxy URL's credentials (percent-decoded) and the proxy's headers, merged, spelt and sorted as Bun does", async () => {
    await withProxy({}, async (proxy) => {
      const url = `ws://127.0.0.1:${server.port}/`;
      const headers = { "x-proxy-token": "t", "user-agent": "ua", Accept: " a ", "X-B": "b", "X-b": "c" };
      const options = { proxy: { url: `http://us%40er:p%3Ass@127.0.0.1:${proxy.port}`, headers } };
      expect(await within(new WebSocket(url, options), (ws) => ws.close())).toEqual([["open", 1, ""], ["close", 1005, "", true, 3]]);
      const credentials = Buffer.from("us@er:p:ss").toString("base64");
      expect(proxy.requests[0]).toBe(connectHead(`127.0.0.1:${server.port}`, `Proxy-Authorization: Basic ${credentials}`, "Accept: a", "User-Agent: ua", "X-B: b, c", "x-proxy-token: t"));
      // The program's own Host / Proxy-Authorization / Proxy-Connection replace Bun's.
      const own = { proxy: { url: `http://u:p@127.0.0.1:${proxy.port}`, headers: [["proxy-connection", "close"], ["HOST", "h"], ["Proxy-Authorization", "Bearer z"]] } };
      await within(new WebSocket(url, own as never), (ws) => ws.close());
      expect(proxy.requests[1]).toBe(`CONNECT 127.0.0.1:${server.port} HTTP/1.1\r\nHost: h\r\nProxy-Authorization: Bearer z\r\nProxy-Connection: close\r\n\r\n`);
    });
  });

  it("runs TLS to a wss:// target inside the tunnel, and TLS to an https: proxy, the tls options serving both", async () => {
    await withProxy({}, async (proxy) => {
      const wss = `wss://localhost:${tlsServer.port}/`;
      const seen = await within(new WebSocket(wss, { proxy: `http://127.0.0.1:${proxy.port}`, tls: { ca: certificate.cert } }), (ws) => ws.send("close-me"));
      expect(seen).toEqual([["open", 1, ""], ["close", 4001, "bye now", true, 3]]);
      expect(proxy.requests).toEqual([connectHead(`localhost:${tlsServer.port}`)]);
      // Without the ca, the target's certificate fails inside the tunnel.
      expect(await within(new WebSocket(wss, { proxy: `http://127.0.0.1:${proxy.port}` }))).toEqual(failed(wss, "TLS handshake failed: self signed certificate", "DEPTH_ZERO_SELF_SIGNED_CERT"));
    });
    await withProxy({ tls: certificate }, async (proxy) => {
      const url = `ws://127.0.0.1:${server.port}/`;
      const seen = await within(new WebSocket(url, { proxy: `https://localhost:${proxy.port}`, tls: { ca: certificate.cert, serverName: "ignored.test" } }), (ws) => ws.close());
      expect(seen).toEqual([["open", 1, ""], ["close", 1005, "", true, 3]]);
      // SNI names the proxy (not the tls option's serverName, which is the target's).
      expect(proxy.serverNames).toEqual(["localhost"]);
      expect(proxy.requests).toEqual([connectHead(`127.0.0.1:${server.port}`)]);
      expect(await within(new WebSocket(url, { proxy: `https://127.0.0.1:${proxy.port}` }))).toEqual(failed(url, "TLS handshake failed: self signed certificate", "DEPTH_ZERO_SELF_SIGNED_CERT"));
    });
  });

  it("reports a proxy that refuses, breaks off, garbles or is not there with Bun's errors", async () => {
    const url = `ws://127.0.0.1:${server.port}/`;
    const answers: Array<[ProxyScript, Seen]> = [
      [{ answer: "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n" }, failed(url, "Proxy authentication required: 407 Proxy Authentication Required")],
      [{ answer: "HTTP/1.1 502\r\n\r\n", then: "end" }, failed(url, "Proxy connection failed: 502")],
      [{ answer: "", then: "end" }, failed(url, "Connection ended", "ECONNRESET")],
      [{ answer: "nonsense\r\n\r\n", then: "hold" }, failed(url, "Invalid response", "HPE_INVALID_CONSTANT")],
      // 1xx answers are skipped; any 2xx opens the tunnel.
      [{ answer: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 204 Fine\n\n" }, [["open", 1, ""], ["close", 1005, "", true, 3]]],
    ];
    for (const [script, expected] of answers) {
      await withProxy(script, async (proxy) => {
        expect(await within(new WebSocket(url, { proxy: `http://127.0.0.1:${proxy.port}` }), (ws) => ws.close())).toEqual(expected);
        expect(proxy.requests).toHaveLength(1);
      });
    }
    const closed = await closedPort();
    expect(await within(new WebSocket(url, { proxy: `http://127.0.0.1:${closed}` }))).toEqual(failed(url, "Failed to connect", "ECONNREFUSED"));
  });

  it("close() while the tunnel opens: Bun's error and close 1006, and the tunnel is torn down", async () => {
    await withProxy({ answer: "", then: "hold" }, async (proxy) => {
      const url = `ws://127.0.0.1:${server.port}/`;
      const ws = new WebSocket(url, { proxy: `http://127.0.0.1:${proxy.port}` });
      const seen = within(ws);
      await expect.poll(() => proxy.requests.length).toBe(1);
      ws.close();
      expect(await seen).toEqual(failed(url, "WebSocket is closed before the connection is established"));
      await expect.poll(() => proxy.closed).toBe(1);
    });
  });

  it("reads the option as Bun does: an empty URL means no proxy, the environment is not consulted, bad headers throw Bun's errors", async () => {
    await withProxy({}, async (proxy) => {
      const url = `ws://127.0.0.1:${server.port}/`;
      const saved = { HTTP_PROXY: process.env["HTTP_PROXY"], https_proxy: process.env["https_proxy"] };
      process.env["HTTP_PROXY"] = process.env["https_proxy"] = `http://127.0.0.1:${proxy.port}`;
      try {
        expect(await within(new WebSocket(url, { proxy: "" }), (ws) => ws.close())).toEqual([["open", 1, ""], ["close", 1005, "", true, 3]]);
        expect(await within(new WebSocket(url), (ws) => ws.close())).toEqual([["open", 1, ""], ["close", 1005, "", true, 3]]);
      } finally {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
      expect(proxy.requests).toEqual([]);
    });
    const thrown = (headers: unknown): unknown => {
      try {
        new WebSocket("ws://127.0.0.1:9/", { proxy: { url: "http://127.0.0.1:9", headers } } as never).terminate();
        return "no error";
      } catch (error) {
        return [(error as Error).constructor.name, (error as Error).message, (error as { code?: string }).code];
      }
    };
    expect(thrown({ "x é": "1" })).toEqual(["TypeError", "Invalid header name: 'x é'", undefined]);
    expect(thrown({ "x é": "1", a: "€" })).toEqual(["TypeError", "Type error", undefined]);
    expect(thrown({ a: "x\ny" })).toEqual(["TypeError", "Header 'a' has invalid value", undefined]);
    expect(thrown([["a"]])).toEqual(["TypeError", "Header sub-sequence must contain exactly two items", undefined]);
    expect(thrown([5])).toEqual(["TypeError", "Value is not a sequence", "ERR_INVALID_ARG_TYPE"]);
    expect(thrown(5)).toEqual(["TypeError", "Type error", undefined]);
  });
});
