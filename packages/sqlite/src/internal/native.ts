// better-sqlite3, loaded once. Its N-API binary serves Node 22 and 24 alike.
import type BetterSqlite3 from "better-sqlite3";
import { createRequire } from "node:module";

export type NativeDatabase = BetterSqlite3.Database;
export type NativeStatement = BetterSqlite3.Statement<unknown[], unknown>;

export const NativeDatabaseClass: typeof BetterSqlite3 = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
