// Plain Node: fs.promises.readFile(path, "utf8").
import { readFile } from "node:fs/promises";
import { run } from "./fixture.mjs";

await run((path) => readFile(path, "utf8"));
