// @dx-compat/sqlite: `bun:sqlite` on better-sqlite3. Re-exports only; one API per file.
export { constants } from "./constants.ts";
export { Database, Database as default, type UpdateHook } from "./database.ts";
export { SQLiteError } from "./sqlite-error.ts";
export { Statement } from "./statement.ts";
// Bun's bun:sqlite module carries the CommonJS-interop marker too.
export const __esModule: boolean = true;
