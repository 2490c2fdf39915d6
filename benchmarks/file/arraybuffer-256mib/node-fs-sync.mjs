// Plain Node: fs.readFileSync (a single read of the stat size, no chunking).
import { readFileSync } from "node:fs";
import { run } from "./fixture.mjs";

await run(async (path) => readFileSync(path));
