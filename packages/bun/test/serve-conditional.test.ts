// If-None-Match / If-Modified-Since as Bun.serve's routes read them (the wire
// behaviour itself is compared with real Bun in serve.differential.test.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bareTag, noneMatch, notModifiedSince } from "../src/internal/serve/conditional.ts";

const tagText = fc.string({ unit: fc.constantFrom(..."abcdef0123456789-_.ABC"), minLength: 1, maxLength: 20 });

describe("If-None-Match", () => {
  it("reads a tag the same quoted, bare or weak", () => {
    fc.assert(
      fc.property(tagText, (tag) => {
        expect([bareTag(`"${tag}"`), bareTag(tag), bareTag(`W/"${tag}"`), bareTag(` "${tag}" `)]).toEqual([tag, tag, tag, tag]);
      }),
    );
  });

  it("finds the tag anywhere in a comma-separated list, and nowhere else", () => {
    fc.assert(
      fc.property(fc.array(tagText, { maxLength: 5 }), tagText, fc.nat(5), (others, tag, at) => {
        const list = others.filter((other) => other !== tag).map((other) => `"${other}"`);
        expect(noneMatch(list.join(", ") || undefined, tag)).toBe(false);
        list.splice(Math.min(at, list.length), 0, `W/"${tag}"`);
        expect(noneMatch(list.join(","), tag)).toBe(true);
      }),
    );
  });

  it("treats * as a match and malformed tags as none", () => {
    expect(noneMatch(" * ", "abc")).toBe(true);
    for (const header of ['"abc', 'abc"', 'w/"abc"', '"x" "abc"', "", '"ABC"']) expect(noneMatch(header, "abc")).toBe(false);
  });
});

describe("If-Modified-Since", () => {
  const modified = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
  it("is a match at or after the modification time, in HTTP dates", () => {
    expect(notModifiedSince("Wed, 21 Oct 2015 07:28:00 GMT", modified)).toBe(true);
    expect(notModifiedSince("Wed, 21 Oct 2015 07:28:01 GMT", modified)).toBe(true);
    expect(notModifiedSince("Wed, 21 Oct 2015 07:27:59 GMT", modified)).toBe(false);
    expect(notModifiedSince("garbage", modified)).toBe(false);
    expect(notModifiedSince(undefined, modified)).toBe(false);
  });
});
