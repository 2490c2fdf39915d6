// Node + dx-compat: @dx-compat/native's readFile (one read into unzeroed memory; Bun.file will use it).
import { readFile } from "@dx-compat/native";
import { run } from "./fixture.mjs";

await run((path) => readFile(path));
