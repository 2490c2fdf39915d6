// Bun and Node + dx-compat: Bun.stringWidth on mixed terminal lines (ANSI colours, CJK, emoji).
import { mixedLines, run } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { stringWidth } = Bun;
run((line) => stringWidth(line), mixedLines());
