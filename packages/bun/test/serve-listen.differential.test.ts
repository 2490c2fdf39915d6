// The listening options of Bun.serve and Bun.listen against real Bun 1.4.5:
// `reusePort` (a second server may share the port only when both ask; `exclusive`
// changes nothing on Linux) and `ipv6Only` ("::" takes IPv4 connections unless it
// is set). The same program runs under both runtimes.
import { compareBatch, differential } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const program = `
import { connect } from "node:net";
const reachable = (host, port) => new Promise((resolve) => {
  const socket = connect({ host, port }, () => { socket.destroy(); resolve(true); });
  socket.on("error", (error) => resolve(error.code));
});
const shape = (error) => ({ name: error.name, code: error.code, errno: error.errno, syscall: error.syscall, message: error.message.replace(/\\d{2,5}/, "PORT") });
const fetch = () => new Response("x");
const out = {};
const first = Bun.serve({ port: 0, hostname: "127.0.0.1", reusePort: true, fetch });
try {
  const second = Bun.serve({ port: first.port, hostname: "127.0.0.1", reusePort: true, fetch });
  out.sharedPort = second.port === first.port;
  second.stop(true);
} catch (error) {
  out.sharedPort = shape(error);
}
try {
  Bun.serve({ port: first.port, hostname: "127.0.0.1", fetch }).stop(true);
  out.withoutReusePort = "listened";
} catch (error) {
  out.withoutReusePort = shape(error);
}
first.stop(true);
for (const ipv6Only of [false, true]) {
  const server = Bun.serve({ port: 0, hostname: "::", ipv6Only, fetch });
  out["ipv6Only " + ipv6Only] = { v6: await reachable("::1", server.port), v4: await reachable("127.0.0.1", server.port), hostname: server.hostname };
  server.stop(true);
}
console.log(JSON.stringify(out));
`;

const listenProgram = `
import { connect } from "node:net";
const socket = { data() {} };
const shape = (error) => ({ name: error.name, code: error.code, errno: error.errno, syscall: error.syscall, message: error.message.replace(/:\\d+$/, ":PORT") });
const out = {};
const pairs = [[{}, {}], [{ exclusive: true }, {}], [{}, { exclusive: true }], [{ reusePort: true }, { reusePort: true }], [{ reusePort: true }, {}], [{ exclusive: true }, { exclusive: true }], [{ reusePort: false }, { reusePort: false }]];
for (const [a, b] of pairs) {
  const first = Bun.listen({ hostname: "127.0.0.1", port: 0, socket, ...a });
  try {
    Bun.listen({ hostname: "127.0.0.1", port: first.port, socket, ...b }).stop(true);
    out[JSON.stringify([a, b])] = "shared";
  } catch (error) {
    out[JSON.stringify([a, b])] = shape(error);
  }
  first.stop(true);
}
for (const ipv6Only of [false, true]) {
  const listener = Bun.listen({ hostname: "::", port: 0, socket, ipv6Only });
  out["ipv6Only " + ipv6Only] = await new Promise((resolve) => {
    const client = connect({ host: "127.0.0.1", port: listener.port }, () => { client.destroy(); resolve(true); });
    client.on("error", (error) => resolve(error.code));
  });
  listener.stop(true);
}
console.log(JSON.stringify(out));
`;

// Host names: Bun resolves them in place (getaddrinfo) and binds before returning.
// The machine's own name resolves through /etc/hosts here; the others do not resolve,
// or resolve to an address that is not this machine's.
const namesProgram = `
import { hostname as machineName } from "node:os";
import { lookup } from "node:dns/promises";
const shape = (error) => ({ name: error.name, code: error.code, errno: error.errno, syscall: error.syscall, message: error.message, keys: Object.keys(error) });
const out = { machineResolves: await lookup(machineName()).then((found) => found.address, () => false) };
for (const name of [machineName(), "nonexistent.invalid", "1.2.3"]) {
  const key = name === machineName() ? "machine" : name;
  try {
    const server = Bun.serve({ hostname: name, port: 0, fetch: () => new Response("served") });
    const answer = await fetch("http://" + out.machineResolves + ":" + server.port + "/").then((response) => response.text(), (error) => error.code);
    out["serve " + key] = { hostname: server.hostname === name, port: typeof server.port, url: server.url.hostname === name, answer };
    server.stop(true);
  } catch (error) {
    out["serve " + key] = shape(error);
  }
  try {
    const listener = Bun.listen({ hostname: name, port: 0, socket: { data() {} } });
    out["listen " + key] = { hostname: listener.hostname === name, port: typeof listener.port };
    listener.stop(true);
  } catch (error) {
    out["listen " + key] = shape(error);
  }
}
console.log(JSON.stringify(out));
`;

