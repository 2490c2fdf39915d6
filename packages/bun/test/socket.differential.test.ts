// Bun.listen / Bun.connect under real Bun and under Node + dx-compat: each
// scenario runs a server and a client on 127.0.0.1 in one process and returns
// the log of handler calls (name, readyState, arguments), write/end return
// values and thrown errors (class, message, code); the logs must be equal.
import { compareBatch, differential, startBoth, type RunningProgram } from "@dx-compat/oracle";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const certDir = mkdtempSync(join(tmpdir(), "dx-socket-cert-"));
afterAll(() => rmSync(certDir, { recursive: true, force: true }));

/** A self-signed certificate for localhost / 127.0.0.1, made by the openssl CLI; returns the PEM file paths. */
function makeCertificate(): { cert: string; key: string } {
  const cert = join(certDir, "cert.pem");
  const key = join(certDir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], { stdio: "ignore" });
  return { cert, key };
}

const caseModule = `
import { listen, connect, file as bunFile } from "bun";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
const show = (x) => {
  if (x === undefined) return "undefined";
  if (x === null) return "null";
  if (x instanceof Error) return { error: x.constructor.name, name: x.name, message: x.message, code: x.code, errno: x.errno, syscall: x.syscall, keys: Object.keys(x) };
  // Whether a chunk owns its memory (Bun's do) or is a view into a larger buffer (a pool's, say).
  const view = (x) => (x.byteOffset === 0 && x.buffer.byteLength === x.byteLength ? "" : "(view)");
  if (Buffer.isBuffer(x)) return "Buffer" + view(x) + ":" + x.toString();
  if (x instanceof Uint8Array) return "Uint8Array" + view(x) + ":" + Buffer.from(x).toString();
  if (x instanceof ArrayBuffer) return "ArrayBuffer:" + Buffer.from(x).toString();
  if (typeof x === "object") return Object.prototype.toString.call(x);
  return x;
};
const attempt = (f) => { try { return show(f()); } catch (e) { return show(e); } };
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (check) => { for (let i = 0; i < 200 && !check(); i++) await wait(10); };

// A server and a client that log every handler call into one list.
async function pair(serverOptions, clientOptions, serverExtra = {}, clientExtra = {}) {
  const log = [];
  const closed = new Set();
  const handler = (tag, extra) => ({
    open(s) { log.push([tag + ".open", s.readyState]); extra.open?.(s); },
    data(s, d) { log.push([tag + ".data", show(d)]); extra.data?.(s, d); },
    drain(s) { log.push([tag + ".drain"]); extra.drain?.(s); },
    end(s) { log.push([tag + ".end", s.readyState]); extra.end?.(s); },
    close(s, e) { log.push([tag + ".close", s.readyState, show(e)]); closed.add(tag); },
    error(s, e) { log.push([tag + ".error", show(e)]); },
    ...(extra.handshake ? { handshake(s, ok, err) { log.push([tag + ".handshake", ok, show(err)]); extra.handshake(s); } } : {}),
    ...(extra.binaryType ? { binaryType: extra.binaryType } : {}),
  });
  let accepted;
  const acceptedReady = new Promise((r) => (accepted = r));
  const server = listen({ hostname: "127.0.0.1", port: 0, ...serverOptions, socket: handler("s", { ...serverExtra, open(s) { serverExtra.open?.(s); accepted(s); } }) });
  const client = await connect({ hostname: "127.0.0.1", port: server.port, ...clientOptions, socket: handler("c", clientExtra) });
  const s = await acceptedReady;
  log.push(["connected", show(client), client.readyState, typeof client.localPort, client.remotePort === server.port, client.remoteAddress, s.remoteAddress, client.listener === undefined, s.listener === server]);
  return { log, server, client, s, closed, bothClosed: () => until(() => closed.has("s") && closed.has("c")) };
}

const scenarios = {
  // Client writes, server echoes upper-cased, client ends.
  echo: async () => {
    const p = await pair({}, {}, { data(s, d) { log2.push(s.write(String(d).toUpperCase())); } });
    const log2 = p.log;
    p.log.push(["write", p.client.write("hello")]);
    await until(() => p.log.some((e) => e[0] === "c.data"));
    p.log.push(["end", p.client.end(), p.client.readyState, p.client.write("late"), p.client.end()]);
    await p.bothClosed();
    p.server.stop(true);
    return p.log;
  },
  endWithData: async () => {
    const p = await pair({}, {});
    p.log.push(["end", p.client.end("bye")]);
    await p.bothClosed();
    p.server.stop(true);
    return p.log;
  },
  halfOpenServer: async () => {
    const p = await pair({ allowHalfOpen: true }, { allowHalfOpen: true }, { end(s) { s.write("after-fin"); s.end(); } });
    p.log.push(["shutdown", p.client.shutdown(), p.client.readyState, p.client.write("x")]);
    await p.bothClosed();
    p.server.stop(true);
    return p.log;
  },
  terminate: async () => {
    const p = await pair({}, {});
    p.log.push(["terminate", p.client.terminate(), p.client.readyState]);
    await p.bothClosed();
    p.server.stop(true);
    return p.log;
  },
  close: async () => {
    const p = await pair({}, {});
    p.log.push(["close", p.client.close(), p.client.readyState, p.client.remotePort]);
    await p.bothClosed();
    p.server.stop(true);
    return p.log;
  },
  stopCloseActive: async () => {
    const p = await pair({}, {});
    p.log.push(["stop", p.server.stop(true), p.server.port > 0, p.server.hostname]);
    await p.bothClosed();
    return p.log;
  },
  binaryTypes: async (types) => {
    const p = await pair({}, {}, { binaryType: types[0], data(s) { s.write("pong"); } }, { binaryType: types[1] });
    p.client.write("ping");
    await until(() => p.log.some((e) => e[0] === "c.data"));
    p.client.end();
    await p.bothClosed();
    p.server.stop(true);
    return p.log;
  },
  socketData: async () => {
    const shared = { n: 1 };
    const p = await pair({ data: shared }, { data: { client: true } });
    p.log.push(["data", p.s.data === shared, p.server.data === shared, JSON.stringify(p.client.data)]);
    p.s.data = 5;
    p.log.push(["after", p.server.data === shared, p.s.data]);
    p.client.end();
    await p.bothClosed();
    p.server.stop(true);
    return p.log;
  },
  throwingHandler: async () => {
    const p = await pair({}, {}, { data() { throw new TypeError("handler failed"); } });
    p.client.write("x");
    await until(() => p.log.some((e) => e[0] === "s.error"));
    p.log.push(["state", p.s.readyState]);
    p.client.end();
    await p.bothClosed();
    p.server.stop(true);
    return p.log;
  },
  reload: async () => {
    const p = await pair({}, {});
    p.server.reload({ socket: { data(s, d) { p.log.push(["s2.data", show(d)]); s.write("r"); }, close() { p.closed.add("s"); p.log.push(["s2.close"]); } } });
    p.client.reload({ socket: { data(s, d) { p.log.push(["c2.data", show(d)]); }, close() { p.closed.add("c"); p.log.push(["c2.close"]); } } });
    p.client.write("1");
    await until(() => p.log.some((e) => e[0] === "c2.data"));
    p.client.end();
    await p.bothClosed();
    p.server.stop(true);
    return p.log;
  },
  writeArguments: async () => {
    const p = await pair({}, {});
    const u = new Uint8Array([48, 49, 50, 51, 52, 53]);
    p.log.push(["writes", ...[
      () => p.client.write(u, 2, 2), () => p.client.write(u, 2), () => p.client.write(u, 7), () => p.client.write(u, -1), () => p.client.write(u, 1, 9),
      () => p.client.write("str", 1, 1), () => p.client.write(""), () => p.client.write(new ArrayBuffer(2)), () => p.client.write(new DataView(u.buffer), 1, 1),
      () => p.client.write(new Uint16Array([0x4141])), () => p.client.write(5), () => p.client.write(null), () => p.client.write({}), () => p.client.write("é"),
    ].map(attempt)]);
    await until(() => p.log.filter((e) => e[0] === "s.data").map((e) => e[1]).join("").length >= 18);
    p.log.push(["bytesWritten", p.client.bytesWritten]);
    p.client.end();
    await p.bothClosed();
    p.server.stop(true);
    return p.log.filter((e) => e[0] !== "s.data");
  },
  writeBlobs: async () => {
    const p = await pair({}, {});
    const dir = mkdtempSync(tmpdir() + "/dx-sock-blob-");
    writeFileSync(dir + "/f.txt", "file-bytes");
    const file = bunFile(dir + "/f.txt");
    p.log.push(["writes", ...[
      () => p.client.write(new Blob(["héllo"])), () => p.client.write(new Blob(["abcdef"]), 2, 3), () => p.client.write(new Blob(["ABCDEF"]), 2),
      () => p.client.write(new Blob(["ABCDEF"]), 7), () => p.client.write(new Blob([])), () => p.client.write(new Blob([new Uint8Array([120, 121])], { type: "text/plain" })),
      () => p.client.write(new File(["fil"], "a.txt")), () => p.client.write(new Blob(["0123456789"]).slice(3, 6)), () => p.client.write(file), () => p.client.write(file.slice(0, 3)),
    ].map(attempt)]);
    p.log.push(["end", attempt(() => p.client.end(new Blob(["bye"])))]);
    await p.bothClosed();
    rmSync(dir, { recursive: true, force: true });
    p.server.stop(true);
    const received = p.log.filter((e) => e[0] === "s.data").map((e) => e[1].replace(/^Buffer:/, "")).join("");
    return [...p.log.filter((e) => e[0] !== "s.data"), ["received", received]];
  },
  misc: async () => {
    const p = await pair({}, {});
    const c = p.client;
    p.log.push(["misc", attempt(() => c.flush()), attempt(() => c.ref()), attempt(() => c.setNoDelay(true)), attempt(() => c.setKeepAlive(true, 1000)), attempt(() => c.timeout(30)), c.localFamily, c.remoteFamily, c.authorized, c.alpnProtocol, typeof c.fd]);
    p.log.push(["reloadErrors", attempt(() => c.reload()), attempt(() => c.reload({})), attempt(() => c.reload({ socket: {} })), attempt(() => p.server.reload()), attempt(() => p.server.reload({})), attempt(() => p.server.reload({ socket: { data: 1 } }))]);
    c.end();
    await p.bothClosed();
    p.log.push(["afterClose", c.readyState, c.write("x"), c.end("y"), c.remoteAddress, typeof c.localPort, attempt(() => c.setNoDelay(true))]);
    p.server.stop(true);
    p.log.push(["listener", show(p.server), typeof p.server.port, p.server.unix, attempt(() => p.server.stop()), attempt(() => p.server.unref())]);
    return p.log;
  },
  connectRefused: async (withHandler) => {
    const probe = listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const port = probe.port;
    probe.stop(true);
    const log = [];
    const socket = { data() {}, close() { log.push(["close"]); } };
    if (withHandler) socket.connectError = (s, e) => log.push(["connectError", show(s), s.readyState, show(e)]);
    try { await connect({ hostname: "127.0.0.1", port, socket }); } catch (e) { log.push(["rejects", show(e)]); }
    return log;
  },
  unix: async () => {
    const dir = mkdtempSync(tmpdir() + "/dx-sock-diff-");
    const path = dir + "/s.sock";
    const log = [];
    try {
      const server = listen({ unix: path, socket: { data(s, d) { log.push(["s.data", show(d)]); s.end("bye"); }, close() { log.push(["s.close"]); } } });
      log.push(["listener", server.unix === path, server.port, server.hostname]);
      let done;
      const closed = new Promise((r) => (done = r));
      const c = await connect({ unix: path, socket: { data(s, d) { log.push(["c.data", show(d)]); }, end() { log.push(["c.end"]); }, close() { log.push(["c.close"]); done(); } } });
      log.push(["client", c.remoteAddress, c.localPort, c.write("via unix")]);
      await closed;
      server.stop(true);
      log.push(["stopped", server.unix === path]);
      log.push(["refused", await connect({ unix: dir + "/none.sock", socket: { data() {} } }).then(() => "connected", show)]);
      log.push(["badDir", attempt(() => listen({ unix: "/nonexistent-dx-dir/x.sock", socket: { data() {} } }))]);
      return log;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  listenInUse: async () => {
    const a = listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    try {
      const e = attempt(() => listen({ hostname: "127.0.0.1", port: a.port, socket: { data() {} } }));
      return [e.message, e.code, e.errno, e.syscall, e.keys];
    } finally { a.stop(); }
  },
  badOptions: (name) => attempt(() => badOptions[name]()),
  // STARTTLS on both ends: each side logs its calls in order (the raw halves only note that they saw the TLS records).
  upgrade: async ([certPath, keyPath, withHandshake]) => {
    const cert = readFileSync(certPath, "utf8");
    const key = readFileSync(keyPath, "utf8");
    const serverLog = [];
    const clientLog = [];
    const closed = new Set();
    const sawRecords = new Set();
    const note = (log, tag) => ({
      open(s) { log.push([tag + ".open", s.readyState, String(s)]); },
      // How the TLS records are cut into reads varies from run to run: the raw halves only note that they saw some.
      data(s, d) { if (tag.endsWith("raw")) sawRecords.add(tag); else log.push([tag + ".data", show(d)]); },
      drain() { log.push([tag + ".drain"]); },
      end(s) { log.push([tag + ".end", s.readyState]); },
      close(s, e) { log.push([tag + ".close", s.readyState, show(e)]); closed.add(tag); },
      error(s, e) { log.push([tag + ".error", show(e)]); },
      ...(withHandshake ? { handshake(s, ok, err) { log.push([tag + ".handshake", ok, show(err), s.authorized]); } } : {}),
    });
    let serverPair;
    const server = listen({ hostname: "127.0.0.1", port: 0, data: "listener-data", socket: { ...note(serverLog, "s.raw"), data(s, d) {
      if (serverPair !== undefined) return note(serverLog, "s.raw").data(s, d);
      serverLog.push(["s.plain", String(d)]);
      serverPair = s.upgradeTLS({ data: "s-tls", tls: { cert, key }, socket: { ...note(serverLog, "s.tls"), data(t, x) { serverLog.push(["s.tls.data", String(x)]); if (String(x) === "bye") t.end("secure:bye"); else t.write("secure:" + x); }, drain() {} } });
      serverLog.push(["s.upgraded", serverPair.map((half) => [String(half), half.data, half.readyState, typeof half.remotePort, half.localPort === server.port, half.listener === server]), s.readyState, s.write("late"), attempt(() => s.upgradeTLS({ tls: true, socket: { data() {} } }))]);
    } } });
    const client = await connect({ hostname: "127.0.0.1", port: server.port, data: "c-data", socket: note(clientLog, "c.raw") });
    client.write("STARTTLS");
    await until(() => serverPair !== undefined);
    // Bun drops what a TLS socket writes before its handshake is done: the client speaks once \`drain\` says it may.
    let spoke = false;
    const clientPair = client.upgradeTLS({ data: "c-tls", tls: { ca: cert, serverName: "localhost" }, socket: { ...note(clientLog, "c.tls"), drain(t) { clientLog.push(["c.tls.drain"]); if (!spoke) { spoke = true; t.write("hello"); } }, data(t, x) { clientLog.push(["c.tls.data", String(x)]); if (String(x) === "secure:hello") t.write("bye"); } } });
    clientLog.push(["c.upgraded", clientPair.map((half) => [String(half), half.data, half.readyState]), client.readyState, client.data, clientPair[1].upgradeTLS({ tls: true, socket: { data() {} } }) === undefined]);
    await until(() => closed.size === 4);
    server.stop(true);
    return { server: serverLog, client: clientLog, closed: [...closed].sort(), sawRecords: [...sawRecords].sort() };
  },
  upgradeErrors: async () => {
    const server = listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const quiet = { data() {} };
    const c = await connect({ hostname: "127.0.0.1", port: server.port, socket: quiet });
    const log = [
      () => c.upgradeTLS(), () => c.upgradeTLS(1), () => c.upgradeTLS({}), () => c.upgradeTLS({ tls: true }), () => c.upgradeTLS({ socket: quiet }),
      () => c.upgradeTLS({ tls: false, socket: quiet }), () => c.upgradeTLS({ tls: null, socket: quiet }), () => c.upgradeTLS({ tls: {}, socket: quiet }),
      () => c.upgradeTLS({ tls: "x", socket: quiet }), () => c.upgradeTLS({ tls: true, socket: 1 }), () => c.upgradeTLS({ tls: true, socket: { data: 1 } }),
      () => c.upgradeTLS({ tls: true, socket: {} }), () => c.upgradeTLS({ tls: { ca: 5 }, socket: quiet }), () => c.upgradeTLS({ tls: { cert: [5] }, socket: quiet }),
    ].map(attempt);
    c.end();
    log.push(attempt(() => c.upgradeTLS(5)), attempt(() => c.upgradeTLS({ tls: true, socket: quiet })));
    server.stop(true);
    return log;
  },
  tls: async ([certPath, keyPath, clientTlsOption, withHandshake]) => {
    const cert = readFileSync(certPath, "utf8");
    const key = readFileSync(keyPath, "utf8");
    const clientTls = clientTlsOption === "ca" ? { ca: cert } : clientTlsOption;
    const extra = withHandshake ? { handshake() {} } : {};
    const p = await pair({ tls: { cert, key } }, { tls: clientTls }, { ...extra, data(s, d) { s.write(d); } }, extra);
    p.log.push(["tlsClient", show(p.client), p.client.authorized]);
    await until(() => p.log.some((e) => e[0] === "c.handshake" || e[0] === "c.close") && (!withHandshake || p.log.some((e) => e[0] === "s.handshake")));
    if (p.client.readyState === 1) {
      p.client.write("secret");
      await until(() => p.log.some((e) => e[0] === "c.data"));
      p.log.push(["authorized", p.client.authorized]);
      p.client.end();
    }
    await until(() => p.closed.has("c"));
    p.server.stop(true);
    return p.log.filter((e) => e[0] !== "s.drain" && e[0] !== "c.drain");
  },
};
const ok = { data() {} };
const badOptions = {
  listenNothing: () => listen(),
  listenEmpty: () => listen({}),
  listenNoSocket: () => listen({ hostname: "127.0.0.1", port: 0 }),
  listenNoHandlers: () => listen({ hostname: "127.0.0.1", port: 0, socket: {} }),
  listenNoHost: () => listen({ port: 0, socket: ok }),
  listenNoPort: () => listen({ hostname: "127.0.0.1", socket: ok }),
  listenNegativePort: () => listen({ hostname: "127.0.0.1", port: -1, socket: ok }),
  listenHugePort: () => listen({ hostname: "127.0.0.1", port: 70000, socket: ok }),
  listenStringPort: () => { const s = listen({ hostname: "127.0.0.1", port: "0", socket: ok }); s.stop(); return typeof s.port; },
  listenBadBinaryType: () => listen({ hostname: "127.0.0.1", port: 0, socket: { data() {}, binaryType: "blob" } }),
  listenNullHandler: () => { const s = listen({ hostname: "127.0.0.1", port: 0, socket: { data() {}, open: null } }); s.stop(); return "ok"; },
  listenBadOpen: () => listen({ hostname: "127.0.0.1", port: 0, socket: { data() {}, open: 1 } }),
  listenBadDrain: () => listen({ hostname: "127.0.0.1", port: 0, socket: { drain: "x" } }),
  listenBadHandshake: () => listen({ hostname: "127.0.0.1", port: 0, socket: { data() {}, handshake: {} } }),
  listenBadConnectError: () => listen({ hostname: "127.0.0.1", port: 0, socket: { data() {}, connectError: 2 } }),
  listenUnixWins: () => { const dir = mkdtempSync(tmpdir() + "/dx-sock-"); try { const s = listen({ unix: dir + "/a.sock", hostname: "127.0.0.1", port: 0, socket: ok }); s.stop(); return [typeof s.unix, s.port, s.hostname]; } finally { rmSync(dir, { recursive: true, force: true }); } },
  listenHostnames: () => ["0.0.0.0", "::1", "localhost"].map((hostname) => { const s = listen({ hostname, port: 0, socket: ok }); s.stop(); return [s.hostname, s.port > 0]; }),
  connectNothing: () => connect(),
  connectString: () => connect("127.0.0.1:1"),
  connectNoSocket: () => connect({ hostname: "127.0.0.1", port: 1 }),
  connectNoPort: () => connect({ hostname: "127.0.0.1", socket: ok }),
  connectNoHost: () => connect({ port: 1, socket: ok }),
  connectBadPort: () => connect({ hostname: "127.0.0.1", port: 65536, socket: ok }),
  connectNoHandlers: () => connect({ hostname: "127.0.0.1", port: 1, socket: { open() {} } }),
  tlsBadCa: () => connect({ hostname: "127.0.0.1", port: 1, tls: { ca: 5 }, socket: ok }),
  tlsBadCertElement: () => connect({ hostname: "127.0.0.1", port: 1, tls: { cert: ["x", 5] }, socket: ok }),
  tlsBadKey: () => listen({ hostname: "127.0.0.1", port: 0, tls: { key: {} }, socket: ok }),
  tlsBadAlpn: () => listen({ hostname: "127.0.0.1", port: 0, tls: { ALPNProtocols: 5 }, socket: ok }),
  tlsBadPassphrase: () => connect({ hostname: "127.0.0.1", port: 1, tls: { passphrase: 5 }, socket: ok }),
};
export default ([name, arg]) => scenarios[name](arg);
`;

