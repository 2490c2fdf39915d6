// Bun.Cookie and Bun.CookieMap on Node: behaviour as Bun 1.4.5 shows it
// (expected values observed on real Bun), plus fast-check laws.
import { Cookie, CookieMap } from "@dx-compat/bun";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CookieMap as InternalCookieMap, cloneCookieMap, setCookieHeaders } from "../src/internal/cookie/cookie-map.ts";

function thrown(f: () => unknown): { name: string; message: string; code: unknown } {
  try {
    f();
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { name: e.name, message: e.message, code: e.code };
  }
  throw new Error("did not throw");
}

describe("Bun.Cookie", () => {
  it("serializes attributes in Bun's order, SameSite=Lax and Path=/ by default", () => {
    expect(new Cookie("a", "b").toString()).toBe("a=b; Path=/; SameSite=Lax");
    const full = new Cookie("a", "b", { domain: "x.com", path: "/p", expires: 1_700_000_000, maxAge: 10, secure: true, httpOnly: true, partitioned: true, sameSite: "strict" });
    expect(full.serialize()).toBe("a=b; Domain=x.com; Path=/p; Expires=Tue, 14 Nov 2023 22:13:20 GMT; Max-Age=10; Secure; HttpOnly; Partitioned; SameSite=Strict");
    expect(new Cookie("a", "b", { path: "" }).toString()).toBe("a=b; SameSite=Lax");
  });

  it("percent-encodes the value when serializing, keeps it raw otherwise", () => {
    const cookie = new Cookie("a", "b c;d é");
    expect(cookie.serialize()).toBe("a=b%20c%3Bd%20%C3%A9; Path=/; SameSite=Lax");
    expect(cookie.value).toBe("b c;d é");
    expect(new Cookie("a", "\ud800").value).toBe("\ufffd");
  });

  it("parses Set-Cookie strings, case-insensitively, lower-casing the domain", () => {
    const cookie = new Cookie("a=b; Path=/x; Domain=EX.com; Max-Age=5; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Secure; HttpOnly; SameSite=None; Partitioned");
    expect(cookie.toString()).toBe("a=b; Domain=ex.com; Path=/x; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=5; Secure; HttpOnly; Partitioned; SameSite=None");
    expect(cookie.expires?.toISOString()).toBe("2015-10-21T07:28:00.000Z");
    expect(Cookie.parse("a=b; Max-Age=12abc; Path=relative").toString()).toBe("a=b; Path=/; Max-Age=12; SameSite=Lax");
    expect(Cookie.parse("a=b%20c").value).toBe("b%20c");
  });

  it("reads expires as seconds, a Date or a date string; rejects the rest as Bun does", () => {
    expect(new Cookie("a", "b", { expires: 1.5 }).expires?.getTime()).toBe(1500);
    expect(new Cookie("a", "b", { expires: new Date(5000) }).expires?.getTime()).toBe(5000);
    expect(new Cookie("a", "b", { expires: "Wed, 21 Oct 2015 07:28:00 GMT" }).expires?.getTime()).toBe(1_445_412_480_000);
    expect(thrown(() => new Cookie("a", "b", { expires: "2015-10-21" }))).toEqual({ name: "TypeError", message: "Invalid cookie expiration date", code: undefined });
    expect(thrown(() => new Cookie("a", "b", { expires: Infinity }))).toMatchObject({ name: "RangeError", message: "expires must be a valid Number (or Date)" });
    expect(thrown(() => new Cookie("a", "b", { expires: new Date(Number.NaN) }))).toMatchObject({ name: "RangeError", message: "expires must be a valid Date (or Number)" });
    expect(thrown(() => new Cookie("a", "b", { expires: {} as never }))).toEqual({
      name: "TypeError",
      message: "The argument 'expires' Invalid expires value. Must be a Date or a number. Received {}",
      code: "ERR_INVALID_ARG_VALUE",
    });
    expect(new Cookie("a", "b", { expires: -1 }).toString()).toBe("a=b; Path=/; Expires=Wed, 31 Dec 1969 23:59:59 GMT; SameSite=Lax");
    expect(new Cookie("a", "b", { expires: 253_402_300_800 }).toString()).toContain("Expires=Sat, 01 Jan 10000 00:00:00 GMT");
  });

  it("validates names, paths and domains with Bun's messages", () => {
    expect(thrown(() => new Cookie("a b", "1")).message).toBe("Invalid cookie name: contains invalid characters");
    expect(thrown(() => new Cookie("a", "1", { path: "/;" })).message).toBe("Invalid cookie path: contains invalid characters");
    expect(thrown(() => new Cookie("a", "1", { domain: "A.com" })).message).toBe("Invalid cookie domain: contains invalid characters");
    expect(thrown(() => new Cookie("", "1")).message).toBe("name is required");
    expect(thrown(() => new Cookie("a", "1", { sameSite: "Strict" as never })).message).toBe("Invalid sameSite value. Must be 'strict', 'lax', or 'none'");
    expect(thrown(() => new Cookie("a=b\n")).message).toBe("cookie string is not a valid HTTP header value");
    expect(thrown(() => new (Cookie as unknown as new () => unknown)())).toEqual({ name: "TypeError", message: "Not enough arguments", code: "ERR_MISSING_ARGS" });
    expect(thrown(() => (Cookie as unknown as (a: string, b: string) => unknown)("a", "b"))).toMatchObject({ code: "ERR_ILLEGAL_CONSTRUCTOR" });
  });

  it("has Bun's property behaviour: null domain, setters, isExpired", () => {
    const cookie = new Cookie("a", "b");
    expect(cookie.domain).toBeNull();
    cookie.maxAge = "7" as never;
    cookie.sameSite = "None" as never;
    cookie.expires = 1000 as never;
    expect(cookie.toString()).toBe("a=b; Path=/; Expires=Thu, 01 Jan 1970 00:16:40 GMT; Max-Age=7; SameSite=None");
    expect(thrown(() => (cookie.maxAge = Number.NaN)).message).toBe("The provided value is non-finite");
    expect(new Cookie("a", "b", { maxAge: 0, expires: Date.now() / 1000 + 1000 }).isExpired()).toBe(true);
    expect(new Cookie("a", "b", { maxAge: 1, expires: 1 }).isExpired()).toBe(false);
    expect(new Cookie("a", "b", { expires: 1 }).isExpired()).toBe(true);
    expect(new Cookie("a", "b").isExpired()).toBe(false);
  });

  it("toJSON is a null-prototype object with Bun's keys", () => {
    const json = new Cookie("a", "b", { expires: 5, maxAge: 3, domain: "x.com" }).toJSON();
    expect(Object.getPrototypeOf(json)).toBeNull();
    expect(Object.keys(json)).toEqual(["name", "value", "domain", "path", "expires", "maxAge", "secure", "sameSite", "httpOnly", "partitioned"]);
    expect(JSON.stringify(new Cookie("a", "b"))).toBe('{"name":"a","value":"b","path":"/","secure":false,"sameSite":"lax","httpOnly":false,"partitioned":false}');
  });

  it("property: parse(serialize(c)) gives c back for what a Set-Cookie string carries unchanged", () => {
    const options = fc.record(
      {
        domain: fc.domain().map((d) => d.toLowerCase()),
        path: fc.constantFrom("/", "/a", "/a/b c", "/x=y"),
        expires: fc.integer({ min: -58_000_000_000, max: 253_402_300_799 }),
        maxAge: fc.integer({ min: -1e9, max: 1e9 }),
        secure: fc.boolean(),
        httpOnly: fc.boolean(),
        partitioned: fc.boolean(),
        sameSite: fc.constantFrom("strict" as const, "lax" as const, "none" as const),
      },
      { requiredKeys: [] },
    );
    const name = fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.!#$&'*+^`|~".split("")), minLength: 1, maxLength: 8 });
    const value = fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.!~*'()".split("")), maxLength: 20 });
    fc.assert(
      fc.property(name, value, options, (n, v, o) => {
        const cookie = new Cookie(n, v, o);
        const again = Cookie.parse(cookie.serialize());
        expect(again.serialize()).toBe(cookie.serialize());
        expect(JSON.stringify(again)).toBe(JSON.stringify(cookie));
      }),
      { numRuns: 300 },
    );
  });
});

