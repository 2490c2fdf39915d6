// WebSocket servers for the client tests: a `ws` server on 127.0.0.1 that
// records each opening handshake and answers scripted commands, on plain
// HTTP or on HTTPS with an openssl-made certificate.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
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
