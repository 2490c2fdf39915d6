// The npm alternative: string-width on the same lines.
import stringWidth from "string-width";
import { mixedLines, run } from "../lib.mjs";

run((line) => stringWidth(line), mixedLines());
