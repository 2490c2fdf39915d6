// permessage-deflate under real Bun and under Node + dx-compat: one server per
// `perMessageDeflate` setting in the same script, the same raw handshakes sent
// to each, and the Sec-WebSocket-Extensions answers compared; then what the
// agreed compression does on the wire (whether frames are compressed, whether
// the server keeps its compression context from one message to the next).
// Last, frames that break the protocol (RFC 6455 and RFC 7692), and the close
// code and reason each runtime answers them with.
import { startBoth, type RunningProgram } from "@dx-compat/oracle";
import { connect } from "node:net";
import { constants, deflateRawSync, inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const MODES: unknown[] = [
  true,
  false,
  null,
  {},
  { compress: "shared" },
  { compress: "dedicated" },
  { compress: "3KB" },
  { compress: "4KB" },
  { compress: "8KB" },
  { compress: "128KB" },
  { compress: "256KB", decompress: "256KB" },
  { decompress: "dedicated" },
  { decompress: "3KB" },
  { decompress: "8KB" },
  { decompress: "64KB" },
  { compress: "16KB", decompress: "4KB" },
  { compress: "disable", decompress: true },
  { compress: "dedicated", decompress: false },
  { compress: "", decompress: "disable" },
  // Bun's option errors.
  1,
  "dedicated",
  { compress: "5KB" },
  { compress: 0 },
  { decompress: "2KB" },
  { compress: "nope", decompress: "nope" },
];

const serverScript = `
const modes = JSON.parse(process.env.DEFLATE_MODES);
const text = "The quick brown fox jumps over the lazy dog " + "0123456789".repeat(3);
const servers = modes.map((mode) => {
  try {
    const server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch(req, server) { return server.upgrade(req) ? undefined : new Response("no", { status: 400 }); },
      websocket: {
        perMessageDeflate: mode,
        message(ws, message) {
          if (message === "twice") { ws.send(text, true); ws.send(text, true); }
          else ws.send("got:" + message, true);
        },
        close(ws, code, reason) { if (process.env.LOG_CLOSES) console.log(JSON.stringify({ close: code, reason })); },
      },
    });
    return { port: server.port };
  } catch (error) {
    return { error: [error.constructor.name, error.code, error.message] };
  }
});
console.log(JSON.stringify({ servers }));
`;

const OFFERS: (string | undefined)[] = [
  undefined,
  "permessage-deflate",
  "permessage-deflate; client_max_window_bits",
  "permessage-deflate; client_max_window_bits=8",
  "permessage-deflate; client_max_window_bits=10",
  "permessage-deflate; client_max_window_bits=15",
  'permessage-deflate; client_max_window_bits="12"',
  "permessage-deflate; client_max_window_bits=7",
  "permessage-deflate; client_max_window_bits=16",
  "permessage-deflate; client_max_window_bits=08",
  "permessage-deflate; client_no_context_takeover",
  "permessage-deflate; client_no_context_takeover; client_max_window_bits=12",
  "permessage-deflate; server_no_context_takeover",
  "permessage-deflate; server_max_window_bits=8",
  "permessage-deflate; server_max_window_bits=10",
  "permessage-deflate; server_max_window_bits=15",
  "permessage-deflate; server_no_context_takeover; server_max_window_bits=15",
  "permessage-deflate; server_no_context_takeover; server_max_window_bits=10",
  "permessage-deflate; server_max_window_bits=15; client_max_window_bits=9",
  "permessage-deflate;client_max_window_bits=10;server_max_window_bits=12",
  "permessage-deflate; server_max_window_bits=10, permessage-deflate",
  "permessage-deflate; unknown_param, permessage-deflate; client_max_window_bits=9",
  "permessage-deflate; server_max_window_bits",
  "permessage-deflate; server_no_context_takeover=1",
  "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
  "permessage-deflate; client_max_window_bits; client_max_window_bits=9",
  "permessage-deflate;client_max_window_bits =10",
  "permessage-deflate\t;\tclient_max_window_bits",
  "permessage-deflate;",
  "permessage-deflate x",
  "Permessage-Deflate",
  "x-webkit-deflate-frame",
  "foo; bar=1, permessage-deflate; client_max_window_bits",
  ',permessage-deflate; x="a,b", permessage-deflate; client_max_window_bits=12 ',
  'permessage-deflate; client_max_window_bits="12, permessage-deflate; client_max_window_bits=11',
  'permessage-deflate; x="a\\", permessage-deflate; client_max_window_bits=11"',
  'permessage-deflate; client_max_window_bits="1\\2"',
];

const KEY = "dGhlIHNhbXBsZSBub25jZQ==";

function handshake(offer: string | undefined): string {
  const extensions = offer === undefined ? "" : `Sec-WebSocket-Extensions: ${offer}\r\n`;
  return `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n${extensions}\r\n`;
}

/** A masked client frame; `compressed` sets RSV1 on a payload already deflated. */
function clientFrame(payload: Buffer, compressed = false): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = payload.map((byte, index) => byte ^ mask[index % 4]!);
  return Buffer.concat([Buffer.from([0x81 | (compressed ? 0x40 : 0), 0x80 | payload.length]), mask, masked]);
}

