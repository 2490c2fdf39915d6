// HTMLRewriter in-process: the three input shapes, handler promises, streaming
// through a Response (chunked input, a real HTTP server, concurrency, failures,
// cancellation) and the laws a rewriter keeps.
import fc from "fast-check";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { HTMLRewriter } from "../src/index.ts";

function chunked(parts: readonly string[]): Response {
  const encoder = new TextEncoder();
  let next = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next === parts.length) controller.close();
        else controller.enqueue(encoder.encode(parts[next++]));
      },
    }),
  );
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("transform", () => {
  it("turns a string into a string, bytes into an ArrayBuffer and a Response into a Response", async () => {
    const rewriter = new HTMLRewriter().on("a[href]", {
      element(a) {
        a.setAttribute("rel", "noopener");
      },
    });
    expect(rewriter.transform('<a href="/x">x</a>')).toBe('<a href="/x" rel="noopener">x</a>');
    const bytes = rewriter.transform(new TextEncoder().encode("<a href=y>y</a>"));
    expect(bytes).toBeInstanceOf(ArrayBuffer);
    expect(Buffer.from(bytes).toString()).toBe('<a href=y rel="noopener">y</a>');
    const response = rewriter.transform(new Response("<a href=z>", { status: 404, headers: { "x-kept": "1" } }));
    expect(response.status).toBe(404);
    expect(response.headers.get("x-kept")).toBe("1");
    expect(await response.text()).toBe('<a href=z rel="noopener">');
  });

  it("can be used again: each transform starts a new document", () => {
    let count = 0;
    const rewriter = new HTMLRewriter().on("p", {
      element(p) {
        p.setInnerContent(String(++count));
      },
    });
    expect(rewriter.transform("<p>a</p>")).toBe("<p>1</p>");
    expect(rewriter.transform("<p>b</p><p>c</p>")).toBe("<p>2</p><p>3</p>");
  });

  it("passes bytes that are not UTF-8 through untouched where no handler reads text", () => {
    const input = new Uint8Array([0x3c, 0x70, 0x3e, 0xff, 0xfe, 0x41, 0x3c, 0x2f, 0x70, 0x3e]);
    const output = new HTMLRewriter()
      .on("p", {
        element(p) {
          p.setAttribute("a", "1");
        },
      })
      .transform(input);
    expect([...new Uint8Array(output)]).toEqual([...Buffer.from('<p a="1">'), 0xff, 0xfe, 0x41, ...Buffer.from("</p>")]);
  });

  it("removes a doctype, and only the doctype", () => {
    const rewriter = new HTMLRewriter().onDocument({
      doctype(doctype) {
        doctype.remove();
      },
    });
    expect(rewriter.transform("<!-- c -->\n<!DOCTYPE html><p>x</p>")).toBe("<!-- c -->\n<p>x</p>");
    // A doctype inside removed content is never written: nothing else may be dropped in its place.
    const removing = new HTMLRewriter()
      .on("div", {
        element(div) {
          div.remove();
        },
      })
      .onDocument({
        doctype(doctype) {
          doctype.remove();
        },
        end(end) {
          end.append("<kept>", { html: true });
        },
      });
    expect(removing.transform("a<div><!doctype html>b")).toBe("a<kept>");
    expect(removing.transform("a<div><!doctype html>b</div>c")).toBe("ac<kept>");
  });
});

describe("handler promises", () => {
  it("accepts a settled promise in a synchronous transform and reports a rejected one's reason", () => {
    const asyncHandler = new HTMLRewriter().on("p", {
      async element(p) {
        p.setAttribute("done", "");
      },
    });
    expect(asyncHandler.transform("<p>")).toBe('<p done="">');
    const rejecting = new HTMLRewriter().on("p", { element: () => Promise.reject(new RangeError("no")) });
    expect(() => rejecting.transform("<p>")).toThrow(RangeError);
  });

  it("refuses a pending promise in a synchronous transform with a named error", () => {
    const pending = new HTMLRewriter().on("p", { element: () => delay(1) });
    let caught: unknown;
    try {
      pending.transform("<p>");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TypeError);
    expect((caught as { code?: string }).code).toBe("ERR_DX_COMPAT_NOT_IMPLEMENTED");
    expect((caught as Error).message).toMatch(/^\[dx-compat\] HTMLRewriter.transform: .*Pass a Response instead/);
  });

  it("waits for async handlers in a Response transform, end tags included", async () => {
    const rewriter = new HTMLRewriter().on("p", {
      async element(p) {
        await delay(2);
        p.setAttribute("late", "1");
        p.onEndTag(async (end) => {
          await delay(1);
          end.after("!");
        });
      },
    });
    expect(await rewriter.transform(new Response("<p>a</p><p>b</p>")).text()).toBe('<p late="1">a</p>!<p late="1">b</p>!');
  });

  it("runs many Response transforms with async handlers at once, each with its own output", async () => {
    const rewriter = new HTMLRewriter().on("i", {
      async element(i) {
        await delay(Math.random() * 3);
        i.setInnerContent(i.getAttribute("n") ?? "?");
      },
    });
    const inputs = Array.from({ length: 24 }, (_, n) => `<b>${n}</b>${"<i n=x></i>".replaceAll("x", String(n)).repeat(3)}`);
    const outputs = await Promise.all(inputs.map((html) => rewriter.transform(chunked(html.match(/.{1,5}/gs) ?? [])).text()));
    outputs.forEach((output, n) => expect(output).toBe(`<b>${n}</b>${`<i n=${n}>${n}</i>`.repeat(3)}`));
    // Synchronous transforms in between still work while others are suspended.
    const pending = rewriter.transform(new Response("<i n=7></i>")).text();
    expect(new HTMLRewriter().on("p", { element: (p) => void p.remove() }).transform("a<p>b</p>c")).toBe("ac");
    expect(await pending).toBe("<i n=7>7</i>");
  });

  it("transforms inside another transform's handler, synchronous or suspended", async () => {
    const inner = new HTMLRewriter().on("b", {
      element(b) {
        b.tagName = "strong";
      },
    });
    const outer = new HTMLRewriter().on("p", {
      element(p) {
        p.setAttribute("data-inner", inner.transform("<b>x</b>"));
      },
    });
    expect(outer.transform("<p>1</p>")).toBe('<p data-inner="<strong>x</strong>">1</p>');
    const suspended = new HTMLRewriter().on("p", {
      async element(p) {
        await delay(1);
        p.append(inner.transform("<b>y</b>"), { html: true });
      },
    });
    expect(await suspended.transform(new Response("<p>1</p><p>2</p>")).text()).toBe("<p>1<strong>y</strong></p><p>2<strong>y</strong></p>");
  });

  it("errors the body when a handler rejects, and the rewriter goes on", async () => {
    const rewriter = new HTMLRewriter().on("p", {
      async element(p) {
        await delay(1);
        if (p.hasAttribute("bad")) throw new SyntaxError("bad paragraph");
      },
    });
    await expect(rewriter.transform(new Response("<p>ok</p><p bad>")).text()).rejects.toThrow("bad paragraph");
    expect(await rewriter.transform(new Response("<p>fine</p>")).text()).toBe("<p>fine</p>");
    expect(rewriter.transform("<b>sync</b>")).toBe("<b>sync</b>");
  });
});

