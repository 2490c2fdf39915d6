// permessage-deflate negotiation (src/internal/serve/websocket/deflate-negotiation.ts).
// The expected answers are Bun 1.4.5's (the differential test asks real Bun
// the same and more); the properties are RFC 7692's: what the server agrees to
// never exceeds what the client allowed, and any header whatsoever is answered
// (or declined) without throwing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { negotiatePerMessageDeflate, type DeflateWindows } from "../src/internal/serve/websocket/deflate-negotiation.ts";

const SHARED: DeflateWindows = { compress: 0, decompress: 0 };
const DEDICATED: DeflateWindows = { compress: 15, decompress: 15 };
/** compress: "4KB", decompress: "4KB" */
const SMALL: DeflateWindows = { compress: 9, decompress: 12 };

const answer = (header: string, windows: DeflateWindows): string | undefined => negotiatePerMessageDeflate(header, windows)?.header;

describe("negotiatePerMessageDeflate", () => {
  it("answers as Bun's shared compressor: no context takeover both ways, a server window below 15 declined", () => {
    expect(answer("permessage-deflate; client_max_window_bits", SHARED)).toBe("permessage-deflate; client_no_context_takeover; server_no_context_takeover");
    expect(answer("permessage-deflate; server_max_window_bits=10", SHARED)).toBeUndefined();
    expect(answer("permessage-deflate; server_max_window_bits=15; client_max_window_bits=9", SHARED)).toBe(
      "permessage-deflate; client_no_context_takeover; server_no_context_takeover; server_max_window_bits=15",
    );
  });

  it("answers as dedicated compressors: context kept, windows limited by the smaller side and named when asked", () => {
    expect(answer("permessage-deflate", DEDICATED)).toBe("permessage-deflate");
    expect(answer("permessage-deflate; client_max_window_bits=10", DEDICATED)).toBe("permessage-deflate; client_max_window_bits=10");
    expect(answer("permessage-deflate; server_max_window_bits=15", DEDICATED)).toBe("permessage-deflate; server_max_window_bits=15");
    expect(answer("permessage-deflate; server_no_context_takeover", DEDICATED)).toBe("permessage-deflate; server_no_context_takeover");
    expect(answer("permessage-deflate", SMALL)).toBe("permessage-deflate; client_no_context_takeover; server_max_window_bits=9");
    expect(answer("permessage-deflate; client_max_window_bits", SMALL)).toBe("permessage-deflate; client_max_window_bits=12; server_max_window_bits=9");
    expect(answer("permessage-deflate; server_max_window_bits=8", SMALL)).toBe("permessage-deflate; client_no_context_takeover; server_max_window_bits=8");
    expect(answer("permessage-deflate; server_no_context_takeover; server_max_window_bits=10", SMALL)).toBeUndefined();
  });

  it("skips offers RFC 7692 tells a server to decline, and other extensions, and takes the next", () => {
    for (const declined of [
      "permessage-deflate; unknown_param",
      "permessage-deflate; client_max_window_bits=7",
      "permessage-deflate; client_max_window_bits=08",
      "permessage-deflate; server_max_window_bits",
      "permessage-deflate; server_no_context_takeover=1",
      "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
      "permessage-deflate;client_max_window_bits =10",
      "permessage-deflate;",
      "permessage-deflate x",
      "Permessage-Deflate",
      "x-webkit-deflate-frame",
      // An unclosed quote: the parse resumes at the next comma, quoted or not.
      'permessage-deflate; client_max_window_bits="12',
      // No backslash escapes in quoted strings.
      'permessage-deflate; client_max_window_bits="1\\2"',
    ]) {
      expect(answer(declined, DEDICATED), declined).toBeUndefined();
      expect(answer(`${declined}, permessage-deflate; client_max_window_bits=11`, DEDICATED), declined).toBe("permessage-deflate; client_max_window_bits=11");
    }
    expect(answer('foo; bar="x, y", permessage-deflate; client_max_window_bits="12"', DEDICATED)).toBe("permessage-deflate; client_max_window_bits=12");
    // A closed quoted string keeps its commas (here up to the last quote), so this is one element, with an unknown parameter.
    expect(answer('permessage-deflate; x="a\\", permessage-deflate; client_max_window_bits=11"', DEDICATED)).toBeUndefined();
    expect(answer(" permessage-deflate\t;\tclient_max_window_bits=12 ", DEDICATED)).toBe("permessage-deflate; client_max_window_bits=12");
  });

  it("never agrees to more than the client allowed (RFC 7692 §7.1.2), whatever the windows", () => {
    const windowBits = fc.integer({ min: 8, max: 15 });
    const offer = fc.record({
      serverNoContextTakeover: fc.boolean(),
      clientNoContextTakeover: fc.boolean(),
      serverMaxWindowBits: fc.option(windowBits, { nil: undefined }),
      clientMaxWindowBits: fc.option(fc.oneof(windowBits, fc.constant(true as const)), { nil: undefined }),
    });
    const windows = fc.record({ compress: fc.constantFrom(0, 9, 10, 11, 12, 13, 14, 15), decompress: fc.constantFrom(0, 11, 12, 13, 14, 15) });
    fc.assert(
      fc.property(offer, windows, (o, w) => {
        const parts = ["permessage-deflate"];
        if (o.serverNoContextTakeover) parts.push("server_no_context_takeover");
        if (o.clientNoContextTakeover) parts.push("client_no_context_takeover");
        if (o.serverMaxWindowBits !== undefined) parts.push(`server_max_window_bits=${o.serverMaxWindowBits}`);
        if (o.clientMaxWindowBits !== undefined) parts.push(o.clientMaxWindowBits === true ? "client_max_window_bits" : `client_max_window_bits=${o.clientMaxWindowBits}`);
        const agreement = negotiatePerMessageDeflate(parts.join("; "), w);
        if (agreement === undefined) {
          // Only a server window the server cannot honour is declined.
          expect(o.serverMaxWindowBits).toBeLessThan(15);
          expect(w.compress === 0 || o.serverNoContextTakeover).toBe(true);
          return;
        }
        if (o.serverMaxWindowBits !== undefined) expect(agreement.serverMaxWindowBits).toBeLessThanOrEqual(o.serverMaxWindowBits);
        if (o.serverNoContextTakeover) expect(agreement.serverNoContextTakeover).toBe(true);
        if (typeof o.clientMaxWindowBits === "number" && !agreement.clientNoContextTakeover) expect(agreement.clientMaxWindowBits).toBeLessThanOrEqual(o.clientMaxWindowBits);
        // A client that offered no client_max_window_bits cannot be told to use one.
        if (o.clientMaxWindowBits === undefined) expect(agreement.header).not.toContain("client_max_window_bits");
        // What the header says is what the server will do.
        expect(agreement.header.includes("server_no_context_takeover")).toBe(agreement.serverNoContextTakeover);
        expect(agreement.header.includes("client_no_context_takeover")).toBe(agreement.clientNoContextTakeover);
        if (!agreement.serverNoContextTakeover && agreement.serverMaxWindowBits < 15) expect(agreement.header).toContain(`server_max_window_bits=${agreement.serverMaxWindowBits}`);
        if (!agreement.clientNoContextTakeover && agreement.clientMaxWindowBits < 15) expect(agreement.header).toContain(`client_max_window_bits=${agreement.clientMaxWindowBits}`);
        // And the server inflates with no more than its decompressor's window (shared: 15, reset per message).
        if (w.decompress !== 0 && !agreement.clientNoContextTakeover) expect(agreement.clientMaxWindowBits).toBeLessThanOrEqual(w.decompress);
      }),
      { numRuns: 2000 },
    );
  });

  it("answers or declines any header at all without throwing", () => {
    const piece = fc.constantFrom("permessage-deflate", ";", ",", " ", "\t", "=", '"', "\\", "client_max_window_bits", "server_max_window_bits", "server_no_context_takeover", "12", "8", "x");
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 20 }).map((pieces) => pieces.join(""))), (header) => {
        const agreement = negotiatePerMessageDeflate(header, DEDICATED);
        if (agreement !== undefined) expect(agreement.header.startsWith("permessage-deflate")).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
