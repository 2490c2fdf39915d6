// HTMLRewriter against real Bun 1.4.5: the same documents, the same handlers,
// the same output and the same handler log in both runtimes. Random documents
// and random rewrites come from fast-check; the fixed cases pin the surface,
// the errors and the tokens' lives.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const caseModule = `
const caught = (f) => { try { return { value: f() }; } catch (e) { return { error: e?.name, code: e?.code, message: e?.message }; } };
const attrs = (e) => e.attributes ? [...e.attributes] : e.attributes;

// One handler per rule; every rule logs what it saw, then acts.
function handlersFor(rule, log) {
  const act = (token, what) => {
    const [method, ...args] = rule.action;
    if (method === "set") { token[args[0]] = args[1]; return; }
    if (method === "endTag") { token.onEndTag((end) => { log.push(["end", end.name]); if (args[0]) end[args[0]](...args.slice(1)); }); return; }
    if (method !== "none") token[method](...args);
  };
  return {
    element(e) { log.push(["element", rule.selector, e.tagName, attrs(e), e.namespaceURI, e.canHaveContent, e.removed]); act(e); },
    text(t) { log.push(["text", rule.selector, t.text, t.lastInTextNode, t.removed]); if (rule.textAction && t.text) t[rule.textAction[0]](...rule.textAction.slice(1)); },
    comments(c) { log.push(["comment", rule.selector, c.text, c.removed]); if (rule.commentAction) { if (rule.commentAction[0] === "set") c.text = rule.commentAction[1]; else c[rule.commentAction[0]](...rule.commentAction.slice(1)); } },
  };
}

async function run(input) {
  const log = [];
  const rewriter = new HTMLRewriter();
  for (const rule of input.rules) rewriter.on(rule.selector, handlersFor(rule, log));
  if (input.document) rewriter.onDocument({
    doctype(d) { log.push(["doctype", d.name, d.publicId, d.systemId, d.removed]); if (input.document.removeDoctype) d.remove(); },
    comments(c) { log.push(["doc-comment", c.text]); },
    text(t) { log.push(["doc-text", t.text, t.lastInTextNode]); },
    end(end) { log.push(["end-of-document"]); if (input.document.append) end.append(...input.document.append); },
  });
  let out;
  if (input.mode === "bytes") out = Buffer.from(rewriter.transform(new TextEncoder().encode(input.html))).toString("latin1");
  else if (input.mode === "response") {
    const response = rewriter.transform(new Response(input.html, { status: 203, headers: { "x-kept": "yes" } }));
    out = { status: response.status, kept: response.headers.get("x-kept"), body: await response.text() };
  } else out = rewriter.transform(input.html);
  return { out, log };
}

