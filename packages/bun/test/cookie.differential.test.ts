// Bun.Cookie and Bun.CookieMap under real Bun and under Node + dx-compat: the
// same constructions, parses, property writes and CookieMap operation
// sequences, compared outcome by outcome (strings, Dates, error class, message
// and code). A hand-written corpus of edge cases plus fast-check generated ones.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// Each input is { op, args }; the module runs it and returns plain data. Errors
// thrown by a single CookieMap operation are recorded and the sequence goes on.
const caseModule = `
import { Cookie, CookieMap } from "bun";
const flat = (e) => ({ error: e?.name, message: e?.message, code: e?.code, ownCode: Object.hasOwn(Object(e), "code"), text: String(e) });
const attempt = (f) => { try { return f(); } catch (e) { return flat(e); } };
const expiresOf = (c) => { const d = c.expires; return d === undefined ? "none" : Number.isNaN(d.getTime()) ? "invalid" : d.getTime(); };
const view = (c) => ({
  str: c.toString(), ser: c.serialize(), json: JSON.stringify(c.toJSON()), keys: Object.keys(c.toJSON()),
  name: c.name, value: c.value, domain: c.domain, path: c.path, expires: expiresOf(c), maxAge: c.maxAge,
  secure: c.secure, sameSite: c.sameSite, httpOnly: c.httpOnly, partitioned: c.partitioned, expired: c.isExpired(),
});
const mapView = (m) => {
  const each = [];
  m.forEach((v, k) => each.push([k, v]));
  return { size: m.size, entries: [...m], keys: [...m.keys()], values: [...m.values()], each, json: m.toJSON(), headers: m.toSetCookieHeaders() };
};
const ops = {
  ctor: (args) => view(new Cookie(...args)),
  parse: (args) => view(Cookie.parse(...args)),
  from: (args) => view(Cookie.from(...args)),
  assign: ([args, prop, value]) => { const c = new Cookie(...args); c[prop] = value; return view(c); },
  roundTrip: (args) => { const c = new Cookie(...args); const again = Cookie.parse(c.serialize()); return [again.serialize() === c.serialize(), JSON.stringify(again.toJSON()) === JSON.stringify(c.toJSON()), c.serialize()]; },
  map: ([init, steps]) => {
    const m = new CookieMap(init);
    const results = steps.map(([method, ...args]) => attempt(() => {
      if (method === "setCookie") return m.set(new Cookie(...args));
      return m[method](...args);
    }));
    return { results, ...mapView(m) };
  },
  mapInit: (init) => mapView(new CookieMap(init)),
  mapNoNew: () => CookieMap(),
  cookieNoNew: () => Cookie("a", "b"),
  shape: () => ({
    cookie: [Cookie.name, Cookie.length, Object.keys(Cookie), Object.getOwnPropertyNames(Cookie.prototype), Object.keys(Cookie.prototype), Cookie.parse.length, Cookie.from.length, Object.prototype.toString.call(new Cookie("a", "b"))],
    map: [CookieMap.name, CookieMap.length, Object.getOwnPropertyNames(CookieMap.prototype), Object.keys(CookieMap.prototype), ["get", "has", "set", "delete", "forEach", "entries", "toJSON"].map((k) => CookieMap.prototype[k].length),
      Object.prototype.toString.call(new CookieMap()), Object.prototype.toString.call(new CookieMap().keys()), CookieMap.prototype[Symbol.iterator] === CookieMap.prototype.entries],
    brand: [attempt(() => Cookie.prototype.toString.call({})), attempt(() => Object.getOwnPropertyDescriptor(Cookie.prototype, "value").get.call({})), attempt(() => CookieMap.prototype.get.call({}, "a")), attempt(() => Object.getOwnPropertyDescriptor(CookieMap.prototype, "size").get.call({}))],
    instances: [new Cookie("a", "b") instanceof Cookie, new CookieMap() instanceof CookieMap, new Cookie("a", "b").constructor === Cookie],
  }),
  mutateWhileIterating: (kind) => {
    const m = new CookieMap("a=1; b=2; c=3");
    const seen = [];
    if (kind === "forEach") m.forEach((v, k) => { seen.push(k); if (k === "a") m.set("z", "9"); });
    else for (const [k] of m) { seen.push(k); if (k === "a") m.delete("b"); }
    return seen;
  },
  expiresIdentity: () => { const c = new Cookie("a", "b", { expires: 5 }); const d = c.expires; const same = d === c.expires; d.setTime(0); return [same, c.expires.getTime(), c.toJSON().expires === c.expires]; },
  setSameCookie: () => { const m = new CookieMap(); const c = new Cookie("a", "1"); m.set(c); c.value = "2"; const r = [m.get("a")]; c.value = ""; return [...r, m.has("a"), m.size, m.toSetCookieHeaders()]; },
};
export default async ({ op, args }) => ops[op](args);
`;

