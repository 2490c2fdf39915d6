// req.url's builder (src/internal/serve/request-url.ts). Its fast path skips the
// URL parser for hosts and targets the parser would leave unchanged; the law is
// that it never answers differently from the parser. Bun's own answers for
// awkward requests are compared in test/serve.differential.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestUrl } from "../src/internal/serve/request-url.ts";

const pick = (chars: string, maxLength: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...chars), maxLength });

describe("requestUrl", () => {
  it("normalizes as a URL parser does: dot segments, backslashes, escapes, host case, default ports", () => {
    expect(requestUrl("http", "a", "/a/./b/../c")).toBe("http://a/a/c");
    expect(requestUrl("http", "a", "/x/%2e%2E/y")).toBe("http://a/y");
    expect(requestUrl("http", "a", "/x\\y")).toBe("http://a/x/y");
    expect(requestUrl("http", "a", "/x{y}?q=\"'")).toBe("http://a/x%7By%7D?q=%22%27");
    expect(requestUrl("http", "Example.COM:80", "/p")).toBe("http://example.com/p");
    expect(requestUrl("https", "a:443", "/p")).toBe("https://a/p");
    expect(requestUrl("http", "a%41:8080", "/p")).toBe("http://aa:8080/p");
  });

  it("falls back as Bun does: the bare target without a usable host, the two joined when the URL does not parse", () => {
    expect(requestUrl("http", undefined, "/p/../q")).toBe("/p/../q");
    expect(requestUrl("http", "", "/p/../q")).toBe("/p/../q");
    expect(requestUrl("http", "exa mple", "/p/../q")).toBe("/p/../q");
    expect(requestUrl("http", "caf\u00c3\u00a9.com", "/p")).toBe("/p");
    expect(requestUrl("http", "1.2.3.4.5", "/p/../q")).toBe("http://1.2.3.4.5/p/../q");
  });

  it("answers what the URL parser answers whenever the fast path is taken", () => {
    const host = fc.oneof(
      pick("abcz09-.", 12),
      fc.tuple(pick("abcXYZ09-.", 10), fc.constantFrom("", ":80", ":443", ":8080", ":0", ":08", ":65535", ":")).map(([name, port]) => name + port),
      fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((parts) => parts.join(".")),
    );
    const target = fc.tuple(pick("/abc.%2eE~!$&'()*+,;=:@[]|^`{}\\\"<>_-", 24), fc.option(pick("abc=&?/%.'\"<>{}|^`[]\\#", 12), { nil: undefined })).map(([path, query]) => `/${path}${query === undefined ? "" : `?${query}`}`);
    fc.assert(
      fc.property(fc.constantFrom("http" as const, "https" as const), host, target, (scheme, h, t) => {
        const ours = requestUrl(scheme, h, t);
        let parsed: string | undefined;
        // The path's "^" escaped first, as the current URL standard (and Bun) does; Node 22's parser predates that.
        const end = t.search(/[?#]/);
        const caretEscaped = end === -1 ? t.replaceAll("^", "%5E") : t.slice(0, end).replaceAll("^", "%5E") + t.slice(end);
        try {
          parsed = new URL(`${scheme}://${h}${caretEscaped}`).href;
        } catch {
          parsed = undefined;
        }
        if (ours === `${scheme}://${h}${t}` && parsed !== undefined) expect(parsed).toBe(ours);
        if (ours !== t && parsed !== undefined) expect(ours).toBe(parsed);
      }),
      { numRuns: 5000 },
    );
  });
});