export default async (input) => {
  if (input.kind === "rewrite") {
    try { return await run(input); } catch (e) { return { error: e?.name, code: e?.code, message: e?.message }; }
  }
  if (input.kind === "selector") return caught(() => { new HTMLRewriter().on(input.selector, {}); return "ok"; });
  if (input.kind === "surface") {
    const d = (o, k) => { const x = Object.getOwnPropertyDescriptor(o, k); return x && [x.writable, x.enumerable, x.configurable, typeof x.value, x.value?.length, x.value?.name]; };
    let element, text, comment, doctype, end, endTag;
    const out = new HTMLRewriter()
      .on("p", { element(e) { element = e; e.onEndTag((t) => { endTag = t; }); }, text(t) { text = t; }, comments(c) { comment = c; } })
      .onDocument({ doctype(x) { doctype = x; }, end(x) { end = x; } })
      .transform("<!doctype html><p>a<!--x--></p>");
    const shape = (token) => ({ tag: Object.prototype.toString.call(token), keys: Object.getOwnPropertyNames(Object.getPrototypeOf(token)), ctor: token.constructor === Object });
    // Tokens after their handler: Bun answers undefined or null, member by member.
    const afterwards = (token, members) => members.map((m) => { const r = caught(() => typeof token[m] === "function" ? token[m]("z") : token[m]); return [m, r.value === token ? "this" : r.value ?? String(r.value), r.error]; });
    return {
      out,
      global: d(globalThis, "HTMLRewriter").slice(0, 3),
      proto: ["on", "onDocument", "transform"].map((k) => d(HTMLRewriter.prototype, k)),
      keys: Object.getOwnPropertyNames(HTMLRewriter.prototype),
      tag: Object.prototype.toString.call(new HTMLRewriter()),
      length: HTMLRewriter.length,
      shapes: [element, text, comment, doctype, end, endTag].map(shape),
      element: afterwards(element, ["tagName", "attributes", "removed", "canHaveContent", "namespaceURI", "getAttribute", "hasAttribute", "removeAttribute", "before", "after", "prepend", "append", "replace", "remove", "removeAndKeepContent", "setInnerContent", "onEndTag"]),
      text: afterwards(text, ["text", "lastInTextNode", "removed", "before", "after", "replace", "remove"]),
      comment: afterwards(comment, ["text", "removed", "before", "after", "replace", "remove"]),
      doctype: afterwards(doctype, ["name", "publicId", "systemId", "removed", "remove"]),
      end: afterwards(end, ["append"]),
      endTag: afterwards(endTag, ["name", "before", "after", "remove"]),
    };
  }
  if (input.kind === "misuse") {
    const r = new HTMLRewriter();
    const live = [];
    new HTMLRewriter().on("p", { element(e) {
      for (const [label, f] of [
        ["before()", () => e.before()], ["before(1)", () => e.before(1)], ["after(null)", () => e.after(null)], ["before(symbol)", () => e.before(Symbol())],
        ["setAttribute(1, 2)", () => e.setAttribute(1, 2)], ["setAttribute(x)", () => e.setAttribute("x")], ["getAttribute()", () => e.getAttribute()],
        ["tagName = 1", () => { e.tagName = 1; }], ["tagName = ''", () => { e.tagName = ""; }], ["tagName = 'a b'", () => { e.tagName = "a b"; }],
        ["setAttribute('a b')", () => e.setAttribute("a b", "x")], ["onEndTag(1)", () => e.onEndTag(1)],
      ]) { const res = caught(f); live.push([label, res.value === e ? "this" : res.value, res.error, res.code, res.message]); }
    }, comments(c) { const res = caught(() => { c.text = "a-->b"; }); live.push(["comment -->", res.error, res.message]); } }).transform("<p a=1>x<!--c--></p>");
    return {
      live,
      construct: caught(() => HTMLRewriter()),
      on: [undefined, null, 1, "x", { element: 1 }, { text: null }, { comments: "f" }].map((h) => caught(() => { r.on("p", h); return "ok"; })),
      onDocument: [undefined, { end: 1 }, { doctype: {} }].map((h) => caught(() => { r.onDocument(h); return "ok"; })),
      selectorTypes: [undefined, null, 1, {}].map((s) => caught(() => { r.on(s, {}); return "ok"; })),
      transform: [undefined, null, 1, {}, new Blob(["<p>"]), new Request("http://x/", { method: "POST", body: "<p>" })].map((v) => caught(() => typeof r.transform(v))),
      wrongThis: [{}, 1, undefined].map((t) => caught(() => HTMLRewriter.prototype.on.call(t, "p", {}))),
      noEndTag: ["<br>", "<img src=x/>", "<svg><path/></svg>", "<input>"].map((html) => { let res; new HTMLRewriter().on("br, img, path, input", { element(e) { res = caught(() => e.onEndTag(() => {})); } }).transform(html); return res; }),
    };
  }
  if (input.kind === "response-edges") {
    const used = new Response("<p>x</p>");
    await used.text();
    const outcome = async (make) => { try { const r = make(); return { status: r.status, body: await r.text() }; } catch (e) { return { error: e?.name, code: e?.code, message: e?.message }; } };
    const appending = () => new HTMLRewriter().onDocument({ end(e) { e.append("E"); } });
    return {
      used: await outcome(() => appending().transform(used)),
      empty: await outcome(() => appending().transform(new Response(null, { status: 204 }))),
      brokenInput: await outcome(() => appending().transform(new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("<p>")); c.error(new Error("input broke")); } })))),
    };
  }
  if (input.kind === "handler-failure") {
    const handler = {
      throws: () => { throw new RangeError("bad"); },
      rejects: () => Promise.reject(new TypeError("no")),
      resolved: async (e) => { e.setAttribute("done", "1"); },
      thenable: (e) => ({ then(resolve) { e.setAttribute("then", "1"); resolve(); } }),
    }[input.handler];
    const r = new HTMLRewriter().on("p", { element: handler });
    const sync = caught(() => r.transform("<p>a</p>"));
    let response;
    try { response = { value: await r.transform(new Response("<p>a</p>")).text() }; } catch (e) { response = { error: e?.name, message: e?.message }; }
    return { sync, response, after: r.transform("<b>still works</b>") };
  }
};
`;

// p, div and span come often, so most rules find something to rewrite. No SVG or
// MathML here: html-rewriter-wasm's lol-html (0.3) leaves foreign content by an
// older rule than Bun's (2.x), so malformed markup after an unclosed <svg> or
// <math> can tokenize differently (see the README); the fixed cases below cover
// well-formed foreign content.
const tags = ["p", "div", "span", "p", "div", "span", "a", "b", "br", "img", "li", "ul", "table", "td", "script", "textarea", "title", "style"];
const attribute = fc.tuple(fc.constantFrom("class", "id", "href", "data-x", "title"), fc.constantFrom("x", "a b", "q\"", "it's", "1&2", "", "é")).map(([name, value]) => ` ${name}="${value.replaceAll('"', "&quot;")}"`);
const fragment = fc.oneof(
  fc.tuple(fc.constantFrom(...tags), fc.array(attribute, { maxLength: 2 }), fc.boolean()).map(([tag, attrs, selfClosing]) => `<${tag}${attrs.join("")}${selfClosing ? "/" : ""}>`),
  fc.constantFrom(...tags).map((tag) => `</${tag}>`),
  fc.constantFrom("text", " ", "a &amp; b", "1 < 2", "naïve 日本 😀", "\n", "x>y"),
  fc.constantFrom("<!-- note -->", "<!---->", "<!doctype html>", "<![CDATA[c]]>", "<?pi?>"),
);
const documents = fc.array(fragment, { minLength: 2, maxLength: 24 }).map((parts) => parts.join(""));
const selectors = ["p", "div", "span", "a", "b", "li", "p", "div", "span", "*", "*", "a[href]", "div > p", "span.x", "[data-x]", "#x", "li:first-child", "td", "script", "div p", "p:not(.x)", "[title$=\"b\"]", "ul > li:nth-child(2)"];
const content = fc.tuple(fc.constantFrom("<i>new</i>", "plain & text", "", "<!--c-->", "ü"), fc.boolean()).map(([text, html]) => [text, { html }]);
const elementAction = fc.oneof(
  fc.constant(["none"]),
  fc.tuple(fc.constantFrom("before", "after", "prepend", "append", "replace", "setInnerContent"), content).map(([method, [text, options]]) => [method, text, options]),
  fc.constantFrom(["remove"], ["removeAndKeepContent"], ["removeAttribute", "class"], ["setAttribute", "data-new", "v\"<&>"], ["set", "tagName", "section"]),
  fc.tuple(fc.constantFrom("before", "after"), content).map(([method, [text, options]]) => ["endTag", method, text, options]),
  fc.constant(["endTag", "remove"]),
);
const rule = fc.record({
  selector: fc.constantFrom(...selectors),
  action: elementAction,
  textAction: fc.option(fc.tuple(fc.constantFrom("before", "after", "replace"), fc.constantFrom("T", "<u>T</u>")).map(([m, t]) => [m, t, { html: t.startsWith("<") }]), { nil: undefined }),
  commentAction: fc.option(fc.constantFrom(["remove"], ["set", "changed"], ["replace", "<hr>", { html: true }]), { nil: undefined }),
});
const rewrite = fc.record({
  kind: fc.constant("rewrite"),
  html: documents,
  rules: fc.array(rule, { minLength: 1, maxLength: 4 }),
  document: fc.option(fc.record({ removeDoctype: fc.boolean(), append: fc.option(content, { nil: undefined }) }), { nil: undefined }),
  mode: fc.constantFrom("string", "bytes", "response"),
});