type Input = { op: string; args?: unknown };

const day = 86_400;
const dateStrings = [
  "Wed, 21 Oct 2015 07:28:00 GMT",
  "21 Oct 2015 07:28:00 GMT",
  "Wed Oct 21 2015 07:28:00 GMT+0200",
  "Oct 21 2015",
  "2015-10-21",
  "2015-10-21T07:28:00Z",
  "2015/10/21",
  "10/21/2015",
  "Wednesday, 21-Oct-15 07:28:00 GMT",
  "Wed, 21 Oct 15 07:28:00 GMT",
  "Wed, 21 Oct 2015 07:28 GMT",
  "Wed, 21 Oct 2015 07:28:00",
  "Wed, 21 Oct 2015 07:28:00 UTC",
  "Wed, 21 Oct 2015 07:28:00 PST",
  "Wed, 21 Oct 2015 07:28:00 edt",
  "Wed, 21 Oct 2015 07:28:00 +0100",
  "Wed, 21 Oct 2015 07:28:00 -05:30",
  "Wed, 21 Oct 2015 07:28:00 +5",
  "Wed, 21 Oct 2015 7:28:00 pm",
  "Wed, 21 Oct 2015 12:28:00 AM",
  "Wed, 21 Oct 2015 13:28:00 PM",
  "Thu, 01 Jan 1970 00:00:00 GMT",
  "Thu, 01 Jan 1970 00:00:01 GMT",
  "1 Jan 1970",
  "0",
  "12345",
  "",
  "x",
  "Wed, 32 Oct 2015",
  "Feb 30 2015",
  "Feb 29 2016",
  "Oct 2015",
  "21 October 2015",
  "Sun Nov 22 2026 10:00:00 GMT+0000 (Coordinated Universal Time)",
  "(comment) Oct 21 2015 (more (nested)) 10:00",
  "Mon, 01 Jan 0001 00:00:00 GMT",
  "Fri, 31 Dec 9999 23:59:59 GMT",
  "Jan 1 275761",
  "Sep 13 275760 00:00:00 GMT",
  "2015-10-21 07:28:00",
  "Wed, 21 Oct 2015 07:28:00 Z",
  "Wed, 21 Oct 2015 07:28:00.123 GMT",
  "21-Oct-2015",
  "Oct-21-2015",
  "2015 Oct 21",
  "Wed, 21 Oct 2015 24:00:00 GMT",
  "Wed, 21 Oct 2015 07:60:00 GMT",
  "Wed, 21 Oct 2015 07:28:60 GMT",
  "1/1/70",
  "1/1/69",
  "1/1/49",
  "1/1/50",
  "12/31/1999 23:59",
  "13/1/2000",
  "2000/13/1",
  "Wed, 21 Oct 99 07:28:00 GMT",
  "Wed, 21 Oct 100 07:28:00 GMT",
  "October 21, 2015 at 10:00",
  "Oct 21 10:00:00 2015",
  "Oct 21 10:00:00 GMT 2015",
  "January29 2015",
  "Wed, 21 Oct 2015 07:28:00 GMTPST",
  "Wed, 21 Oct 2015 07:28:00 GMT garbage",
  "é",
  "Oct 21 2015 \u212a",
  "99999999999999999999 Oct 2015",
  "Oct 21 -2015",
  "Oct 21 +2015",
];

