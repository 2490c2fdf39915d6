import { definePackageBuild } from "@dx-compat/tsup-config";
import { defineConfig } from "tsup";

// Three entries: the `bun` module's members, and Bun's Response and Request classes (their own subpaths).
export default defineConfig(definePackageBuild({ entry: ["src/index.ts", "src/response.ts", "src/request.ts"] }));