describe("HTMLRewriter against Bun", () => {
  it("rewrites 300 random documents with random handlers to the same output and handler log", async () => {
    const inputs = fc.sample(rewrite, { numRuns: Number(process.env.HTML_RUNS ?? 300), seed: Number(process.env.HTML_SEED ?? 20261122) });
    const { mismatches } = await compareBatch(caseModule, inputs);
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("rewrites well-formed SVG and MathML as Bun does", async () => {
    const rules = [{ selector: "*", action: ["none"] }, { selector: "path", action: ["setAttribute", "data-new", "v"] }, { selector: "g", action: ["endTag", "after", "!", { html: false }] }];
    const inputs = [
      '<svg viewBox="0 0 1 1"><path d="M0"/><g><circle r="1" /></g><title>t</title></svg><p>after</p>',
      "<math><mi>x</mi><mo>=</mo><mn>1</mn></math><br/><img src=x />",
      "<div><svg><foreignObject><p>html inside</p></foreignObject></svg></div>",
    ].flatMap((html) => ["string", "bytes", "response"].map((mode) => ({ kind: "rewrite", html, rules, document: { removeDoctype: false }, mode })));
    const { mismatches } = await compareBatch(caseModule, inputs);
    expect(mismatches).toEqual([]);
  }, 60_000);

  it("has Bun's surface, and tokens answer as Bun's do once their handler has returned", async () => {
    const { mismatches } = await compareBatch(caseModule, [{ kind: "surface" }]);
    expect(mismatches).toEqual([]);
  }, 60_000);

  it("parses selectors as Bun does, with Bun's errors", async () => {
    const inputs = ["", "a[", "p:hover", "p:nth-child(2)", "div > p", "p:not(.a)", "p + a", "p ~ a", "*", "[a|=b]", "a[href^='http']", "p::before", "#", ".", "p,", "1", "[object Object]", "svg|path", "a:first-of-type"]
      .map((selector) => ({ kind: "selector", selector }));
    const { mismatches } = await compareBatch(caseModule, inputs);
    expect(mismatches).toEqual([]);
  }, 60_000);

  it("refuses bad arguments and receivers with Bun's errors", async () => {
    const { mismatches } = await compareBatch(caseModule, [{ kind: "misuse" }]);
    expect(mismatches).toEqual([]);
  }, 60_000);

  it("treats a used, an empty and a failing Response body as Bun does", async () => {
    const { mismatches } = await compareBatch(caseModule, [{ kind: "response-edges" }]);
    expect(mismatches).toEqual([]);
  }, 60_000);

  it("reports a failing handler as Bun does, in string and Response mode, and the rewriter goes on", async () => {
    const inputs = ["throws", "rejects", "resolved", "thenable"].map((handler) => ({ kind: "handler-failure", handler }));
    const { mismatches } = await compareBatch(caseModule, inputs);
    expect(mismatches).toEqual([]);
  }, 60_000);
});
