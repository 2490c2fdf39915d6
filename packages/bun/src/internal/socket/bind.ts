// A bound, listening server handle, made synchronously. Bun.listen binds before
// it returns (`listener.port` is known at once, a taken port throws), but
// node:net's `listen({ host })` always goes through an asynchronous DNS lookup.
// Node's own handle classes (the ones node:net uses) bind synchronously and
// report the errno; `server.listen(handle)` then adopts the handle.
import { accessSync, constants, existsSync } from "node:fs";
import { isIP } from "node:net";
import { dirname } from "node:path";

interface ServerHandle {
  bind(address: string, port: number, flags: number): number;
  bind6(address: string, port: number, flags: number): number;
  listen(backlog: number): number;
  close(): void;
}

interface PipeHandle {
  bind(path: string): number;
  close(): void;
}

interface HandleBindings {
  tcp: { TCP: new (type: number) => ServerHandle; constants: { SERVER: number } };
  pipe: { Pipe: new (type: number) => PipeHandle; constants: { SERVER: number } };
}

let bindings: HandleBindings | undefined;

function handleBindings(): HandleBindings {
  const load = (process as unknown as { binding: (name: string) => unknown }).binding;
  bindings ??= { tcp: load("tcp_wrap") as HandleBindings["tcp"], pipe: load("pipe_wrap") as HandleBindings["pipe"] };
  return bindings;
}

const backlog = 511;
const EACCES = 13;
const ENOENT = 2;
// libuv's UV_TCP_IPV6ONLY and UV_TCP_REUSEPORT (libuv 1.49: Node 22.12 and later).
const ipv6OnlyFlag = 1;
const reusePortFlag = 2;

type BindResult = { handle: object } | { errno: number };

/** Bind and listen on an IP address; errno is positive, as Bun reports it. */
export function bindTcp(address: string, port: number, options: { ipv6Only?: boolean; reusePort?: boolean } = {}): BindResult {
  const { TCP, constants } = handleBindings().tcp;
  const handle = new TCP(constants.SERVER);
  const shared = options.reusePort === true ? reusePortFlag : 0;
  const bound = isIP(address) === 6 ? handle.bind6(address, port, shared | (options.ipv6Only === true ? ipv6OnlyFlag : 0)) : handle.bind(address, port, shared);
  const error = bound === 0 ? handle.listen(backlog) : bound;
  if (error === 0) return { handle };
  handle.close();
  return { errno: -error };
}

/** Why binding a unix socket path fails (its errno, positive), or 0 if it does not; binds nothing lasting. */
export function pipeBindErrno(path: string): number {
  const { Pipe, constants } = handleBindings().pipe;
  const handle = new Pipe(constants.SERVER);
  const bound = handle.bind(path);
  handle.close();
  // libuv turns the kernel's ENOENT into EACCES (as on Windows); Bun reports
  // the kernel's. A real EACCES needs a folder this process may not write to.
  if (-bound === EACCES && (!existsSync(dirname(path)) || writable(dirname(path)))) return ENOENT;
  return -bound;
}

function writable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
