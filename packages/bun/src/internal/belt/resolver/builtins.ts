// The specifiers Bun resolves without looking at the file system (measured
// against Bun 1.4.5's resolveSync).

/** Node built-ins Bun has; each resolves to "node:<name>" with or without the prefix. */
const nodeBuiltins = new Set([
  "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server", "_stream_duplex",
  "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap", "_stream_writable", "_tls_common", "_tls_wrap",
  "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram",
  "diagnostics_channel", "dns", "dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
  "inspector/promises", "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "process", "punycode",
  "querystring", "readline", "readline/promises", "repl", "stream", "stream/consumers", "stream/promises", "stream/web",
  "string_decoder", "timers", "timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi",
  "worker_threads", "zlib",
]);

/** Built-ins that exist only with the "node:" prefix. */
const prefixOnly = new Set(["sqlite", "test"]);

const aliases: Readonly<Record<string, string>> = { sys: "util" };

/** Bun's own modules, resolved to themselves. */
const bunModules = new Set(["bun", "bun:ffi", "bun:jsc", "bun:sqlite", "bun:test", "bun:wrap", "bun:main", "bun:internal-for-testing"]);

/** npm packages Bun replaces with built-in versions, whatever node_modules holds. */
const replacedPackages: Readonly<Record<string, string>> = {
  ws: "ws",
  "ws/lib/websocket": "ws",
  undici: "undici",
  "node-fetch": "node-fetch",
  "isomorphic-fetch": "isomorphic-fetch",
  "@vercel/fetch": "@vercel/fetch",
  "utf-8-validate": "utf-8-validate",
  "abort-controller": "abort-controller",
};

export type BuiltinAnswer = { resolved: string } | { unknownNodeBuiltin: true } | undefined;

/** A built-in's resolved name, the unknown-"node:" error, or undefined for anything else. */
export function resolveBuiltin(specifier: string): BuiltinAnswer {
  if (specifier.startsWith("node:")) {
    const name = aliases[specifier.slice(5)] ?? specifier.slice(5);
    return nodeBuiltins.has(name) || prefixOnly.has(name) ? { resolved: `node:${name}` } : { unknownNodeBuiltin: true };
  }
  const name = Object.hasOwn(aliases, specifier) ? aliases[specifier]! : specifier;
  if (nodeBuiltins.has(name)) return { resolved: `node:${name}` };
  if (bunModules.has(specifier)) return { resolved: specifier };
  if (Object.hasOwn(replacedPackages, specifier)) return { resolved: replacedPackages[specifier]! };
  return undefined;
}