const names = ["a", "session", "__Host-x", "a b", "a=b", "a;b", "é", "", "a\u007f", "!#$%&'*+-.^_`|~", "x\t", "\u0000", "a,b", '"q"', "a@b", "a<b>"];
const values = ["b", "", "a b", "x;y", "é€😀", "\ud800", "=", "%41", "a+b", "!#$&'()*+,/:;=?@[]~-_.%\"\\", "\u0000\u001f\u007f", "x".repeat(300)];
const optionSets: unknown[] = [
  undefined,
  null,
  {},
  { domain: "example.com", path: "/p", secure: true, httpOnly: true, partitioned: true, sameSite: "strict" },
  { domain: "Example.com" },
  { domain: "a_b.com" },
  { domain: "" },
  { domain: null, path: null, expires: null, maxAge: null, sameSite: null, secure: null },
  { domain: undefined, path: undefined, expires: undefined, maxAge: undefined, sameSite: undefined, secure: undefined },
  { path: "" },
  { path: "/a b" },
  { path: "/a;b" },
  { path: "/<" },
  { path: "relative" },
  { path: "/é" },
  { expires: 0 },
  { expires: 1 },
  { expires: -1 },
  { expires: 1.5 },
  { expires: -0.5 },
  { expires: 1_700_000_000 },
  { expires: 253_402_300_800 },
  { expires: -62_198_755_200 },
  { expires: 8.64e12 },
  { expires: 8.64e12 + day },
  { expires: 8.64e12 + 2 * day },
  { expires: -8.64e12 - day },
  { expires: 1e14 },
  { expires: 1e20 },
  { expires: -1e20 },
  { expires: NaN },
  { expires: Infinity },
  { expires: new Date(0) },
  { expires: new Date(1500) },
  { expires: new Date(1.7) },
  { expires: new Date(NaN) },
  { expires: new Date(8.64e15) },
  { expires: "Wed, 21 Oct 2015 07:28:00 GMT" },
  { expires: "nope" },
  { expires: {} },
  { expires: true },
  { expires: [] },
  { expires: [1, "x"] },
  { expires: { a: 1, b: "s" } },
  { maxAge: 0 },
  { maxAge: -1 },
  { maxAge: 1.5 },
  { maxAge: 0.1 },
  { maxAge: 1 / 3 },
  { maxAge: 1e21 },
  { maxAge: 1.5e-7 },
  { maxAge: -0 },
  { maxAge: NaN },
  { maxAge: Infinity },
  { maxAge: -Infinity },
  { maxAge: "5" },
  { maxAge: 3600, expires: 1 },
  { maxAge: 0, expires: 4_102_444_800 },
  { secure: "false", httpOnly: 0, partitioned: "" },
  { secure: 1, httpOnly: "yes", partitioned: {} },
  { sameSite: "lax" },
  { sameSite: "none" },
  { sameSite: "Strict" },
  { sameSite: "bogus" },
  { sameSite: "" },
  { name: "ignored", value: "ignored" },
  5,
  "str",
  true,
];

