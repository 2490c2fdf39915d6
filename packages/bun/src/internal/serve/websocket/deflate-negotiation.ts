// permessage-deflate negotiation (RFC 7692) as Bun 1.4.5 answers it. Learnt
// from Bun's 101 responses over a grid of offers and server options (see
// test/websocket-deflate.differential.test.ts):
// - offers are tried in order; one that is malformed, names an unknown or
//   repeated parameter, or carries a window outside 8-15 is skipped, and so
//   are other extensions (after a syntax error, parsing resumes at the next
//   comma);
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

function tokenAt(text: string, at: number): string {
  TOKEN.lastIndex = at;
  return TOKEN.exec(text)?.[0] ?? "";
}

/** One element of the header: its name and parameters, or undefined when its syntax is broken; `end` is the index of the comma ending it (or the header's length). */
interface Element {
  name: string;
  parameters: Map<string, string | true> | undefined;
  end: number;
}

/** A syntax error: the element is dropped, and parsing goes on after the next comma (quoted or not, as Bun does). */
function broken(text: string, at: number, name: string): Element {
  const comma = text.indexOf(",", at);
  return { name, parameters: undefined, end: comma === -1 ? text.length : comma };
}

/**
 * Parses the element starting at `at`: `name *( OWS ";" OWS param [ "=" ( token / quoted-string ) ] )`.
 * Quoted strings end at the next quote (no backslash escapes, as in Bun). A repeated
 * parameter leaves the element without parameters once it has been read.
 */
function elementAt(text: string, at: number): Element {
  at = skipSpace(text, at);
  const name = tokenAt(text, at);
  at += name.length;
  const found = new Map<string, string | true>();
  let repeated = false;
  for (at = skipSpace(text, at); at < text.length && text[at] !== ","; at = skipSpace(text, at)) {
    if (text[at] !== ";") return broken(text, at, name);
    at = skipSpace(text, at + 1);
    const parameter = tokenAt(text, at);
    if (parameter === "") return broken(text, at, name);
    at += parameter.length;
    let value: string | true = true;
    if (text[at] === "=") {
      at++;
      if (text[at] === '"') {
        const close = text.indexOf('"', at + 1);
        if (close === -1) return broken(text, at, name);
        value = text.slice(at + 1, close);
        at = close + 1;
      } else {
        value = tokenAt(text, at);
        if (value === "") return broken(text, at, name);
        at += value.length;
      }
    }
    repeated ||= found.has(parameter);
    found.set(parameter, value);
  }
  return { name, parameters: repeated ? undefined : found, end: at };
}

function windowBits(value: string | true | undefined): number | undefined {
  return typeof value === "string" && WINDOW_BITS.test(value) ? Number(value) : undefined;
}

/** The offer an element makes, when it is a permessage-deflate offer RFC 7692 allows a server to accept. */
function offerOf(found: Map<string, string | true>): Offer | undefined {
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
  for (let at = 0; at <= header.length; ) {
    const element = elementAt(header, at);
    at = element.end + 1;
    if (element.name !== EXTENSION_NAME || element.parameters === undefined) continue;
    const offer = offerOf(element.parameters);
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
