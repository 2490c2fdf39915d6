import { definePackageBuild } from "@dx-compat/tsup-config";
import { defineConfig } from "tsup";

export default defineConfig(definePackageBuild());
