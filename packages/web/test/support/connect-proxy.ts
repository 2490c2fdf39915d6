// A scripted CONNECT proxy on 127.0.0.1 for the WebSocket `proxy` tests. It
// records each request head exactly as the bytes arrived (and, over TLS, the
// SNI the client sent), then answers as told: a 200 and a tunnel to the
// requested host:port (the default), another answer and then a tunnel, an
// answer and the end of the connection, or nothing at all.
import { connect, createServer as createTcpServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import type { Certificate } from "./servers.ts";

export interface ProxyScript {
  /** What to write once the request head is in ("" for nothing). Default: a 200. */
  answer?: string;
  /** After the answer: tunnel to the target (default), end the connection, reset it (TCP RST), or hold it open. */
  then?: "tunnel" | "end" | "reset" | "hold";
  /** Speak TLS with this certificate (an https: proxy). */
  tls?: Certificate;
}

export interface ConnectProxy {
  port: number;
  /** Each request head as received, Latin-1 decoded (one character per byte). */
  requests: string[];
  /** Over TLS: the SNI of each connection (false or null when none was sent). */
  serverNames: Array<string | false | null>;
  /** How many client connections have closed. */
  closed: number;
  stop: () => Promise<void>;
}

const established = "HTTP/1.1 200 Connection Established\r\n\r\n";

function tunnel(client: Socket, head: string, early: Buffer): void {
  const target = /^CONNECT (\S+) /.exec(head)?.[1] ?? "";
  const colon = target.lastIndexOf(":");
  const host = target.slice(0, colon).replace(/^\[(.*)\]$/, "$1");
  const upstream = connect(Number(target.slice(colon + 1)), host, () => {
    upstream.write(early);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on("error", () => client.destroy());
  client.on("close", () => upstream.destroy());
}

export async function connectProxy(script: ProxyScript = {}): Promise<ConnectProxy> {
  const requests: string[] = [];
  const serverNames: Array<string | false | null> = [];
  const sockets = new Set<Socket>();
  const state = { closed: 0 };
  const handle = (client: Socket): void => {
    sockets.add(client);
    client.on("error", () => {});
    client.on("close", () => {
      sockets.delete(client);
      state.closed++;
    });
    if (script.tls) serverNames.push((client as TLSSocket).servername);
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return;
      // Paused until the tunnel pipes it: the client may speak before the upstream is connected.
      client.pause();
      client.off("data", onData);
      const head = received.toString("latin1", 0, end + 4);
      requests.push(head);
      client.write(script.answer ?? established);
      if (script.then === "end") client.end();
      else if (script.then === "reset") client.resetAndDestroy();
      else if (script.then !== "hold") tunnel(client, head, received.subarray(end + 4));
    };
    client.on("data", onData);
  };
  const server: Server = script.tls ? createTlsServer(script.tls, handle) : createTcpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    requests,
    serverNames,
    get closed() {
      return state.closed;
    },
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
