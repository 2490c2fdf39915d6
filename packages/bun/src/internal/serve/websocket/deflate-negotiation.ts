// permessage-deflate negotiation (RFC 7692) as Bun 1.4.5 answers it. Learnt
// from Bun's 101 responses over a grid of offers and server options (see
// test/websocket-deflate.differential.test.ts):
// - offers are tried in order; one that is malformed, names an unknown or
//   repeated parameter, or carries a window outside 8-15 is skipped, and so
//   are other extensions;
// - the server's side: Bun's shared compressor, or a client asking for
//   server_no_context_takeover, means no context takeover with a 15-bit
//   window, so an offer limiting the server's window below 15 is declined;
//   a dedicated compressor keeps its context, with the smaller of its own
//   window and the client's limit, and names it whenever the client asked;
// - the client's side: the shared decompressor asks for no context takeover;
//   a dedicated one asks for its window when the client offered
//   client_max_window_bits, and for no context takeover when the client
//   offered no way to limit its window below what the server inflates with.

/** The windows (in bits) a server was configured with; 0 stands for Bun's shared (de)compressor. */
export interface DeflateWindows {
  compress: number;
  decompress: number;
}

/** What both sides agreed on, and the Sec-WebSocket-Extensions value that says so. */
export interface DeflateAgreement {
  header: string;
  serverNoContextTakeover: boolean;
  serverMaxWindowBits: number;
  clientNoContextTakeover: boolean;
  clientMaxWindowBits: number;
}

interface Offer {
  serverNoContextTakeover: boolean;
  clientNoContextTakeover: boolean;
  serverMaxWindowBits: number | undefined;
  /** `true`: offered without a value (the client can limit its window, to whatever the server says). */
  clientMaxWindowBits: number | true | undefined;
}

const LARGEST_WINDOW = 15;
const EXTENSION_NAME = "permessage-deflate";
/** A window size as RFC 7692 spells one: a decimal 8-15 without leading zeros. */
const WINDOW_BITS = /^(?:[89]|1[0-5])$/;
/** RFC 9110 tchar. */
const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;

const isSpace = (text: string, at: number): boolean => text[at] === " " || text[at] === "\t";

function skipSpace(text: string, at: number): number {
  while (isSpace(text, at)) at++;
  return at;
}

/** The comma-separated elements of the header, commas inside quoted strings kept. */
function splitElements(header: string): string[] {
  const elements: string[] = [];
  let start = 0;
  let quoted = false;
  for (let at = 0; at < header.length; at++) {
    const char = header[at];
    if (quoted) {
      if (char === "\\") at++;
      else if (char === '"') quoted = false;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      elements.push(header.slice(start, at));
      start = at + 1;
    }
  }
  elements.push(header.slice(start));
  return elements;
}

function tokenAt(text: string, at: number): string {
  TOKEN.lastIndex = at;
  return TOKEN.exec(text)?.[0] ?? "";
}

/** A parameter value (a token or a quoted string) starting at `at`, or undefined when there is none. */
function valueAt(text: string, at: number): { value: string; end: number } | undefined {
  if (text[at] !== '"') {
    const value = tokenAt(text, at);
    return value === "" ? undefined : { value, end: at + value.length };
  }
  let value = "";
  for (let index = at + 1; index < text.length; index++) {
    const char = text[index];
    if (char === '"') return { value, end: index + 1 };
    if (char === "\\") index++;
    value += text[index] ?? "";
  }
  return undefined;
}

/** Each parameter of an element after its name; undefined when the syntax is broken or a name repeats. */
function parameters(element: string, at: number): Map<string, string | true> | undefined {
  const found = new Map<string, string | true>();
  for (at = skipSpace(element, at); at < element.length; at = skipSpace(element, at)) {
    if (element[at] !== ";") return undefined;
    at = skipSpace(element, at + 1);
    const name = tokenAt(element, at);
    if (name === "" || found.has(name)) return undefined;
    at += name.length;
    let value: string | true = true;
    if (element[at] === "=") {
      const parsed = valueAt(element, at + 1);
      if (parsed === undefined) return undefined;
      value = parsed.value;
      at = parsed.end;
    }
    found.set(name, value);
  }
  return found;
}