function cookieCorpus(): Input[] {
  const inputs: Input[] = [];
  for (const name of names) for (const value of values.slice(0, 6)) inputs.push({ op: "ctor", args: [name, value] });
  for (const value of values) inputs.push({ op: "ctor", args: ["a", value] });
  for (const options of optionSets) {
    inputs.push({ op: "ctor", args: ["a", "b", options] });
    inputs.push({ op: "from", args: ["a", "b", options] });
    if (options !== null && typeof options === "object") inputs.push({ op: "ctor", args: [{ name: "n", value: "v", ...options }] });
  }
  for (const expires of dateStrings) {
    inputs.push({ op: "ctor", args: ["a", "b", { expires }] });
    inputs.push({ op: "parse", args: [`a=b; Expires=${expires}`] });
  }
  const oddArgs: unknown[][] = [
    [],
    [undefined],
    [null],
    [5],
    [""],
    ["x"],
    ["="],
    ["a="],
    ["=b"],
    ["a=b", undefined],
    ["a=b", "c"],
    [{}],
    [{ name: "" }],
    [{ name: 5 }],
    [{ name: undefined, value: undefined }],
    [{ name: null, value: null }],
    [{ value: "x" }],
    [["a=b"]],
    [1, 2],
    [null, null],
    ["a", undefined],
    ["a", "b", undefined],
    ["a", "b", null],
    ["a", "b", 5],
    ["", "b"],
  ];
  for (const args of oddArgs) inputs.push({ op: "ctor", args }, { op: "parse", args }, { op: "from", args });
  const setCookies = [
    "a=b",
    "a=b; Path=/x; Domain=EX.com; Max-Age=5; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Secure; HttpOnly; SameSite=None; Partitioned",
    "a=b; DOMAIN=X.Com; PATH=/Q; MAX-AGE=3; EXPIRES=Wed, 21 Oct 2015 07:28:00 GMT; SECURE; HTTPONLY; PARTITIONED; SAMESITE=STRICT",
    "a=b%20c",
    'a="b c"',
    "a=b=c",
    "a==b",
    " a=b",
    "a=b ",
    "a =b",
    "a= b",
    "\ta=b",
    "a=b\t",
    "a=\tb",
    "a=b\u000b",
    "\u000ba=b",
    "a=b\u000c",
    "a=b\u00a0",
    "a=b\u00ff",
    "a=b\u0100",
    "a\u0100=b",
    "é=b",
    "a=é",
    "a=b\u0000",
    "a=b\r",
    "a=b\n",
    "a=b\u0001",
    "a=b\u007f",
    "a b=c",
    "a@=c",
    "a,=c",
    '"a"=c',
    "a;b=c",
    ";=",
    "a=b;",
    "a=b;;;",
    "a=b; ; x; =y",
    "a=b; Domain=",
    "a=b; Domain=x_y.com",
    "a=b; Domain=.x.com",
    "a=b; Domain=x.com; Domain=",
    "a=b; Domain=x.com; Domain=y.com",
    "a=b; Path=",
    "a=b; Path=x",
    "a=b; Path=/x; Path=y",
    "a=b; Path=/x; Path=/y",
    "a=b; Path=/a;b",
    "a=b; Path = /x ",
    "a=b; SameSite=bogus",
    "a=b; SameSite=Strict; SameSite",
    "a=b; samesite=lax",
    "a=b; SameSite",
    "a=b; Max-Age=12abc",
    "a=b; Max-Age=abc",
    "a=b; Max-Age=-5",
    "a=b; Max-Age=-0",
    "a=b; Max-Age=+5",
    "a=b; Max-Age=- 5",
    "a=b; Max-Age=1.5",
    "a=b; Max-Age=",
    "a=b; Max-Age=5; Max-Age=",
    "a=b; Max-Age=9223372036854775807",
    "a=b; Max-Age=9223372036854775808",
    "a=b; Max-Age=-9223372036854775808",
    "a=b; Max-Age=-9223372036854775809",
    "a=b; Max-Age=9007199254740993",
    "a=b; Max-Age=5; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
    "a=b; Max-Age=x; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
    "a=b; Expires=",
    "a=b; Expires=garbage",
    "a=b; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Expires=Thu, 22 Oct 2015 07:28:00 GMT",
    "a=b; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Expires=nonsense",
    "a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "a=b; secure=no; HTTPONLY; partitioned=1; unknown; ;;",
    "a=" + "x".repeat(5000),
  ];
  for (const text of setCookies) inputs.push({ op: "ctor", args: [text] }, { op: "parse", args: [text] });
  const assignments: [string, unknown][] = [
    ["name", "z"],
    ["value", 5],
    ["value", null],
    ["value", "x y"],
    ["value", "\udc00"],
    ["domain", "x.com"],
    ["domain", "X.COM"],
    ["domain", "x y"],
    ["domain", null],
    ["domain", undefined],
    ["domain", ""],
    ["path", "a;b"],
    ["path", ""],
    ["path", null],
    ["path", "/q"],
    ["expires", 1000],
    ["expires", 0],
    ["expires", new Date(5000)],
    ["expires", "Wed, 21 Oct 2015 07:28:00 GMT"],
    ["expires", "Thu, 01 Jan 1970 00:00:00 GMT"],
    ["expires", "nope"],
    ["expires", null],
    ["expires", undefined],
    ["expires", {}],
    ["expires", NaN],
    ["expires", new Date(NaN)],
    ["maxAge", "7"],
    ["maxAge", null],
    ["maxAge", undefined],
    ["maxAge", {}],
    ["maxAge", NaN],
    ["maxAge", Infinity],
    ["maxAge", -0],
    ["maxAge", 5n],
    ["maxAge", true],
    ["secure", "yes"],
    ["secure", 0],
    ["httpOnly", 1],
    ["partitioned", 1],
    ["sameSite", "none"],
    ["sameSite", "None"],
    ["sameSite", "STRICT"],
    ["sameSite", "bogus"],
    ["sameSite", null],
    ["sameSite", 5],
  ];
  for (const [prop, value] of assignments) inputs.push({ op: "assign", args: [["a", "b", { expires: 5, maxAge: 3, domain: "d.com", secure: true }], prop, value] });
  return inputs;
}

