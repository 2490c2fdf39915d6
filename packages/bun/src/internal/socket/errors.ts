// The errors Bun's sockets hand to callbacks and throw, rebuilt from Node's.
import { getSystemErrorMessage, getSystemErrorName } from "node:util";
import { hostNotFound } from "../host-name.ts";

interface NodeSystemError extends Error {
  code?: string;
  errno?: number;
  syscall?: string;
}

/**
 * Bun's error for a failed `Bun.connect`: "Failed to connect", own keys code, syscall, errno (negative);
 * for a host name that does not resolve, getaddrinfo's "getaddrinfo ENOTFOUND <name>" (errno 4).
 */
export function connectFailure(cause: NodeSystemError & { hostname?: string }): Error {
  if (cause.syscall === "getaddrinfo" && cause.code === "ENOTFOUND" && typeof cause.hostname === "string") return hostNotFound(cause.hostname);
  const error = new Error("Failed to connect") as NodeSystemError;
  error.code = cause.code ?? "ECONNREFUSED";
  error.syscall = cause.syscall ?? "connect";
  error.errno = typeof cause.errno === "number" ? cause.errno : -111;
  return error;
}

/** Bun's error for a socket that broke while open: "ECONNRESET: connection reset by peer, read". */
export function socketFailure(cause: NodeSystemError): Error {
  if (typeof cause.errno !== "number" || cause.code === undefined) return cause;
  const syscall = cause.syscall ?? "read";
  const error = new Error(`${cause.code}: ${getSystemErrorMessage(cause.errno)}, ${syscall}`) as NodeSystemError;
  error.code = cause.code;
  error.syscall = syscall;
  error.errno = cause.errno;
  return error;
}

/**
 * Bun's error for a listen that failed: "Failed to listen at <host>", own keys
 * syscall, errno (positive), address, [port], code.
 */
export function listenFailure(where: string, errno: number, port?: number): Error {
  const error = new Error(`Failed to listen at ${where}`) as NodeSystemError & { address?: string; port?: number };
  error.syscall = "listen";
  error.errno = errno;
  error.address = where;
  if (port !== undefined) error.port = port;
  error.code = getSystemErrorName(-errno);
  return error;
}

// BoringSSL's wording of the X509 verification errors (OpenSSL 3 says "self-signed").
const verifyMessages: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "self signed certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "self signed certificate in certificate chain",
  UNABLE_TO_GET_ISSUER_CERT: "unable to get issuer certificate",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "unable to get local issuer certificate",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "unable to verify the first certificate",
  CERT_HAS_EXPIRED: "certificate has expired",
  CERT_NOT_YET_VALID: "certificate is not yet valid",
  ERR_TLS_CERT_ALTNAME_INVALID: "Hostname/IP does not match certificate's altnames",
};

/** Bun's `authorizationError` for the `handshake` callback: message, own keys code, errno (0). */
export function verifyFailure(code: string, fallbackMessage?: string): Error {
  const error = new Error(verifyMessages[code] ?? fallbackMessage ?? code) as NodeSystemError;
  error.code = code;
  error.errno = 0;
  return error;
}

/** Bun's error for a TLS server socket whose client left before the handshake finished. */
export function handshakeAborted(): Error {
  const error = new Error("Client network socket disconnected before secure TLS connection was established") as NodeSystemError;
  error.code = "ECONNRESET";
  error.errno = 0;
  return error;
}
