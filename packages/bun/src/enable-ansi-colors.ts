import { ansiColorsEnabled } from "./internal/belt/ansi-colors.ts";

/**
 * `Bun.enableANSIColors`: whether colored output is on, decided once when the
 * module loads, by Bun's rules: `FORCE_COLOR` (unless `"0"`/`"false"`) forces
 * it, a non-empty `NO_COLOR` (unless `"0"`/`"false"`) turns it off, and
 * otherwise it is on when stdout or stderr is a terminal.
 *
 * @example
 * ```ts
 * import { enableANSIColors } from "@dx-compat/bun";
 * const red = enableANSIColors ? "\x1b[31m" : "";
 * ```
 */
export const enableANSIColors: typeof import("bun").enableANSIColors = ansiColorsEnabled();
