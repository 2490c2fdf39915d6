import { defineConfig } from "vitest/config";

// `pnpm vitest` at the root runs every project at once (each keeps its own
// vitest.config.ts, built on tooling/vitest); `npm test` runs them through turbo.
export default defineConfig({
  test: {
    projects: ["packages/*", "tooling/oracle"],
  },
});