async function expectSame(inputs: unknown[]): Promise<void> {
  const { mismatches } = await compareBatch(caseModule, inputs, { timeoutMs: 30_000 });
  expect(mismatches.map((mismatch) => JSON.stringify(mismatch))).toEqual([]);
}

describe("Bun.listen / Bun.connect against Bun", () => {
  it("handler call order, write/end return values, closing, reload, data, errors", async () => {
    const { cert, key } = makeCertificate();
    const bad = ["listenNothing", "listenEmpty", "listenNoSocket", "listenNoHandlers", "listenNoHost", "listenNoPort", "listenNegativePort", "listenHugePort", "listenStringPort", "listenBadBinaryType", "listenNullHandler", "listenBadOpen", "listenBadDrain", "listenBadHandshake", "listenBadConnectError", "listenUnixWins", "listenHostnames", "connectNothing", "connectString", "connectNoSocket", "connectNoPort", "connectNoHost", "connectBadPort", "connectNoHandlers", "tlsBadCa", "tlsBadCertElement", "tlsBadKey", "tlsBadAlpn", "tlsBadPassphrase"];
    await expectSame([
      ["echo"],
      ["endWithData"],
      ["halfOpenServer"],
      ["terminate"],
      ["close"],
      ["stopCloseActive"],
      ["binaryTypes", ["arraybuffer", "uint8array"]],
      ["binaryTypes", ["buffer", "arraybuffer"]],
      ["socketData"],
      ["throwingHandler"],
      ["reload"],
      ["writeArguments"],
      ["writeBlobs"],
      ["misc"],
      ["connectRefused", true],
      ["connectRefused", false],
      ["unix"],
      ["listenInUse"],
      ["tls", [cert, key, "ca", true]],
      ["tls", [cert, key, "ca", false]],
      ["tls", [cert, key, { rejectUnauthorized: false }, true]],
      ["tls", [cert, key, true, true]],
      ["upgrade", [cert, key, true]],
      ["upgrade", [cert, key, false]],
      ["upgradeErrors"],
      ...bad.map((name) => ["badOptions", name]),
    ]);
  }, 60_000);
});

