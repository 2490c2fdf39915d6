// Bun and Node + dx-compat run this file: the workload through bun:sqlite.
import { Database } from "bun:sqlite";
import { run } from "./workload.mjs";

run(Database);
