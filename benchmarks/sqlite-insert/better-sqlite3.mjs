// Plain Node: the same workload on raw better-sqlite3, the floor for dx-compat's wrapper.
import Database from "better-sqlite3";
import { run } from "./workload.mjs";

run(Database);