describe("Response streaming", () => {
  it("rewrites a body that arrives in small chunks, tags split across them", async () => {
    const html = '<html><head><title>t</title></head><body><a href="/a">a</a><img src="x.png"><!-- c --></body></html>';
    const rewriter = new HTMLRewriter()
      .on("a", {
        element(a) {
          a.setAttribute("href", a.getAttribute("href")!.toUpperCase());
        },
      })
      .on("img", {
        element(img) {
          img.setAttribute("loading", "lazy");
        },
      });
    const expected = rewriter.transform(html);
    for (const size of [1, 2, 3, 7, 64]) {
      const parts = html.match(new RegExp(`.{1,${size}}`, "gs")) ?? [];
      expect(await rewriter.transform(chunked(parts)).text()).toBe(expected);
    }
  });

  it("runs every handler even when the body is never read", async () => {
    let seen = 0;
    new HTMLRewriter()
      .on("p", {
        element() {
          seen++;
        },
      })
      .transform(chunked(["<p>1</p>", "<p>2", "</p><p>3</p>"]));
    await delay(20);
    expect(seen).toBe(3);
  });

  it("stops reading the input when the body is cancelled", async () => {
    let pulls = 0;
    const endless = new Response(
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          pulls++;
          await delay(1);
          controller.enqueue(new TextEncoder().encode("<p>x</p>"));
        },
      }),
    );
    const body = new HTMLRewriter().transform(endless).body!;
    const reader = body.getReader();
    await reader.read();
    await reader.cancel();
    const afterCancel = pulls;
    await delay(30);
    expect(pulls - afterCancel).toBeLessThanOrEqual(1);
  });

  it("rewrites a page fetched from a real HTTP server on 127.0.0.1", async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.write("<!doctype html><html><body><h1>Title</h1>");
      setTimeout(() => response.end('<a href="http://example.test/">link</a></body></html>'), 5);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const fetched = await fetch(`http://127.0.0.1:${port}/`);
      const rewritten = new HTMLRewriter()
        .on("a[href^='http:']", {
          element(a) {
            a.setAttribute("href", a.getAttribute("href")!.replace("http:", "https:"));
          },
        })
        .on("body", {
          element(body) {
            body.append("<footer>rewritten</footer>", { html: true });
          },
        })
        .transform(fetched);
      expect(rewritten.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await rewritten.text()).toBe(
        '<!doctype html><html><body><h1>Title</h1><a href="https://example.test/">link</a><footer>rewritten</footer></body></html>',
      );
    } finally {
      server.close();
    }
  });
});

describe("laws", () => {
  it("without handlers, any string and any bytes come back unchanged", () => {
    const rewriter = new HTMLRewriter();
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => rewriter.transform(text) === text),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => Buffer.from(rewriter.transform(bytes)).equals(Buffer.from(bytes))),
      { numRuns: 500 },
    );
  });

  it("inserted text is escaped and inserted HTML is not", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (text) => {
        const escaped = text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
        const rewriter = new HTMLRewriter().on("p", {
          element(p) {
            p.before(text);
            p.after(text, { html: true });
          },
        });
        return rewriter.transform("<p></p>") === `${escaped}<p></p>${text}`;
      }),
      { numRuns: 300 },
    );
  });

  it("a Response gives the same document however its body is chunked", async () => {
    const rewriter = new HTMLRewriter()
      .on("*", {
        element(element) {
          element.setAttribute("seen", element.tagName);
        },
        comments(comment) {
          comment.text = comment.text.toUpperCase();
        },
      })
      .onDocument({
        end(end) {
          end.append("<!--end-->", { html: true });
        },
      });
    const part = fc.constantFrom("<p>", "</p>", "<div class=x>", "</div>", "text ", "<!-- note -->", "<br/>", "a &amp; b", "<img src=x>");
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }), async (parts, sizes) => {
        const html = parts.join("");
        const pieces: string[] = [];
        for (let at = 0, index = 0; at < html.length; index++) {
          const size = sizes[index % sizes.length]!;
          pieces.push(html.slice(at, at + size));
          at += size;
        }
        return (await rewriter.transform(chunked(pieces)).text()) === rewriter.transform(html);
      }),
      { numRuns: 150 },
    );
  });
});
