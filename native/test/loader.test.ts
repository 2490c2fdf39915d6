// Which backend serves, and how a requested binary that will not load fails.
import { scratchDir } from "@dx-compat/oracle";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { describe, expect, it } from "vitest";
import { backend } from "../src/index.ts";
import { loadNative, nativeCandidates } from "../src/internal/loader.ts";
import { platformSuffix } from "../src/internal/platform.ts";

const built = nativeCandidates()[0]!;

describe("loadNative", () => {
  it("serves the addon this repository built, unless DX_COMPAT_NATIVE=0", () => {
    // CI builds the addon before testing, and runs this suite twice.
    expect(backend()).toBe(process.env.DX_COMPAT_NATIVE === "0" ? "typescript" : "native");
  });

  it("DX_COMPAT_NATIVE=0 forces the TypeScript twin", () => {
    expect(loadNative({ DX_COMPAT_NATIVE: "0" })).toEqual({ backend: "typescript", binding: undefined });
  });

  it("DX_COMPAT_NATIVE_PATH loads exactly that binary", () => {
    const loaded = loadNative({ DX_COMPAT_NATIVE_PATH: built });
    expect(loaded.backend).toBe("native");
    expect(loaded.binding?.crc32("hello")).toBe(907060870);
    expect(loaded.file).toBe(built);
  });

  it("a DX_COMPAT_NATIVE_PATH that does not load throws, with the failure as cause", () => {
    const bogus = join(scratchDir("dx-compat-native-"), "bogus.node");
    writeFileSync(bogus, "not an ELF file");
    const attempt = (): unknown => loadNative({ DX_COMPAT_NATIVE_PATH: bogus });
    expect(attempt).toThrow(`[dx-compat] @dx-compat/native: cannot load native binding: DX_COMPAT_NATIVE_PATH=${bogus}`);
    try {
      attempt();
    } catch (error) {
      expect((error as { code: string }).code).toBe("ERR_DX_COMPAT_NATIVE_LOAD");
      expect(String((error as Error).cause)).toMatch(/bogus\.node/);
    }
  });

  it("DX_COMPAT_NATIVE=1 with no loadable binary throws with every failure as cause", () => {
    const dir = scratchDir("dx-compat-native-");
    const candidates = [join(dir, "missing.node"), "@dx-compat/native-no-such-platform"];
    let thrown: unknown;
    try {
      loadNative({ DX_COMPAT_NATIVE: "1" }, candidates);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toBe(
      `[dx-compat] @dx-compat/native: cannot load native binding: DX_COMPAT_NATIVE=1 and no binary for ${platformSuffix()} loaded`,
    );
    const cause = (thrown as Error).cause as AggregateError;
    expect(cause).toBeInstanceOf(AggregateError);
    expect(cause.errors).toHaveLength(2);
    expect(cause.errors.map((e: Error) => e.message).join("\n")).toMatch(/missing\.node[\s\S]*no-such-platform/);
  });

  it("without a request, no loadable binary means the twin, silently", () => {
    expect(loadNative({}, [join(scratchDir("dx-compat-native-"), "missing.node")])).toEqual({ backend: "typescript", binding: undefined });
  });

  it("a binary missing a function is refused rather than half used", () => {
    const dir = scratchDir("dx-compat-native-");
    const partial = join(dir, "partial.cjs");
    writeFileSync(partial, "exports.wyhash = () => 0n;");
    expect(() => loadNative({ DX_COMPAT_NATIVE_PATH: partial })).toThrow(/cannot load native binding/);
  });
});
