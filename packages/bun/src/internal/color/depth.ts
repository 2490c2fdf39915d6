import process from "node:process";

/**
 * The terminal color depth Bun's "ansi" format picks, from the environment
 * (supports-color's rules as Bun applies them; whether stdout is a TTY does
 * not matter): 0 none, 1 sixteen colors, 2 256 colors, 3 true color.
 */
export function colorDepth(env: NodeJS.ProcessEnv = process.env): number {
  const force = env["FORCE_COLOR"];
  let minimum = 0;
  if (force !== undefined) {
    if (force === "false") return 0;
    const level = force === "" || force === "true" ? 1 : Number.parseInt(force, 10);
    if (level === 0) return 0;
    minimum = Number.isNaN(level) ? 1 : Math.min(level, 3);
  }
  const noColor = env["NO_COLOR"];
  if (force === undefined && noColor !== undefined && noColor !== "" && noColor !== "0") return 0;
  const term = env["TERM"] ?? "";
  if (term === "dumb") return minimum;
  if (env["CI"] !== undefined) minimum = Math.max(minimum, 1);
  const colorTerm = env["COLORTERM"];
  if (colorTerm === "truecolor" || colorTerm === "24bit") return 3;
  if (/-256(color)?$/i.test(term)) return Math.max(minimum, 2);
  if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(term) || colorTerm !== undefined) return Math.max(minimum, 1);
  return minimum;
}
