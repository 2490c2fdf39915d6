// The npm alternative: string-width on the same lines.
import stringWidth from "string-width";
import { asciiLines, run } from "../lib.mjs";

run((line) => stringWidth(line), asciiLines(), { rounds: 2000, warmup: 100 });