function mapCorpus(): Input[] {
  const inits: unknown[] = [
    undefined,
    null,
    "",
    "a=1; b=2; a=3",
    "  a = 1 ;b=2;;c; =4; d=",
    "a%20b=c%20d; e=%zz; f=%E2%82%AC; g=%E2%82; h=%ff; i=%; j=%2",
    "%41=%41",
    "a=%",
    "a=%2",
    "a=%2g",
    "a=%g2",
    "a=%zzz",
    "a=x%",
    "a=%%41",
    "a=%C3%A9",
    "a=%c3%a9",
    "a=%C3",
    "a=%C3%41",
    "a=%F0%9F%98%80",
    "a=%ED%A0%80",
    "a=%C0%80",
    "a=%C1%BF",
    "a=%E0%80%80",
    "a=%E0%9F%BF",
    "a=%F0%8F%BF%BF",
    "a=%F4%8F%BF%BF",
    "a=%F4%90%80%80",
    "a=%F5%80%80%80",
    "a=%F8%80%80%80%80",
    "a=%FC%80",
    "a=%FE%FF",
    "a=%80",
    "a=%80%80",
    "a=%E2%82%AC%E2",
    "a=%E2%zz",
    "a=%E2%82x",
    "a=%00; b=%7f",
    "a=\u00e9%41",
    "a=%\u00e9",
    "a=%C3\u00a9",
    "a=\ud800%41",
    "a=\ud800; b=%41",
    "a=\ud800; b=1",
    "a=%E0%A4%A",
    "a=%E0%A4%A%41",
    "a=%F0%9F%98",
    "a=%F0%9F%98%41",
    "%zz=1; a%=1; b=%",
    "a=b+c; q=\"x y\"",
    "a=é€; b=\ud800",
    "\u000ba=1\u000b;\u000cb=2\u000c;\tc=3\t;\nd=4\n;\re=5\r;\u00a0f=6\u00a0",
    "toString=1; constructor=2; __proto__=3; hasOwnProperty=4",
    "a=1; a=2",
    { a: "1", b: 2, c: null, d: undefined },
    { 2: "x", a: "1", 1: "y" },
    { "a b": "1", "": "2" },
    { "a%20": "b%20" },
    { a: {} },
    { a: Symbol.iterator },
    [],
    [["a", "1"], ["b", "2"], ["a", "3"]],
    [["a", "1", "x"]],
    [["a"]],
    ["ab"],
    [5],
    [[1, 2]],
    [[null, undefined]],
    [[{}, []]],
    [["a%20", "b%20"]],
    5,
    true,
    5n,
  ];
  const inputs: Input[] = inits.map((init) => ({ op: "mapInit", args: init }));
  const sequences: [unknown, unknown[][]][] = [
    ["a=1", [["set", "b", "2"], ["set", "a", "3"], ["get", "a"], ["get", "b"], ["has", "c"]]],
    [undefined, [["set", "b", "2", { path: "/x", maxAge: 5, httpOnly: true }]]],
    [undefined, [["set", { name: "b", value: "2", secure: true }]]],
    [undefined, [["setCookie", "c", "3", { domain: "x.com" }]]],
    ["a=1", [["set", "a", ""], ["get", "a"], ["has", "a"]]],
    [undefined, [["set", "a b", "1"], ["set", "", "1"], ["set"], ["set", "a"], ["set", 1, 2], ["set", null], ["set", undefined], ["set", undefined, "x"], ["set", "v", undefined]]],
    [undefined, [["set", { value: "x" }], ["set", "a", "1", 5], ["set", "a", "1", null], ["set", "a", "1", { name: "z", value: "q" }], ["set", "a=1; Path=/x"]]],
    [undefined, [["set", "a", "\ud800"], ["set", "b", "x y;é"], ["set", "c", "1", { expires: new Date(0), maxAge: 0 }]]],
    ["a=1; b=2", [["delete", "a"], ["get", "a"], ["has", "a"], ["delete", "zz"]]],
    ["a=1", [["delete", { name: "a", domain: "x.com", path: "/p" }]]],
    ["a=1", [["delete", "a", { domain: "x.com", path: "/p" }]]],
    ["a=1", [["delete", "a", { domain: null, path: null }]]],
    ["a=1", [["delete", "a", { domain: "X.com" }], ["delete", "a b"], ["delete", ""], ["delete"], ["delete", 1], ["delete", {}], ["delete", undefined], ["delete", null]]],
    ["a=1", [["delete", "a", 5], ["delete", "a", null], ["delete", "a", undefined], ["delete", { name: "a" }, { path: "/z" }], ["delete", { name: 5 }]]],
    [undefined, [["delete", { name: "a", path: "" }], ["delete", { name: "b", domain: "" }], ["delete", { name: "c", path: "a;b" }], ["delete", { name: "d", path: "/x", domain: "d.com", secure: true, sameSite: "strict" }]]],
    ["a=1", [["delete", "a"], ["delete", "a"]]],
    ["a=1; b=2", [["delete", "a"], ["set", "a", "9"]]],
    [undefined, [["set", "a", "9"], ["delete", "a"]]],
    ["x=1; y=2; z=3", [["set", "y", "5"], ["set", "n", "6"], ["set", "x", "7"]]],
    ["a=1; a=2", [["get", "a"], ["delete", "a"]]],
    ["a=1; a=2", [["set", "a", "3"]]],
    ["undefined=1; null=2; 1=x", [["get"], ["has"], ["get", undefined], ["get", null], ["get", 1], ["has", 1]]],
    ["toString=1", [["set", "constructor", "2"], ["set", "__proto__", "3"]]],
    [{ a: "1" }, [["toJSON"], ["toSetCookieHeaders"], ["forEach", 5]]],
  ];
  for (const [init, steps] of sequences) inputs.push({ op: "map", args: [init, steps] });
  inputs.push({ op: "mutateWhileIterating", args: "forEach" }, { op: "mutateWhileIterating", args: "iterator" });
  inputs.push({ op: "mapNoNew" }, { op: "cookieNoNew" }, { op: "shape" }, { op: "expiresIdentity" }, { op: "setSameCookie" });
  return inputs;
}

