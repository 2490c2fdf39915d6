import { definePackageBuild } from "@dx-compat/tsup-config";
import { defineConfig } from "tsup";

export default defineConfig(
  definePackageBuild({
    entry: [
      "src/index.ts",
      "src/register.ts",
      "src/cli.ts",
      "src/modules/bun-sqlite.ts",
      "src/modules/bun-ffi.ts",
      "src/node.ts",
      "src/web.ts",
      "src/bun.ts",
      "src/sqlite.ts",
      "src/s3.ts",
      "src/ffi.ts",
      "src/shell.ts",
      "src/compile.ts",
      "src/hmr.ts",
      "src/plugin.ts",
      "src/macro.ts",
      "src/html.ts"
    ],
  }),
);
