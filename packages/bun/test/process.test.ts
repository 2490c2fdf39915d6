import { compareBatch } from "@dx-compat/oracle";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { argv, env, main } from "../src/index.ts";

describe("argv, env, main", () => {
  it("are process.argv and process.env themselves, as in Bun", () => {
    expect(argv).toBe(process.argv);
    expect(env).toBe(process.env);
  });

  it("main is the absolute entry path", () => {
    expect(main).toBe(resolve(process.argv[1] ?? "."));
  });

  it("agree with Bun on identity and shape", async () => {
    const { mismatches, bun } = await compareBatch(
      `export default (what) => ({
        argv: [Bun.argv === process.argv, Bun.argv.length, Bun.argv.slice(1)],
        env: [Bun.env === process.env, typeof Bun.env.PATH, Bun.env.DX_COMPAT_PROBE],
        main: Bun.main === process.argv[1],
      })[what]`,
      ["argv", "env", "main"],
      { env: { DX_COMPAT_PROBE: "probe-value" } },
    );
    expect(mismatches).toEqual([]);
    expect(bun[1]).toEqual({ returns: [true, "string", "probe-value"] });
  });
});