// Generated inputs: names and values from characters that matter to cookies.
const cookieChar = fc.constantFrom(..."aZ09-_.!~*'()%;=, \t\"\\/<>@é€\u0000\u007f\u00a0\u0100".split(""), "😀", "\ud800");
const text = (maxLength: number): fc.Arbitrary<string> => fc.oneof(fc.string({ unit: cookieChar, maxLength }), fc.string({ maxLength }));
const token = fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.!#$&'*+^`|~".split("")), minLength: 1, maxLength: 8 });
const domain = fc.oneof(fc.domain(), fc.string({ unit: fc.constantFrom(..."abc.-0Z_".split("")), maxLength: 12 }));
const path = fc.oneof(fc.webPath(), fc.string({ unit: fc.constantFrom(..."/ab ;<=".split("")), maxLength: 10 }));
const options = fc.record(
  {
    domain,
    path,
    expires: fc.oneof(fc.integer({ min: -1e10, max: 1e10 }), fc.date({ min: new Date(-8e15), max: new Date(8e15) })),
    maxAge: fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.double({ noNaN: true })),
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    partitioned: fc.boolean(),
    sameSite: fc.constantFrom("strict", "lax", "none", "Lax", "x"),
  },
  { requiredKeys: [] },
);
const attributeName = fc.constantFrom("Domain", "domain", "PATH", "Path", "Expires", "Max-Age", "max-age", "Secure", "HttpOnly", "Partitioned", "SameSite", "samesite", "Other", "");
const attribute = fc.tuple(attributeName, fc.oneof(fc.constant(undefined), text(12), fc.integer({ min: -100, max: 1e6 }).map(String), fc.date({ min: new Date(0), max: new Date(4e12) }).map((d) => d.toUTCString())), fc.constantFrom("", " ", "  ")).map(([name, value, space]) => (value === undefined ? `${space}${name}` : `${space}${name}${space}=${space}${value}`));
const setCookieString = fc.tuple(fc.oneof(token, text(6)), text(16), fc.array(attribute, { maxLength: 5 })).map(([name, value, attributes]) => [`${name}=${value}`, ...attributes].join(";"));
const headerPair = fc.tuple(fc.oneof(token, text(5)), fc.oneof(text(10), fc.string({ unit: fc.constantFrom(..."%0123456789abcdefABCDEFz".split("")), maxLength: 12 })), fc.constantFrom("", " ", "\t")).map(([name, value, space]) => `${space}${name}=${value}${space}`);
const cookieHeader = fc.array(fc.oneof(headerPair, text(6)), { maxLength: 6 }).map((parts) => parts.join(";"));
const mapStep = fc.oneof(
  fc.tuple(fc.constant("set"), fc.oneof(token, text(4)), text(8)),
  fc.tuple(fc.constant("set"), token, text(8), options),
  fc.tuple(fc.constant("delete"), fc.oneof(token, text(4))),
  fc.tuple(fc.constant("delete"), token, fc.record({ domain, path }, { requiredKeys: [] })),
  fc.tuple(fc.constant("get"), fc.oneof(token, text(4))),
  fc.tuple(fc.constant("has"), token),
);
// The law: serialize then parse gives the same cookie, for what a Set-Cookie
// string can carry unchanged (an unreserved value, whole seconds from year 100, an integer Max-Age).
const unreservedValue = fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.!~*'()".split("")), maxLength: 20 });
const roundTripOptions = fc.record(
  {
    domain: fc.domain().map((d) => d.toLowerCase()),
    path: fc.webPath().map((p) => (p.startsWith("/") ? p : `/${p}`)).filter((p) => !/[;<\u0000-\u001f\u007f-\uffff]/.test(p)),
    expires: fc.integer({ min: -58_000_000_000, max: 253_402_300_799 }),
    maxAge: fc.integer({ min: -1e9, max: 1e9 }),
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    partitioned: fc.boolean(),
    sameSite: fc.constantFrom("strict", "lax", "none"),
  },
  { requiredKeys: [] },
);

