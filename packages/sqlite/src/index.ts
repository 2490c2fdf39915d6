// @dx-compat/sqlite: `bun:sqlite` on better-sqlite3.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
