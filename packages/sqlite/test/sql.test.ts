import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Database } from "../src/index.ts";
import { analyzeSql, positionalSql, statementEnds } from "../src/internal/sql.ts";

// SQL text built from pieces whose parameters we know: real parameters, and
// parameter-looking text inside strings, quoted identifiers and comments.
const parameter = fc.oneof(fc.constant("?"), fc.constantFrom("$a", ":a", "@a", "$b", ":long_name", "$x1"), fc.integer({ min: 1, max: 9 }).map((n) => `?${n}`));
const inert = fc.oneof(
  fc.constantFrom("select", " ", ",", "(", ")", "+", "1", "x", "\n", "a$b", "t.c"),
  fc.string().map((s) => `'${s.replaceAll("'", "''")}'`),
  fc.string().map((s) => `"${s.replaceAll('"', '""')}"`),
  fc.string().map((s) => `-- ${s.replaceAll("\n", " ")}\n`),
  fc.string().map((s) => `/* ${s.replaceAll("*/", "")} */`),
  fc.constantFrom("'?'", "'$a'", '":b"', "[?1]", "`@c`", "-- ?\n", "/* $d */"),
);
const piece = fc.oneof(parameter.map((text) => ({ text, parameter: true })), inert.map((text) => ({ text, parameter: false })));
// Separate pieces so a parameter never runs into the next identifier.
const sqlPieces = fc.array(piece, { maxLength: 12 });
const join = (pieces: { text: string }[]): string => pieces.map((p) => p.text).join(" ");

/** SQLite's numbering, computed independently from the known parameter pieces. */
function expectedIndexes(pieces: { text: string; parameter: boolean }[]): number[] {
  const byName = new Map<string, number>();
  let count = 0;
  return pieces.filter((p) => p.parameter).map(({ text }) => {
    if (text === "?") return ++count;
    if (text.startsWith("?")) {
      const n = Number(text.slice(1));
      count = Math.max(count, n);
      byName.set(text, n);
      return n;
    }
    const known = byName.get(text);
    if (known !== undefined) return known;
    byName.set(text, ++count);
    return count;
  });
}

describe("analyzeSql", () => {
  it("finds exactly the real parameters, with SQLite's indexes", () => {
    fc.assert(
      fc.property(sqlPieces, (pieces) => {
        const analysis = analyzeSql(join(pieces));
        const indexes = expectedIndexes(pieces);
        expect(analysis.tokens.map((t) => t.index)).toEqual(indexes);
        expect(analysis.count).toBe(Math.max(0, ...indexes));
      }),
    );
  });

  it("positionalSql changes parameters into ? and nothing else", () => {
    fc.assert(
      fc.property(sqlPieces, (pieces) => {
        const expected = pieces.map((p) => (p.parameter ? "?" : p.text)).join(" ");
        expect(positionalSql(join(pieces), analyzeSql(join(pieces)))).toBe(expected);
      }),
    );
  });

  it("agrees with SQLite's own parameter count (better-sqlite3 prepares the same text)", () => {
    const db = new Database();
    fc.assert(
      fc.property(fc.array(parameter, { minLength: 1, maxLength: 6 }), (params) => {
        const sql = `select ${params.join(", ")}`;
        const statement = db.prepare(sql);
        expect(statement.paramsCount).toBe(analyzeSql(sql).count);
        const values = Array.from({ length: statement.paramsCount }, (_, i) => i + 1);
        // Bound positionally, each parameter reads the value at its index.
        expect(Object.values(statement.values(...(values as never[]))[0] ?? [])).toEqual(analyzeSql(sql).tokens.map((t) => t.index));
      }),
    );
  });
});

describe("statementEnds", () => {
  it("finds the ; that end statements, not those in strings or comments", () => {
    expect(statementEnds("select ';'; select 1 -- ;\n; /* ; */")).toEqual([10, 26]);
  });
});

describe("toString()", () => {
  it("prints SQL that, run as is, gives the row the bound statement gives", () => {
    const db = new Database();
    // Reals print with 15 significant digits (SQLite's %!.15g, as Bun): the law holds for reals that have at most 15.
    // (Infinity prints as Inf, which is not SQL: excluded, also when rounding overflows.)
    const real = fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => Number(d.toPrecision(15))).filter(Number.isFinite);
    const value = fc.oneof(fc.integer(), real, fc.string(), fc.boolean(), fc.constant(null), fc.uint8Array({ maxLength: 16 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 5 }), (values) => {
        fc.pre(values.every((v) => typeof v !== "string" || !v.includes("\u0000")));
        const columns = values.map((_, i) => `? as c${i}`).join(", ");
        const statement = db.prepare(`select ${columns}`);
        const bound = statement.get(...(values as never[]));
        expect(db.prepare(statement.toString()).get()).toEqual(bound);
      }),
    );
  });

  it("prints reals as SQLite's %!.15g, SQLite's own rounding included", () => {
    const db = new Database();
    const statement = db.prepare("select ?, ?, ?, ?, ?, ?, ?, ?, ?");
    statement.get(1e20, 0.1, 1 / 3, 2 ** 53, 1e-6, 123456789012345.6, -0, Infinity, 3.746281994913145e-243);
    expect(statement.toString()).toBe("select 1.0e+20, 0.1, 0.333333333333333, 9.00719925474099e+15, 1.0e-06, 123456789012346.0, 0.0, Inf, 3.74628199491314e-243");
  });
});
