// Reads the proxy's answer to CONNECT as Bun 1.4.5 does: lines end in CRLF or
// LF; the status line is `HTTP/1.<digit>`, spaces, three digits, and an
// optional reason; each header line is a token followed at once by a colon;
// 1xx answers are skipped; the first blank line ends the answer (a body is not
// read: what follows belongs to the tunnel). Anything else is an invalid
// response, found as soon as a line is complete.

export type ProxyAnswer =
  | { kind: "incomplete" }
  | { kind: "invalid" }
  /** `end`: where the tunnel's bytes start. */
  | { kind: "final"; status: number; reason: string; end: number };

const statusLine = /^HTTP\/1\.\d +(\d{3})(?: +(.*))?$/;
const headerLine = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:/;
const versionPrefix = "HTTP/1.";

interface Line {
  text: string;
  /** Offset just past the line's LF. */
  next: number;
}

function lineAt(buffer: Buffer, start: number): Line | undefined {
  const newline = buffer.indexOf(0x0a, start);
  if (newline < 0) return undefined;
  const end = newline > start && buffer[newline - 1] === 0x0d ? newline - 1 : newline;
  return { text: buffer.toString("latin1", start, end), next: newline + 1 };
}

/** Whether bytes not yet ending in a line can still start a status line. */
function couldStartStatus(buffer: Buffer, start: number): boolean {
  const partial = buffer.toString("latin1", start, Math.min(buffer.length, start + versionPrefix.length));
  return versionPrefix.startsWith(partial);
}

/** One answer (status line, headers, blank line) from `start`; `final` may be a 1xx the caller skips. */
function answerAt(buffer: Buffer, start: number): ProxyAnswer {
  const first = lineAt(buffer, start);
  if (!first) return couldStartStatus(buffer, start) ? { kind: "incomplete" } : { kind: "invalid" };
  const match = statusLine.exec(first.text);
  if (!match) return { kind: "invalid" };
  let cursor = first.next;
  for (;;) {
    const line = lineAt(buffer, cursor);
    if (!line) return { kind: "incomplete" };
    if (line.text === "") return { kind: "final", status: Number(match[1]), reason: match[2] ?? "", end: line.next };
    if (!headerLine.test(line.text)) return { kind: "invalid" };
    cursor = line.next;
  }
}

/** The proxy's final answer in `buffer`, once it is all there. */
export function readProxyAnswer(buffer: Buffer): ProxyAnswer {
  let start = 0;
  for (;;) {
    const answer = answerAt(buffer, start);
    if (answer.kind !== "final" || answer.status >= 200) return answer;
    start = answer.end;
  }
}

/** Bun's words for a proxy that refused the tunnel. */
export function refusal(status: number, reason: string): string {
  const statusText = reason === "" ? String(status) : `${status} ${reason}`;
  return status === 407 ? `Proxy authentication required: ${statusText}` : `Proxy connection failed: ${statusText}`;
}
