import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

// Source-first: the `@dx-compat/source` condition points workspace packages at
// their `src/`, so tests never wait for a build. Differential tests start real
// processes; generous timeouts keep a loaded 2-core machine from flaking, and
// the test files themselves never assert on time.
/** @param {import("vitest/config").UserWorkspaceConfig} [overrides] */
export function definePackageTests(overrides = {}) {
  return defineProject({
    resolve: { conditions: ["@dx-compat/source"] },
    ssr: { resolve: { conditions: ["@dx-compat/source"] } },
    ...overrides,
    test: {
      include: ["test/**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      pool: "forks",
      setupFiles: [fileURLToPath(new URL("./fast-check-seed.js", import.meta.url))],
      ...overrides.test,
    },
  });
}
