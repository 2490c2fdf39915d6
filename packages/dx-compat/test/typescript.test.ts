// TypeScript and JSX as Bun runs them: the same files under Bun and under
// Node + dx-compat, the same output.
import { runBoth, writeFiles } from "@dx-compat/oracle";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// A tiny JSX runtime both runtimes resolve from the scratch project (no network, no React).
const fakeReact = {
  "node_modules/react/package.json": JSON.stringify({ name: "react", version: "0.0.0", exports: { "./jsx-runtime": "./jsx-runtime.js", "./jsx-dev-runtime": "./jsx-dev-runtime.js" } }),
  "node_modules/react/jsx-runtime.js": `export const Fragment = "Fragment";\nexport const jsx = (type, props, key) => ({ runtime: "jsx", type: typeof type === "function" ? type.name : type, props, key });\nexport const jsxs = jsx;\n`,
  "node_modules/react/jsx-dev-runtime.js": `export const Fragment = "Fragment";\nexport const jsxDEV = (type, props, key) => ({ runtime: "dev", type: typeof type === "function" ? type.name : type, props, key });\n`,
};

async function same(files: Record<string, string>, entry: string, env: Record<string, string> = {}): Promise<string> {
  const dir = writeFiles(files);
  const { bun, node } = await runBoth(join(dir, entry), { cwd: dir, env });
  expect(bun.stderr).toBe("");
  expect(bun.code).toBe(0);
  expect(node).toEqual(bun);
  return bun.stdout;
}

describe("TypeScript", () => {
  it("runs enums, const enums, namespaces, parameter properties, generics and satisfies", async () => {
    const out = await same(
      {
        "main.ts": `
          enum Color { Red, Green = 5, Blue }
          enum Named { A = "a", B = "b" }
          const enum Flags { One = 1, Two = 2 }
          namespace Geometry { export const unit = 1; export function double(n: number): number { return n * 2 * unit; } }
          class Point { constructor(public x: number, private readonly y: number = 2) {} sum(): number { return this.x + this.y; } }
          function first<T>(items: readonly T[]): T | undefined { return items[0]; }
          const config = { port: 1 } satisfies Record<string, number>;
          type Unused = { a: string };
          interface AlsoUnused { b: number }
          let value = "x" as unknown as number;
          console.log(JSON.stringify([Color.Red, Color.Blue, Color[5], Named.B, Flags.One | Flags.Two, Geometry.double(4), new Point(3).sum(), first([7, 8]), config.port, typeof value]));
        `,
      },
      "main.ts",
    );
    expect(out).toBe(`[0,6,"Green","b",3,8,5,7,1,"string"]\n`);
  });

  it("applies TC39 decorators by default", async () => {
    const out = await same(
      {
        "main.ts": `
          const log: string[] = [];
          function tag(value: unknown, context: ClassMethodDecoratorContext | ClassDecoratorContext) { log.push(\`\${context.kind}:\${String(context.name)}\`); }
          @tag class Service { @tag run() { return 1; } }
          new Service().run();
          console.log(log.join(","));
        `,
      },
      "main.ts",
    );
    expect(out).toBe("method:run,class:Service\n");
  });

  it("applies legacy decorators when tsconfig enables experimentalDecorators", async () => {
    const out = await same(
      {
        "tsconfig.json": `{\n  // comments and trailing commas, as tsconfig files have them\n  "compilerOptions": { "experimentalDecorators": true, },\n}\n`,
        "main.ts": `
          const log: string[] = [];
          function legacy(target: any, key?: string, descriptor?: PropertyDescriptor) { log.push([typeof target, key, typeof descriptor].join("/")); }
          @legacy class Service { @legacy run() { return 1; } }
          console.log(log.join(","), new Service().run());
        `,
      },
      "main.ts",
    );
    expect(out).toBe("object/run/object,function//undefined 1\n");
  });

  it("maps stack traces to the TypeScript source lines", async () => {
    const out = await same(
      {
        "main.ts": `interface Shape {\n  area(): number;\n}\nenum Kind { A }\nconst err = new Error("here");\nconst line = err.stack!.split("\\n").find((l) => l.includes("main.ts"))!.match(/main\\.ts:(\\d+)/)![1];\nconsole.log(line, Kind.A);\n`,
      },
      "main.ts",
    );
    expect(out).toBe("5 0\n");
  });

  it("runs .mts and .cts files, and CommonJS written in .ts", async () => {
    await same(
      {
        "main.mts": `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\nconst cjs = require("./lib.cts");\nconst plain = require("./plain.ts");\nconst value: number = cjs.twice(21);\nconsole.log(value, plain.name);\n`,
        "lib.cts": `exports.twice = (n: number): number => n * 2;\n`,
        "plain.ts": `const name: string = "plain-cjs";\nmodule.exports = { name };\n`,
      },
      "main.mts",
    );
  });
});