// Unix socket paths Bun.serve cannot listen on: each failure in Bun's words, with the path.
const unixProgram = `
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
const dir = mkdtempSync(tmpdir() + "/dx-serve-unix-");
writeFileSync(dir + "/taken", "x");
const show = (e) => JSON.stringify({ name: e.name, message: e.message, code: e.code, errno: e.errno, syscall: e.syscall, path: e.path, keys: Object.keys(e) }).replaceAll(dir, "DIR");
const fetch = () => new Response("x");
const out = [];
for (const unix of [dir + "/no-dir/a.sock", dir + "/taken", "/proc/dx-none.sock"]) {
  try { Bun.serve({ unix, fetch }).stop(true); out.push("listened"); } catch (error) { out.push(show(error)); }
}
const live = Bun.serve({ unix: dir + "/live.sock", fetch });
try { Bun.serve({ unix: dir + "/live.sock", fetch }).stop(true); out.push("listened"); } catch (error) { out.push(show(error)); }
live.stop(true);
rmSync(dir, { recursive: true, force: true });
console.log(out.join("\\n"));
`;

describe("Bun.serve and Bun.listen listening options against Bun", () => {
  it("Bun.serve on a unix path it cannot take: Bun's error, code and path", async () => {
    const { bun, node } = await differential(unixProgram);
    expect(node.stderr).toBe(bun.stderr);
    expect(node.stdout).toBe(bun.stdout);
    expect(bun.stdout).toContain("EADDRINUSE: address already in use, listen 'DIR/taken'");
  }, 30_000);

  it("host names are resolved and bound before serve/listen return; a name that does not resolve gets Bun's error", async () => {
    const { bun, node } = await differential(namesProgram);
    expect(node.stderr).toBe(bun.stderr);
    // Bun.serve reports whatever errno was left behind when getaddrinfo fails (it sets none):
    // EINVAL in a fresh process (next test), but after other socket work in the same process
    // it can be a stale one, such as ENOTCONN. Here the errno fields of that one error are set
    // aside; everything else must be equal.
    const staleErrno = (stdout: string): unknown => {
      const out = JSON.parse(stdout) as Record<string, Record<string, unknown>>;
      const { code, errno, message, ...shape } = out["serve nonexistent.invalid"]!;
      expect(String(message).startsWith(`${String(code)}: `)).toBe(true);
      expect(typeof errno).toBe("number");
      return { ...out, "serve nonexistent.invalid": shape };
    };
    expect(staleErrno(node.stdout)).toEqual(staleErrno(bun.stdout));
    expect(JSON.parse(node.stdout)).toMatchObject({ "serve nonexistent.invalid": { code: "EINVAL" }, "listen nonexistent.invalid": { message: "Failed to listen at nonexistent.invalid" } });
  }, 30_000);

  it("host names Bun refuses before any lookup, empty, bracketed IPv6 and Unicode names: Bun's errors from serve, listen and connect", async () => {
    const { bun, node } = await differential(`
      const shape = (error) => ({ name: error.name, code: error.code, errno: error.errno, syscall: error.syscall, hostname: error.hostname, message: error.message, keys: Object.keys(error) });
      const names = ["bad..name", "a b", ".", ".a", "a..", "a!b", "a:b", "a[b", "a\tb", "x".repeat(64) + ".test", ("a".repeat(60) + ".").repeat(4) + "abcdefghij"];
      const out = {};
      for (const name of names) {
        try { Bun.serve({ hostname: name, port: 0, fetch: () => new Response("x") }).stop(true); out["serve " + name] = "served"; } catch (error) { out["serve " + name] = shape(error); }
        try { Bun.listen({ hostname: name, port: 0, socket: { data() {} } }).stop(true); out["listen " + name] = "listened"; } catch (error) { out["listen " + name] = shape(error); }
      }
      for (const name of ["a b", "nonexistent.invalid"]) {
        out["connect " + name] = await Bun.connect({ hostname: name, port: 1, socket: { data() {} } }).then(() => "connected", shape);
      }
      for (const empty of ["", 0, false]) {
        try { Bun.listen({ hostname: empty, port: 0, socket: { data() {} } }).stop(true); out["listen " + empty] = "listened"; } catch (error) { out["listen " + empty] = shape(error); }
        out["connect " + empty] = await Promise.resolve().then(() => Bun.connect({ hostname: empty, port: 1, socket: { data() {} } })).then(() => "connected", shape);
      }
      try { Bun.serve({ hostname: "ünï.test", port: 0, fetch: () => new Response("x") }); out.unicode = "served"; } catch (error) { out.unicode = { ...shape(error), type: error instanceof TypeError }; }
      const v6 = Bun.serve({ hostname: "[::1]", port: 0, fetch: () => new Response("v6") });
      out.bracketed = { hostname: v6.hostname, url: v6.url.href.replace(String(v6.port), "PORT"), body: await fetch("http://[::1]:" + v6.port + "/").then((r) => r.text()) };
      v6.stop(true);
      console.log(JSON.stringify(out));
    `);
    expect(node).toEqual(bun);
    expect(JSON.parse(bun.stdout)).toMatchObject({ "serve a b": { code: "ENOTFOUND", errno: 4, message: "getaddrinfo ENOTFOUND a b" }, bracketed: { body: "v6" } });
  }, 30_000);

  it("refuses the same random host names as Bun before looking them up (fast-check)", async () => {
    // Names from an alphabet of allowed and refused characters, dots placed anywhere, and
    // labels up to 70 bytes; a name Bun lets through goes to getaddrinfo in both runtimes.
    const label = fc.oneof(fc.stringMatching(/^[a-z0-9_*/:! %-]{0,6}$/), fc.constantFrom("x".repeat(63), "x".repeat(64), "é"));
    const names = fc.sample(fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join(".")), { numRuns: 150, seed: 7 });
    const { mismatches } = await compareBatch(
      `export default (name) => {
        try { Bun.listen({ hostname: name, port: 0, socket: { data() {} } }).stop(true); return "listened"; }
        catch (error) { return error.code === "ENOTFOUND" ? ["refused", error.message, error.errno] : "not refused"; }
      };`,
      names,
    );
    expect(mismatches).toEqual([]);
  }, 60_000);

  it("a host name that does not resolve, in a fresh process: Bun.serve's EINVAL", async () => {
    const { bun, node } = await differential(`
      const shape = (error) => ({ name: error.name, code: error.code, errno: error.errno, syscall: error.syscall, message: error.message, keys: Object.keys(error) });
      try { Bun.serve({ hostname: "nonexistent.invalid", port: 0, fetch: () => new Response("x") }); console.log("served"); } catch (error) { console.log(JSON.stringify(shape(error))); }
    `);
    expect(node).toEqual(bun);
    expect(JSON.parse(bun.stdout)).toMatchObject({ code: "EINVAL", errno: -22, syscall: "listen" });
  }, 30_000);

  it("Bun.listen: reusePort shares a port only between listeners that ask; ipv6Only keeps IPv4 out of '::'", async () => {
    const { bun, node } = await differential(listenProgram);
    expect(node.stderr).toBe(bun.stderr);
    expect(node.stdout).toBe(bun.stdout);
    expect(JSON.parse(bun.stdout)).toMatchObject({ '[{"reusePort":true},{"reusePort":true}]': "shared", "[{},{}]": { code: "EADDRINUSE" }, "ipv6Only false": true, "ipv6Only true": "ECONNREFUSED" });
  }, 30_000);

  it("reusePort shares a port only between servers that ask; ipv6Only keeps IPv4 out of '::'", async () => {
    const { bun, node } = await differential(program);
    expect(node.stderr).toBe(bun.stderr);
    expect(node.stdout).toBe(bun.stdout);
    // Not vacuous: both halves of each option were exercised.
    expect(JSON.parse(bun.stdout)).toMatchObject({ sharedPort: true, withoutReusePort: { code: "EADDRINUSE" }, "ipv6Only false": { v4: true }, "ipv6Only true": { v4: "ECONNREFUSED" } });
  }, 30_000);
});