function generated(): Input[] {
  return [
    ...fc.sample(fc.tuple(text(10), text(20), fc.option(options, { nil: undefined })), 150).map((args) => ({ op: "ctor", args })),
    ...fc.sample(setCookieString, 200).map((s) => ({ op: "parse", args: [s] })),
    ...fc.sample(fc.tuple(cookieHeader, fc.array(mapStep, { maxLength: 8 })), 150).map((args) => ({ op: "map", args })),
    ...fc.sample(fc.tuple(token, unreservedValue, roundTripOptions), 150).map((args) => ({ op: "roundTrip", args })),
  ];
}

async function expectSameAsBun(inputs: Input[], env: Record<string, string>): Promise<unknown[]> {
  const { mismatches, bun } = await compareBatch(caseModule, inputs, { env, timeoutMs: 60_000 });
  // One line per mismatch keeps a failure readable.
  expect(mismatches.slice(0, 8).map((m) => `${JSON.stringify(m.input)}\n  bun:  ${JSON.stringify(m.bun)}\n  node: ${JSON.stringify(m.node)}`)).toEqual([]);
  expect(bun).toHaveLength(inputs.length);
  return bun;
}

describe("Bun.Cookie / Bun.CookieMap match Bun", () => {
  it("on the corpus and on generated cases (UTC)", async () => {
    const inputs = [...cookieCorpus(), ...mapCorpus(), ...generated()];
    const bun = await expectSameAsBun(inputs, { TZ: "UTC" });
    // The round-trip law holds on Bun itself (and, compared above, on Node too).
    const laws = inputs.flatMap((input, index) => (input.op === "roundTrip" ? [bun[index] as { resolves: [boolean, boolean, string] }] : []));
    expect(laws.length).toBeGreaterThan(100);
    expect(laws.filter((law) => !law.resolves[0] || !law.resolves[1])).toEqual([]);
  }, 60_000);

  it("reads date strings without a zone as local time", async () => {
    const inputs = dateStrings.flatMap((expires): Input[] => [
      { op: "ctor", args: ["a", "b", { expires }] },
      { op: "parse", args: [`a=b; Expires=${expires}`] },
    ]);
    await expectSameAsBun(inputs, { TZ: "Asia/Kolkata" });
  }, 60_000);
});
