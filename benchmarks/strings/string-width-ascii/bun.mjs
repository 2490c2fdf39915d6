// Bun and Node + dx-compat: Bun.stringWidth on printable-ASCII log lines.
import { asciiLines, run } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { stringWidth } = Bun;
run((line) => stringWidth(line), asciiLines(), { rounds: 2000, warmup: 100 });
