// Node + dx-compat: @dx-compat/node's readFile, the drop-in for node:fs/promises (native read underneath; Bun.file will use the same).
import { readFile } from "@dx-compat/node";
import { run } from "./fixture.mjs";

await run((path) => readFile(path));
