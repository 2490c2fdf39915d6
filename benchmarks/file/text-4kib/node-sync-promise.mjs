// Plain Node, the ceiling for small files: a synchronous read handed back as a resolved promise.
import { readFileSync } from "node:fs";
import { run } from "./fixture.mjs";

await run((path) => Promise.resolve(readFileSync(path, "utf8")));