function windowBits(value: string | true | undefined): number | undefined {
  return typeof value === "string" && WINDOW_BITS.test(value) ? Number(value) : undefined;
}

/** A permessage-deflate offer RFC 7692 allows, or undefined (another extension, or one to decline). */
function offerOf(element: string): Offer | undefined {
  const start = skipSpace(element, 0);
  if (tokenAt(element, start) !== EXTENSION_NAME) return undefined;
  const found = parameters(element, start + EXTENSION_NAME.length);
  if (found === undefined) return undefined;
  const offer: Offer = { serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: undefined, clientMaxWindowBits: undefined };
  for (const [name, value] of found) {
    if (name === "server_no_context_takeover" || name === "client_no_context_takeover") {
      if (value !== true) return undefined;
      if (name === "server_no_context_takeover") offer.serverNoContextTakeover = true;
      else offer.clientNoContextTakeover = true;
    } else if (name === "server_max_window_bits") {
      offer.serverMaxWindowBits = windowBits(value);
      if (offer.serverMaxWindowBits === undefined) return undefined;
    } else if (name === "client_max_window_bits") {
      offer.clientMaxWindowBits = value === true ? true : windowBits(value);
      if (offer.clientMaxWindowBits === undefined) return undefined;
    } else {
      return undefined;
    }
  }
  return offer;
}

/** The client's half of the answer: how the server inflates what the client sends. */
function clientSide(offer: Offer, decompress: number): { text: string; noContextTakeover: boolean; window: number } {
  const noContextTakeover = { text: "; client_no_context_takeover", noContextTakeover: true, window: LARGEST_WINDOW };
  if (offer.clientNoContextTakeover || decompress === 0) return noContextTakeover;
  if (offer.clientMaxWindowBits === undefined) return decompress < LARGEST_WINDOW ? noContextTakeover : { text: "", noContextTakeover: false, window: LARGEST_WINDOW };
  const window = offer.clientMaxWindowBits === true ? decompress : Math.min(offer.clientMaxWindowBits, decompress);
  return { text: window < LARGEST_WINDOW ? `; client_max_window_bits=${window}` : "", noContextTakeover: false, window };
}

/** The server's half: how the server compresses; undefined when the offer must be declined. */
function serverSide(offer: Offer, compress: number): { text: string; noContextTakeover: boolean; window: number } | undefined {
  const asked = offer.serverMaxWindowBits;
  if (compress === 0 || offer.serverNoContextTakeover) {
    if (asked !== undefined && asked < LARGEST_WINDOW) return undefined;
    const text = asked === undefined ? "; server_no_context_takeover" : `; server_no_context_takeover; server_max_window_bits=${LARGEST_WINDOW}`;
    return { text, noContextTakeover: true, window: LARGEST_WINDOW };
  }
  const window = asked === undefined ? compress : Math.min(asked, compress);
  return { text: asked !== undefined || window < LARGEST_WINDOW ? `; server_max_window_bits=${window}` : "", noContextTakeover: false, window };
}

/** Bun's answer to a Sec-WebSocket-Extensions request header; undefined when no offer is accepted. */
export function negotiatePerMessageDeflate(header: string, windows: DeflateWindows): DeflateAgreement | undefined {
  for (const element of splitElements(header)) {
    const offer = offerOf(element);
    if (offer === undefined) continue;
    const server = serverSide(offer, windows.compress);
    if (server === undefined) continue;
    const client = clientSide(offer, windows.decompress);
    return {
      header: EXTENSION_NAME + client.text + server.text,
      serverNoContextTakeover: server.noContextTakeover,
      serverMaxWindowBits: server.window,
      clientNoContextTakeover: client.noContextTakeover,
      clientMaxWindowBits: client.window,
    };
  }
  return undefined;
}
