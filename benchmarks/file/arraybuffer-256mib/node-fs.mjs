// Plain Node: fs.promises.readFile (also what the TypeScript twin does).
import { readFile } from "node:fs/promises";
import { run } from "./fixture.mjs";

await run((path) => readFile(path));
