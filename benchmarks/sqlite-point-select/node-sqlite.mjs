// Plain Node: the same workload on node:sqlite (Node's built-in binding), measured as a
// leaner native path than better-sqlite3's N-API one.
import { Database } from "../lib/node-sqlite.mjs";
import { run } from "./workload.mjs";

run(Database);