// The same echo server under both runtimes, driven by a plain node:net client:
// the bytes that come back and the server's own log must match.
const serverScript = `
const log = [];
const server = Bun.listen({
  hostname: "127.0.0.1",
  port: 0,
  data: { count: 0 },
  socket: {
    open(s) { log.push("open"); },
    data(s, d) { s.data.count++; log.push("data:" + d.length); s.write("[" + d.toString().toUpperCase() + "]"); if (d.includes("quit")) s.end("bye"); },
    end(s) { log.push("end"); },
    close(s, e) { log.push("close:" + (e ? e.code : "none")); if (log.filter((l) => l.startsWith("close")).length === 2) { console.error(JSON.stringify(log)); } },
  },
});
console.log(JSON.stringify({ port: server.port }));
`;

function talk(port: number, chunks: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: "127.0.0.1", port });
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(received));
    socket.on("connect", () => {
      const next = (index: number): void => {
        const chunk = chunks[index];
        if (chunk === undefined) return;
        socket.write(chunk);
        setTimeout(() => next(index + 1), 30);
      };
      next(0);
    });
  });
}

describe("a Bun.listen server under both runtimes, seen from a node:net client", () => {
  it("answers the same bytes and logs the same handler calls", async () => {
    const { bun, node } = await startBoth(serverScript);
    const programs: RunningProgram[] = [bun, node];
    try {
      const results = await Promise.all(
        programs.map(async (program) => {
          const { port } = program.ready as { port: number };
          const first = await talk(port, ["hello", "world", "quit"]);
          const second = await talk(port, ["again", "quit"]);
          for (let i = 0; i < 100 && !program.stderr().includes("]"); i++) await new Promise((r) => setTimeout(r, 20));
          return { first, second, log: program.stderr().trim() };
        }),
      );
      expect(results[0]?.first).toBe("[HELLO][WORLD][QUIT]bye");
      expect(results[1]).toEqual(results[0]);
    } finally {
      await Promise.all(programs.map((program) => program.stop()));
    }
  }, 30_000);

  it("a handler that throws: `error` gets it (the socket as `this`), else it is printed and the socket goes on; exit code 1 after a printed error (TCP and UDP)", { timeout: 120_000 }, async () => {
    const script = (mode: string): string => `
const mode = ${JSON.stringify(mode)};
const describe = (value, socket) => (value === socket ? "socket" : value instanceof Error ? "Error: " + value.message : typeof value);
if (mode.startsWith("tcp")) {
  const handlers = {
    open(socket) { console.log("open", this === socket); },
    data(socket, data) { console.log("data", String(data), this === socket); throw new Error("thrown by data"); },
    close(socket) { console.log("close", this === socket); },
  };
  if (mode === "tcpHandler") handlers.error = function (...args) { console.log("error", args.length, args.map((a) => describe(a, args[0])).join(" "), this === args[0]); };
  if (mode === "tcpHandlerThrows") handlers.error = () => { throw new Error("thrown by the error handler"); };
  const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: handlers });
  const client = await Bun.connect({ hostname: "127.0.0.1", port: server.port, socket: { data() {}, close() {} } });
  for (const text of ["a", "b"]) {
    client.write(text);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  client.end();
  await new Promise((resolve) => setTimeout(resolve, 100));
  server.stop(true);
} else {
  const handlers = { data(socket, data) { console.log("udp data", String(data), this === socket); throw new Error("thrown by udp data"); } };
  if (mode === "udpHandler") handlers.error = function (...args) { console.log("udp error", args.length, args.map((a) => describe(a, this)).join(" "), this === udp); };
  const udp = await Bun.udpSocket({ hostname: "127.0.0.1", socket: handlers });
  for (const text of ["a", "b"]) {
    udp.send(text, udp.port, "127.0.0.1");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  udp.close();
}
console.log("end");
`;
    const errorLines = (stderr: string): string[] => stderr.split("\n").flatMap((line) => /^(?:error|Error): (.*)$/.exec(line)?.slice(1) ?? []);
    for (const mode of ["tcp", "tcpHandler", "tcpHandlerThrows", "udp", "udpHandler"]) {
      const { bun, node } = await differential(script(mode));
      expect({ mode, stdout: node.stdout, printed: errorLines(node.stderr), code: node.code }).toEqual({ mode, stdout: bun.stdout, printed: errorLines(bun.stderr), code: bun.code });
    }
  });
});
