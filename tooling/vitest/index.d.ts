import type { UserWorkspaceConfig } from "vitest/config";

/** The shared test preset (source-first resolution), with per-package overrides. */
export function definePackageTests(overrides?: UserWorkspaceConfig): UserWorkspaceConfig;
