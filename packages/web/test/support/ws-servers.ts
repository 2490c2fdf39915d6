// WebSocket servers for the client tests: a `ws` server on 127.0.0.1 that
// records each opening handshake and answers scripted commands, on plain
// HTTP or on HTTPS with an openssl-made certificate; and a raw recorder of
// request heads, byte for byte.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { WebSocketServer, type WebSocket as ServerSide } from "ws";
import { close, listen, portOf, type Certificate } from "./servers.ts";

interface Handshake {
  url: string;
  rawHeaders: string[];
}

interface ServerClose {
  code: number;
  reason: string;
}

export interface EchoServer {
  port: number;
  handshakes: Handshake[];
  closes: ServerClose[];
  pings: string[];
  stop: () => Promise<void>;
}

/** Commands a client can send as text; anything else is echoed back as it came. */
function answer(socket: ServerSide, data: Buffer, isBinary: boolean): void {
  const text = isBinary ? undefined : data.toString();
  if (text === "close-me") return socket.close(4001, "bye now");
  if (text === "close-empty") return socket.close();
  if (text === "drop") return socket.terminate();
  if (text === "ping-me") return socket.ping("hi");
  socket.send(data, { binary: isBinary });
}

export async function echoServer(certificate?: Certificate): Promise<EchoServer> {
  const http: Server = certificate ? (createHttpsServer(certificate) as unknown as Server) : createServer();
  const handshakes: Handshake[] = [];
  const closes: ServerClose[] = [];
  const pings: string[] = [];
  const wss = new WebSocketServer({
    server: http,
    // Picks "chat" when offered, and no protocol otherwise.
    handleProtocols: (offered) => (offered.has("chat") ? "chat" : false),
  });
  wss.on("headers", (_headers, request: IncomingMessage) => handshakes.push({ url: request.url ?? "", rawHeaders: request.rawHeaders }));
  wss.on("connection", (socket) => {
    socket.on("message", (data: Buffer, isBinary) => answer(socket, data, isBinary));
    socket.on("ping", (data: Buffer) => pings.push(data.toString()));
    socket.on("close", (code, reason) => closes.push({ code, reason: reason.toString() }));
  });
  await listen(http);
  return {
    port: portOf(http),
    handshakes,
    closes,
    pings,
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await close(http);
    },
  };
}

/** A plain HTTP server that refuses every upgrade with `status`. */
export async function refusingServer(status: number): Promise<{ port: number; stop: () => Promise<void> }> {
  const http = createServer((_request, response) => response.writeHead(status).end("no"));
  await listen(http);
  return { port: portOf(http), stop: () => close(http) };
}

export interface HeadRecorder {
  port: number;
  /** Each request head (request line and header lines, without the blank line) by request path, Latin-1 decoded (one character per byte). */
  heads: Map<string, string>;
  stop: () => Promise<void>;
}

/** A raw TCP server that keeps each request head exactly as its bytes arrived, then answers 400 and hangs up. */
export async function headRecorder(): Promise<HeadRecorder> {
  const heads = new Map<string, string>();
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let received = "";
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const end = received.indexOf("\r\n\r\n");
      if (end === -1) return;
      const head = received.slice(0, end);
      heads.set(head.split(" ")[1] ?? "", head);
      socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    heads,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
