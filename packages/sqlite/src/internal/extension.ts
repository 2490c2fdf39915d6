// The better-sqlite3 connection as @dx-compat/native's addon sees it, for what
// better-sqlite3 does not expose (sqlite3_file_control, sqlite3_update_hook):
// the addon is loaded into the connection as an SQLite extension the first
// time one of those is used.
import { sqliteAttach, type SqliteConnection } from "@dx-compat/native";
import { notImplemented } from "./errors.ts";
import type { NativeDatabase } from "./native.ts";

/** The addon's handle on `native`; throws Bun-named NOT_IMPLEMENTED without the addon. */
export function attachExtension(native: NativeDatabase, api: string): SqliteConnection {
  const load = native.loadExtension as (file: string, entryPoint: string) => unknown;
  const connection = sqliteAttach((file, entryPoint) => load.call(native, file, entryPoint));
  if (connection === undefined) {
    throw notImplemented(`bun:sqlite Database.${api}`, "needs the @dx-compat/native addon, which better-sqlite3 loads as an SQLite extension (none loaded here)");
  }
  return connection;
}