describe("resolution as Bun does it for TypeScript projects", () => {
  it("finds ./x.js as x.ts, extensionless files, and directory indexes", async () => {
    const out = await same(
      {
        "main.ts": `import { a } from "./lib/a.js";\nimport { b } from "./lib/b";\nimport { c } from "./lib/c";\nimport { d } from "./lib/d.jsx";\nconsole.log(a + b + c + d);\n`,
        "lib/a.ts": `export const a: string = "a";\n`,
        "lib/b.tsx": `export const b: string = "b";\n`,
        "lib/c/index.ts": `export const c: string = "c";\n`,
        "lib/d.tsx": `export const d: string = "d";\n`,
      },
      "main.ts",
    );
    expect(out).toBe("abcd\n");
  });
});

describe("JSX", () => {
  const app = `function Hello(props: { name: string }) { return props.name; }\nconst tree = <><Hello name="x" /><div id="a">text {1 + 1}</div></>;\nconsole.log(JSON.stringify(tree));\n`;

  it("uses the automatic dev runtime by default", async () => {
    const out = await same({ ...fakeReact, "main.tsx": app }, "main.tsx");
    expect(out).toContain(`"runtime":"dev"`);
  });

  it("uses the production runtime when NODE_ENV=production", async () => {
    const out = await same({ ...fakeReact, "main.tsx": app }, "main.tsx", { NODE_ENV: "production" });
    expect(out).toContain(`"runtime":"jsx"`);
  });

  it("honours tsconfig's classic jsx factory", async () => {
    await same(
      {
        "tsconfig.json": JSON.stringify({ compilerOptions: { jsx: "react", jsxFactory: "h", jsxFragmentFactory: "Frag" } }),
        "main.jsx": `const h = (type, props, ...children) => ({ type: typeof type === "string" ? type : "fn", props, children });\nconst Frag = "frag";\nconsole.log(JSON.stringify(<><p a="1">hi</p></>));\n`,
      },
      "main.jsx",
    );
  });
});

describe("tsconfig paths, as Bun resolves them", () => {
  it("maps aliases with and without *, with baseUrl and extension fallbacks", async () => {
    const out = await same(
      {
        "tsconfig.json": `{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"], "~lib": ["src/lib/index.ts"], "@/special/*": ["special/*"] } } }`,
        "main.ts": `import { util } from "@/util";\nimport { deep } from "@/nested/deep.js";\nimport { lib } from "~lib";\nimport { special } from "@/special/one";\nconsole.log(util + deep + lib + special);\n`,
        "src/util.ts": `export const util: string = "u";\n`,
        "src/nested/deep.ts": `export const deep: string = "d";\n`,
        "src/lib/index.ts": `export const lib: string = "l";\n`,
        "special/one.ts": `export const special: string = "s";\n`,
      },
      "main.ts",
    );
    expect(out).toBe("udls\n");
  });

  it("leaves an unmapped bare specifier to fail as it does in Bun", async () => {
    const dir = writeFiles({ "tsconfig.json": `{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }`, "main.ts": `import "@/missing";\n` });
    const { bun, node } = await runBoth(join(dir, "main.ts"), { cwd: dir });
    expect(bun.code).toBe(1);
    expect(node.code).toBe(bun.code);
  });
});
