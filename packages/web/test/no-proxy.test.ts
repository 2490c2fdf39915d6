// NO_PROXY matching as Bun does it (the cases were checked against Bun 1.4.5 in
// web.differential.test.ts), and its laws: "*" names everything, an entry names
// its own host and every subdomain, never a name that only ends with the same letters.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bypassesProxy } from "../src/internal/fetch/no-proxy.ts";

const url = (href: string) => new URL(href);
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);

describe("NO_PROXY", () => {
  it("matches names, subdomains, IPs, ranges and ports as Bun does", () => {
    const cases: Array<[string, string, boolean]> = [
      ["", "http://example.test/", false],
      ["example.test", "http://example.test/", true],
      ["example.test", "http://a.example.test/", true],
      ["ample.test", "http://example.test/", false],
      ["a.example.test", "http://example.test/", false],
      ["*.example.test", "http://example.test/", true],
      [" EXAMPLE.test ", "http://example.test/", true],
      ["example.test:80", "http://example.test/", true],
      ["example.test:443", "https://example.test/", true],
      ["example.test:81", "http://example.test/", false],
      ["127.0.0.0/8", "http://127.9.9.9:1/", true],
      ["10.0.0.0/8", "http://127.0.0.1/", false],
      [".0.0.1", "http://127.0.0.1/", false],
      ["[::1]:8080", "http://[::1]:8080/", true],
      ["::1", "http://[::1]/", true],
      ["*", "http://anything.test/", true],
    ];
    for (const [list, href, expected] of cases) expect([list, href, bypassesProxy(url(href), { NO_PROXY: list })]).toEqual([list, href, expected]);
    expect(bypassesProxy(url("http://example.test/"), { no_proxy: "example.test" })).toBe(true);
  });

  it("names an entry's subdomains and never a host that only shares its last letters", () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), fc.array(label, { maxLength: 2 }), label, (domain, sub, prefix) => {
        const name = `${domain.join(".")}.test`;
        const host = [...sub, name].join(".");
        expect(bypassesProxy(url(`http://${host}/`), { NO_PROXY: name })).toBe(true);
        expect(bypassesProxy(url(`http://${prefix}${name}/`), { NO_PROXY: name })).toBe(false);
        expect(bypassesProxy(url(`http://${host}/`), { NO_PROXY: "*" })).toBe(true);
      }),
    );
  });
});
