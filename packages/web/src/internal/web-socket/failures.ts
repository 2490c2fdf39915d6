// The errors Bun's WebSocket reports: thrown DOMExceptions for misuse, and the
// `error` event's Error ("WebSocket connection to '<url>' failed: <why>", with a
// `code` where there is one) for a connection that fails. `ws` words the same
// failures its own way; these tables translate.
import { certificateMessages } from "../certificate-messages.ts";

export function invalidState(): DOMException {
  return new DOMException("The object is in an invalid state.", "InvalidStateError");
}

export function invalidCloseCode(code: number): DOMException {
  return new DOMException(
    `The close code must be a valid WebSocket close code (1000-1014, excluding the reserved codes 1004-1006, or in the range of 3000 to 4999). Received ${code}.`,
    "InvalidAccessError",
  );
}

export function reasonTooLong(bytes: number): SyntaxError {
  return new SyntaxError(`The close reason must not be greater than 123 UTF-8 bytes. Received ${bytes} bytes.`);
}

/** What Bun says where `ws` aborts the opening handshake. */
const handshakeMessages: Readonly<Record<string, string>> = {
  "Invalid Upgrade header": "Invalid upgrade header",
  "Invalid Sec-WebSocket-Accept header": "Mismatch websocket accept header",
  "Server sent no subprotocol": "Missing client protocol",
  "Server sent an invalid subprotocol": "Mismatch client protocol",
  "Server sent a subprotocol but none was requested": "Mismatch client protocol",
  "Opening handshake has timed out": "Timeout",
};


/** Bun's words for the frame errors `ws` detects (by `ws`'s code). */
function frameMessage(code: string, message: string): string | undefined {
  switch (code) {
    case "WS_ERR_INVALID_UTF8":
      return "Server sent invalid UTF8";
    case "WS_ERR_UNEXPECTED_MASK":
      return "Protocol error - unexpected mask from server";
    case "WS_ERR_INVALID_OPCODE":
      return `Protocol error - unsupported control frame: ${/\d+$/.exec(message)?.[0] ?? ""}`;
    case "WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH":
      return "Protocol error - invalid control frame";
    case "WS_ERR_EXPECTED_FIN":
      return "Protocol error - control frame is fragmented";
    default:
      return undefined;
  }
}

export interface Reason {
  why: string;
  code?: string;
}

/** A failure already in Bun's words (the proxy tunnel's), passed through untranslated. */
export class ConnectFailure extends Error {
  readonly reason: Reason;

  constructor(reason: Reason) {
    super(reason.why);
    this.reason = reason;
  }
}

/** Bun's words where the connection broke while the HTTP answer was read (Node's http words them its own way). */
function streamReason(error: Error, code: string, syscall: unknown): Reason | undefined {
  // Bun's HTTP parser has one failure, which it reports as llhttp's generic code.
  if (code.startsWith("HPE_")) return { why: "Invalid response", code: "HPE_INVALID_CONSTANT" };
  if (code === "ECONNRESET" && error.message === "socket hang up") return { why: "Connection ended", code };
  if (syscall === "read") return { why: `Connection ended: ${error.message}`, code };
  return undefined;
}

function reasonFor(error: Error & { code?: unknown; syscall?: unknown }): Reason {
  if (error instanceof ConnectFailure) return error.reason;
  const code = typeof error.code === "string" ? error.code : undefined;
  const handshake = handshakeMessages[error.message];
  if (handshake !== undefined) return { why: handshake };
  if (code === undefined) return { why: error.message };
  const frame = frameMessage(code, error.message);
  if (frame !== undefined) return { why: frame, code };
  const stream = streamReason(error, code, error.syscall);
  if (stream !== undefined) return stream;
  // Node adds the name it checked and the certificate's list; Bun says only this.
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return { why: "TLS handshake failed: Hostname/IP does not match certificate's altnames", code };
  const certificate = certificateMessages[code];
  if (certificate !== undefined) return { why: `TLS handshake failed: ${certificate}`, code };
  if (code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_")) return { why: `TLS handshake failed: ${error.message}`, code };
  if (error.syscall === "connect" || error.syscall === "getaddrinfo" || error.syscall === "queryA") return { why: "Failed to connect", code };
  return { why: error.message, code };
}

/** The Error an `error` event carries in Bun. */
export function connectionError(url: string, reason: Reason): Error {
  const error = new Error(`WebSocket connection to '${url}' failed: ${reason.why}`);
  // Bun's own, enumerable `code`, only when there is one.
  if (reason.code !== undefined) Object.assign(error, { code: reason.code });
  return error;
}

/** Bun's error for a failure `ws` reported with `error`. */
export function fromWsError(url: string, error: Error): Error {
  return connectionError(url, reasonFor(error));
}