describe("Bun.CookieMap", () => {
  it("parses a Cookie header: trims, skips pairs without a name, decodes values when there is a '%'", () => {
    const map = new CookieMap("  a = 1 ;b=2;;c; =4; d=%20x; e=%zz; f=%E2%82%AC");
    expect([...map]).toEqual([
      ["a", "1"],
      ["b", "2"],
      ["d", " x"],
      ["e", "\ufffd"],
      ["f", "€"],
    ]);
    expect([...new CookieMap("%41=%41")]).toEqual([["%41", "A"]]);
    expect([...new CookieMap("a=b%")]).toEqual([["a", "b\ufffd"]]);
  });

  it("builds from records and pairs; rejects other initializers as Bun does", () => {
    expect([...new CookieMap({ a: "1", b: 2 as never })]).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
    expect([...new CookieMap([["a", "1"], ["a", "2"]])]).toEqual([
      ["a", "1"],
      ["a", "2"],
    ]);
    expect(thrown(() => new CookieMap([["a"]])).message).toBe("Expected arrays of exactly two strings");
    expect(thrown(() => new CookieMap(5 as never)).message).toBe("Invalid initializer type");
  });

  it("keeps changes first, in change order, and reports them as Set-Cookie headers", () => {
    const map = new CookieMap("x=1; y=2; z=3; gone=4");
    map.set("y", "5");
    map.set("n", "6", { httpOnly: true, maxAge: 60 });
    map.delete("gone");
    expect([...map.keys()]).toEqual(["y", "n", "x", "z"]);
    expect(map.size).toBe(4);
    expect(map.get("gone")).toBeNull();
    expect(map.has("gone")).toBe(false);
    expect(map.toJSON()).toEqual({ y: "5", n: "6", x: "1", z: "3" });
    const expected = ["y=5; Path=/; SameSite=Lax", "n=6; Path=/; Max-Age=60; HttpOnly; SameSite=Lax", "gone=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax"];
    expect(map.toSetCookieHeaders()).toEqual(expected);
    expect(setCookieHeaders(map as unknown as InternalCookieMap)).toEqual(expected);
  });

  it("delete takes options; a deletion with a bad domain still removes the cookie", () => {
    const map = new CookieMap("a=1");
    map.delete({ name: "a", domain: "x.com", path: "/p" });
    expect(map.toSetCookieHeaders()).toEqual(["a=; Domain=x.com; Path=/p; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax"]);
    const other = new CookieMap("a=1");
    expect(thrown(() => other.delete("a", { domain: "X.com" })).message).toBe("Invalid cookie domain: contains invalid characters");
    expect(other.size).toBe(0);
    expect(thrown(() => other.delete(1 as never)).message).toBe("Cookie name is required");
  });

  it("stores a Cookie object itself: later changes to it show", () => {
    const map = new CookieMap();
    const cookie = new Cookie("c", "3");
    map.set(cookie);
    cookie.value = "changed";
    expect(map.get("c")).toBe("changed");
    expect(map.toSetCookieHeaders()).toEqual(["c=changed; Path=/; SameSite=Lax"]);
  });

  it("iterates by position, so changes during iteration show as in Bun", () => {
    const map = new CookieMap("a=1; b=2");
    const seen: string[] = [];
    map.forEach((_value, key) => {
      seen.push(key);
      if (key === "a") map.set("c", "3");
    });
    expect(seen).toEqual(["a", "a", "b"]);
    expect(Object.prototype.toString.call(map.entries())).toBe("[object CookieMap Iterator]");
  });

  it("clone for req.clone(): same contents, separate changes", () => {
    const map = new InternalCookieMap("a=1");
    map.set("b", "2");
    const copy = cloneCookieMap(map);
    copy.set("c", "3");
    expect(setCookieHeaders(map)).toEqual(["b=2; Path=/; SameSite=Lax"]);
    expect(copy.toJSON()).toEqual({ b: "2", c: "3", a: "1" });
  });

  it("property: a header built from token pairs reads back as those pairs", () => {
    const token = fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.!#$&'*+^`|~".split("")), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.tuple(token, token), { maxLength: 10 }), (pairs) => {
        const map = new CookieMap(pairs.map(([k, v]) => `${k}=${v}`).join("; "));
        expect([...map]).toEqual(pairs);
        expect(map.size).toBe(pairs.length);
      }),
      { numRuns: 300 },
    );
  });
});
