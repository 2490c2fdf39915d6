// @dx-compat/node's readFile, the drop-in for node:fs/promises (the native read Bun.file uses too).
import { readFile } from "@dx-compat/node";
import { run } from "./fixture.mjs";

await run((path) => readFile(path));
