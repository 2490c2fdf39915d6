import { createDollar } from "./internal/factory.ts";

/**
 * Bun's `$` shell: a tagged template parsed and run by its own interpreter
 * (never handed to `/bin/sh`). Interpolated values are always data: a string is
 * one argument whatever it contains, an array several. Built-ins (`echo`, `cd`,
 * `ls`, `rm`, …) run in-process; other commands are spawned directly from the
 * shell env's PATH.
 *
 * @example
 * ```ts
 * import { $ } from "@dx-compat/shell";
 * const name = "file with spaces; rm -rf /";
 * await $`touch ${name}`;
 * const files = await $`ls`.text();
 * ```
 */
// Only builds objects (no I/O, no globals touched): safe at module top level.
export const $: typeof import("bun").$ = /* @__PURE__ */ createDollar() as unknown as typeof import("bun").$;