/** The 101's Sec-WebSocket-Extensions value (null without one), or the status line of another answer. */
function extensionsAnswer(port: number, offer: string | undefined): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(handshake(offer)));
    let text = "";
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      if (end === -1) return;
      socket.destroy();
      const lines = text.slice(0, end).split("\r\n");
      if (!lines[0]!.startsWith("HTTP/1.1 101")) resolve(lines[0]!);
      const line = lines.find((header) => /^sec-websocket-extensions:/i.test(header));
      resolve(line === undefined ? null : line.slice(line.indexOf(":") + 1).trim());
    });
    socket.on("error", reject);
  });
}

interface SeenFrame {
  rsv1: boolean;
  length: number;
  text: string;
}

/** Connects, handshakes with `offer`, sends `frames` once the 101 is in, and hands `onBody` everything after the 101 each time more arrives. */
function afterHandshake(port: number, offer: string | undefined, frames: Buffer, onBody: (body: Buffer) => void): ReturnType<typeof connect> {
  const socket = connect(port, "127.0.0.1", () => socket.write(handshake(offer)));
  let buffered = Buffer.alloc(0);
  let started = false;
  socket.on("data", (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf("\r\n\r\n");
    if (end === -1) return;
    if (!started) {
      started = true;
      socket.write(frames);
    }
    onBody(buffered.subarray(end + 4));
  });
  return socket;
}

/** Asks for the same text twice, then sends a compressed frame; returns the three answers. */
function converse(port: number): Promise<SeenFrame[]> {
  return new Promise((resolve, reject) => {
    // "hello compressed", deflated without the final empty block (RFC 7692 §7.2.1).
    const deflated = deflateRawSync("hello compressed", { finishFlush: constants.Z_SYNC_FLUSH });
    const ask = Buffer.concat([clientFrame(Buffer.from("twice")), clientFrame(deflated.subarray(0, deflated.length - 4), true)]);
    const socket = afterHandshake(port, "permessage-deflate; client_max_window_bits", ask, (body) => {
      const frames: SeenFrame[] = [];
      for (let at = 0; at + 2 <= body.length; ) {
        const rsv1 = (body[at]! & 0x40) !== 0;
        const length = body[at + 1]! & 0x7f;
        const payload = body.subarray(at + 2, at + 2 + length);
        if (payload.length < length) break;
        frames.push({ rsv1, length, text: rsv1 && frames.every((frame) => !frame.rsv1) ? inflateRawSync(Buffer.concat([payload, Buffer.from([0, 0, 0xff, 0xff])]), { finishFlush: constants.Z_SYNC_FLUSH }).toString() : rsv1 ? "(compressed)" : payload.toString() });
        at += 2 + length;
      }
      if (frames.length < 3) return;
      socket.destroy();
      resolve(frames);
    });
    socket.on("error", reject);
    setTimeout(() => {
      socket.destroy();
      reject(new Error("no answer within 5 s"));
    }, 5000);
  });
}

/** Sends `frames` after the handshake; returns the server's close frame (code and reason), or what happened instead. */
function closeAfter(port: number, offer: string | undefined, frames: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = afterHandshake(port, offer, frames, (body) => {
      for (let at = 0; at + 2 <= body.length; at += 2 + (body[at + 1]! & 0x7f)) {
        if ((body[at]! & 0x0f) !== 0x8) continue;
        const payload = body.subarray(at + 2, at + 2 + (body[at + 1]! & 0x7f));
        resolve(payload.length < 2 ? `close ${payload.length}` : `close ${payload.readUInt16BE(0)} ${payload.subarray(2).toString()}`);
      }
    });
    socket.on("close", () => resolve("closed without a close frame"));
    socket.on("error", reject);
    setTimeout(() => {
      socket.destroy();
      resolve("open after 2 s");
    }, 2000);
  });
}

/** A frame from its first byte and payload; the length byte says MASK unless `unmasked`. */
function rawFrame(first: number, payload: Buffer, unmasked = false): Buffer {
  if (unmasked) return Buffer.concat([Buffer.from([first, payload.length]), payload]);
  const mask = Buffer.from([9, 8, 7, 6]);
  return Buffer.concat([Buffer.from([first, 0x80 | payload.length]), mask, payload.map((byte, index) => byte ^ mask[index % 4]!)]);
}

const hex = (text: string): Buffer => Buffer.from(text, "hex");

