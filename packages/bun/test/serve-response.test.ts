// The lightweight Response Bun.serve writes without a stream read: it must
// behave as a Response (Bun's Response where Bun and undici differ; the
// expected values below are what Bun 1.4.5 gives for the same calls), and
// interoperate with Node's own Response, fetch and streams.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FastResponse } from "../src/internal/serve/response.ts";

const make = (body?: unknown, init?: ResponseInit): Response => new FastResponse(body as never, init) as unknown as Response;

describe("FastResponse", () => {
  it("is a Response both ways round", () => {
    expect(make("x")).toBeInstanceOf(Response);
    expect(new Response("x")).toBeInstanceOf(FastResponse);
    expect(Object.prototype.toString.call(make("x"))).toBe("[object Response]");
    expect(() => inspect(make("x"))).not.toThrow();
  });

  it("reports status, ok, statusText, type, url, redirected", () => {
    const response = make("abc", { status: 201, statusText: "Made" });
    expect([response.status, response.ok, response.statusText, response.type, response.url, response.redirected]).toEqual([201, true, "Made", "default", "", false]);
    expect(make(null, { status: 404 }).ok).toBe(false);
    expect(make(null, { status: 101 }).status).toBe(101);
    expect(() => make("x", { status: 99 })).toThrow(new RangeError("The status provided (99) must be 101 or in the range of [200, 599]"));
  });

  it("holds only the headers the program set (Bun adds Content-Type on the wire)", () => {
    expect([...make("x").headers]).toEqual([]);
    expect([...make("x", { headers: { "X-A": "1" } }).headers]).toEqual([["x-a", "1"]]);
    expect([...(FastResponse.json({ a: 1 }) as unknown as Response).headers]).toEqual([["content-type", "application/json;charset=utf-8"]]);
    expect([...(FastResponse.json({ a: 1 }, { headers: { "X-B": "2" } }) as unknown as Response).headers]).toEqual([
      ["content-type", "application/json;charset=utf-8"],
      ["x-b", "2"],
    ]);
    expect(() => make("x", { headers: { "X-A": "a\r\nX-B: b" } })).toThrow(TypeError);
  });

  it("keeps its own copy of a byte body, as Bun does: later writes and transfers do not show", async () => {
    const view = new Uint8Array([65, 66, 67]);
    const fromView = make(view.subarray(1));
    view[1] = 90;
    expect(await fromView.text()).toBe("BC");
    const buffer = new Uint8Array([1, 2]).buffer;
    const fromBuffer = make(buffer);
    buffer.transfer();
    expect([...(await fromBuffer.bytes())]).toEqual([1, 2]);
    const fromDataView = make(new DataView(new Uint8Array([7, 8, 9]).buffer, 1, 1));
    expect([...(await fromDataView.bytes())]).toEqual([8]);
  });

  it("reads string and byte bodies once, as Bun does", async () => {
    const response = make("héllo");
    expect(await response.text()).toBe("héllo");
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toMatchObject({ name: "TypeError", message: "Body already used", code: "ERR_BODY_ALREADY_USED" });
    expect(await make('{"a":[1]}').json()).toEqual({ a: [1] });
    expect([...(await make(new Uint8Array([1, 2, 3])).bytes())]).toEqual([1, 2, 3]);
    expect(new Uint8Array(await make(new Uint8Array([4, 5]).buffer).arrayBuffer())).toEqual(new Uint8Array([4, 5]));
    const blob = await make("x").blob();
    expect([blob.type, await blob.text()]).toEqual(["text/plain;charset=utf-8", "x"]);
    expect(make(null).body).toBeNull();
    // No body: it reads as empty, any number of times, and is never "used" (checked against Bun 1.4.5).
    const empty = make(null);
    expect([await empty.text(), await empty.arrayBuffer().then((b) => b.byteLength), empty.bodyUsed]).toEqual(["", 0, false]);
  });

  it("gives its body as a stream, after which it reads like any Response", async () => {
    const response = make("stream me");
    expect(await new Response(response.body).text()).toBe("stream me");
    expect(response.bodyUsed).toBe(true);
    const streamed = make(new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("s")), c.close()) }));
    expect(await streamed.text()).toBe("s");
    const form = new FormData();
    form.set("k", "v");
    expect((await make(form).formData()).get("k")).toBe("v");
    expect(await make(new Blob(["blob body"])).text()).toBe("blob body");
  });

  it("clones: both copies read the same body", async () => {
    const original = make("abc", { status: 201, statusText: "Made", headers: { "X-A": "1" } });
    const copy = original.clone();
    expect([await original.text(), await copy.text(), copy.status, copy.statusText, copy.headers.get("x-a")]).toEqual(["abc", "abc", 201, "Made", "1"]);
    const stream = make(new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("t")), c.close()) }));
    const streamCopy = stream.clone();
    expect([await stream.text(), await streamCopy.text()]).toEqual(["t", "t"]);
    expect(() => original.clone()).toThrow(new TypeError("Body is disturbed or locked"));
  });

  it("has Bun's statics: redirect (relative URLs too), json, error", async () => {
    const redirect = FastResponse.redirect("/x") as unknown as Response;
    expect([redirect.status, redirect.headers.get("location")]).toEqual([302, "/x"]);
    expect(() => FastResponse.redirect("/x", 200)).toThrow(new RangeError("Failed to execute 'redirect' on 'Response': Invalid status code"));
    expect(FastResponse.error().type).toBe("error");
    expect(() => FastResponse.json(undefined)).toThrow(new TypeError("Value is not JSON serializable"));
  });

  it("shows a Blob body's type in its headers, as Bun does, and not a string body's", () => {
    expect(make(new Blob(["x"], { type: "text/csv" })).headers.get("content-type")).toBe("text/csv");
    expect(make(new Blob(["x"], { type: "text/csv" }), { headers: { "content-type": "a/b" } }).headers.get("content-type")).toBe("a/b");
    expect(make("text").headers.get("content-type")).toBe(null);
  });

  it("round-trips any string and byte body (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.uint8Array(), async (text, bytes) => {
        expect(await make(text).text()).toBe(await new Response(text).text());
        expect(new Uint8Array(await make(bytes).arrayBuffer())).toEqual(new Uint8Array(await new Response(bytes).arrayBuffer()));
        // Exactly the body's bytes, never a view of a larger (pooled) buffer.
        expect(new Uint8Array(await make(text).arrayBuffer())).toEqual(new Uint8Array(await new Response(text).arrayBuffer()));
        expect(new Uint8Array(await make(Buffer.from(bytes)).arrayBuffer())).toEqual(new Uint8Array(await new Response(bytes).arrayBuffer()));
        const viaStream = await new Response(make(text).body).text();
        expect(viaStream).toBe(text);
      }),
      { numRuns: 60 },
    );
  });
});
