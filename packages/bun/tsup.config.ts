import { definePackageBuild } from "@dx-compat/tsup-config";
import { defineConfig } from "tsup";

// Two entries: the `bun` module's members, and Bun's Response class (its own subpath).
export default defineConfig(definePackageBuild({ entry: ["src/index.ts", "src/response.ts"] }));