/** Frames that break RFC 6455 or RFC 7692, each sent on a connection of its own. */
const PROTOCOL_ERRORS: Record<string, { deflate: boolean; frames: Buffer }> = {
  unmasked: { deflate: false, frames: rawFrame(0x81, hex("61"), true) },
  fragmentedPing: { deflate: false, frames: rawFrame(0x09, hex("")) },
  pingOver125Bytes: { deflate: false, frames: Buffer.concat([hex("89fe0080"), hex("09080706"), Buffer.alloc(128)]) },
  continuationFirst: { deflate: false, frames: rawFrame(0x80, hex("61")) },
  newMessageInsideFragments: { deflate: false, frames: Buffer.concat([rawFrame(0x01, hex("61")), rawFrame(0x01, hex("62"))]) },
  closeCode999: { deflate: false, frames: rawFrame(0x88, hex("03e7")) },
  closeCode1005: { deflate: false, frames: rawFrame(0x88, hex("03ed")) },
  closeCode5000: { deflate: false, frames: rawFrame(0x88, hex("1388")) },
  closeOneByte: { deflate: false, frames: rawFrame(0x88, hex("78")) },
  closeReasonNotUtf8: { deflate: false, frames: rawFrame(0x88, hex("03e8fffe")) },
  textNotUtf8: { deflate: false, frames: rawFrame(0x81, hex("fffe")) },
  reservedDataOpcode: { deflate: false, frames: rawFrame(0x83, hex("61")) },
  reservedControlOpcode: { deflate: false, frames: rawFrame(0x8b, hex("")) },
  rsv1WithoutDeflate: { deflate: false, frames: rawFrame(0xc1, hex("61")) },
  rsv2: { deflate: false, frames: rawFrame(0xa1, hex("61")) },
  lengthOver2To53: { deflate: false, frames: hex("81ff002000000000000009080706") },
  rsv1OnPing: { deflate: true, frames: rawFrame(0xc9, hex("")) },
  rsv1OnContinuation: { deflate: true, frames: Buffer.concat([rawFrame(0x41, hex("61")), rawFrame(0xc0, hex("62"))]) },
  corruptDeflate: { deflate: true, frames: rawFrame(0xc1, hex("ffffff")) },
};

type Servers = { port?: number; error?: unknown }[];

const serversOf = (program: RunningProgram): Servers => (program.ready as { servers: Servers }).servers;

describe("Bun.serve websocket perMessageDeflate (Bun vs Node + dx-compat)", () => {
  it("option errors, Sec-WebSocket-Extensions answers and what the agreement does on the wire", { timeout: 120_000 }, async () => {
    const { bun, node } = await startBoth(serverScript, { env: { DEFLATE_MODES: JSON.stringify(MODES) } });
    try {
      const observe = async (servers: Servers): Promise<unknown[]> => {
        const seen: unknown[] = [];
        for (const [index, server] of servers.entries()) {
          if (server.port === undefined) {
            seen.push({ mode: MODES[index], error: server.error });
            continue;
          }
          const answers: Record<string, string | null> = {};
          for (const offer of OFFERS) answers[offer ?? "(none)"] = await extensionsAnswer(server.port, offer);
          const frames = await converse(server.port);
          // Compressed sizes depend on each runtime's zlib; whether context is kept does not.
          const contextKept = frames[0]!.rsv1 && frames[1]!.rsv1 && frames[1]!.length < frames[0]!.length / 2;
          seen.push({ mode: MODES[index], answers, frames: frames.map(({ rsv1, text }) => ({ rsv1, text })), contextKept });
        }
        return seen;
      };
      const [bunSaw, nodeSaw] = await Promise.all([observe(serversOf(bun)), observe(serversOf(node))]);
      expect(nodeSaw).toEqual(bunSaw);
      // The comparison covers every kind of answer: errors, no extension, each side's parameters.
      const answers = bunSaw.flatMap((entry) => Object.values((entry as { answers?: Record<string, string | null> }).answers ?? {}));
      expect(answers).toContain(null);
      for (const part of ["client_no_context_takeover", "client_max_window_bits=12", "server_no_context_takeover", "server_max_window_bits=9", "server_max_window_bits=15"]) {
        expect(answers.some((answer) => answer?.includes(part))).toBe(true);
      }
      expect(bunSaw.filter((entry) => (entry as { error?: unknown }).error !== undefined)).toHaveLength(6);
      expect(bunSaw.filter((entry) => (entry as { contextKept?: boolean }).contextKept === true).length).toBeGreaterThan(0);
    } finally {
      await Promise.all([bun.stop(), node.stop()]);
    }
  });

  it("frames that break the protocol: the close code and reason sent, and the close handler's arguments", { timeout: 120_000 }, async () => {
    const { bun, node } = await startBoth(serverScript, { env: { DEFLATE_MODES: JSON.stringify([true, false]), LOG_CLOSES: "1" } });
    try {
      const observe = async (program: RunningProgram): Promise<unknown> => {
        const [deflating, plain] = serversOf(program);
        const answers: Record<string, string> = {};
        for (const [name, { deflate, frames }] of Object.entries(PROTOCOL_ERRORS)) {
          answers[name] = deflate ? await closeAfter(deflating!.port!, "permessage-deflate", frames) : await closeAfter(plain!.port!, undefined, frames);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        const closes = program.stdout().split("\n").slice(1).filter((line) => line !== "");
        return { answers, closes };
      };
      const [bunSaw, nodeSaw] = await Promise.all([observe(bun), observe(node)]);
      expect(nodeSaw).toEqual(bunSaw);
      // Each frame got a close frame of its own kind (not one catch-all reason).
      const reasons = new Set(Object.values((bunSaw as { answers: Record<string, string> }).answers));
      expect(reasons.size).toBe(13);
    } finally {
      await Promise.all([bun.stop(), node.stop()]);
    }
  });
});
