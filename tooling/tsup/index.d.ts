import type { Options } from "tsup";

/** The shared build preset, with per-package overrides. */
export function definePackageBuild(overrides?: Options): Options;
