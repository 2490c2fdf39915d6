// Plain Node: fs.promises.glob("**/*.ts", { cwd }) (Node 22+), the built-in alternative.
import { glob } from "node:fs/promises";
import { runScan } from "../lib.mjs";

await runScan((cwd) => glob("**/*.ts", { cwd }));
