// Real servers for the fetch tests: plain HTTP, HTTP on a Unix socket, HTTPS
// with a certificate made by the openssl CLI, and a small forwarding proxy
// (absolute-form requests and CONNECT tunnels). Each is closed by the caller.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function scratch(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "dx-compat-web-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function listen(server: Server, target: string | number = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    if (typeof target === "string") server.listen(target, () => resolve(server));
    else server.listen(target, "127.0.0.1", () => resolve(server));
  });
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function close(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** What an echo server saw, as JSON: method, url, raw headers, body. */
const echo: RequestListener = (request: IncomingMessage, response: ServerResponse) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ method: request.method, url: request.url, rawHeaders: request.rawHeaders, body: Buffer.concat(chunks).toString() }));
  });
};

export function httpServer(handler: RequestListener = echo): Promise<Server> {
  return listen(createServer(handler));
}

/** A port nobody listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = await httpServer();
  const port = portOf(server);
  await close(server);
  return port;
}

export interface Certificate {
  key: string;
  cert: string;
}

/** A self-signed certificate for `names` (DNS names and IPs), made by openssl. */
export function makeCertificate(dir: string, commonName: string, altNames: string): Certificate {
  const key = join(dir, `${commonName}.key`);
  const cert = join(dir, `${commonName}.crt`);
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", `/CN=${commonName}`, "-addext", `subjectAltName=${altNames}`], { stdio: "ignore" });
  return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
}

export function httpsServer(certificate: Certificate, handler: RequestListener = echo): Promise<Server> {
  return listen(createHttpsServer(certificate, handler) as unknown as Server);
}

export interface ProxyLog {
  /** Absolute-form targets of plain requests, and `CONNECT host:port` lines. */
  requests: string[];
  /** Proxy-Authorization and X-Proxy-* headers the proxy received. */
  proxyHeaders: Array<Record<string, string>>;
}

/** A forward proxy: relays absolute-form HTTP requests and tunnels CONNECT. */
export async function proxyServer(): Promise<{ server: Server; log: ProxyLog }> {
  const log: ProxyLog = { requests: [], proxyHeaders: [] };
  const remember = (request: IncomingMessage): void => {
    const seen: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (name === "proxy-authorization" || name.startsWith("x-proxy-")) seen[name] = String(value);
    }
    log.proxyHeaders.push(seen);
  };
  const server = createServer((request, response) => {
    log.requests.push(`${request.method} ${request.url}`);
    remember(request);
    const target = new URL(request.url ?? "");
    const upstream = httpRequest(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  server.on("connect", (request: IncomingMessage, socket, head: Buffer) => {
    log.requests.push(`CONNECT ${request.url}`);
    remember(request);
    const [host, port] = (request.url ?? "").split(":");
    const upstream = connect(Number(port), host ?? "127.0.0.1", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return { server: await listen(server), log };
}
