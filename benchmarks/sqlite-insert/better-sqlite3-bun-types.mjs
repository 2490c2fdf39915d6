// Plain Node: raw better-sqlite3 binding the SQLite types Bun binds (safe integers as
// INTEGER, through BigInt): the floor for a wrapper that must store what Bun stores.
import Database from "better-sqlite3";
import { bunTypes, run } from "./workload.mjs";

run(Database, bunTypes);
