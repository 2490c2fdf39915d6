// `dx-compat/sqlite`: re-exports @dx-compat/sqlite (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

const pkg = requireInstalled("@dx-compat/sqlite", "dx-compat/sqlite");

export const Database: typeof import("@dx-compat/sqlite").Database = pkg["Database"] as never;
export const Statement: typeof import("@dx-compat/sqlite").Statement = pkg["Statement"] as never;
export const SQLiteError: typeof import("@dx-compat/sqlite").SQLiteError = pkg["SQLiteError"] as never;
export const constants: typeof import("@dx-compat/sqlite").constants = pkg["constants"] as never;
export const __esModule: boolean = pkg["__esModule"] as never;
const defaultExport: typeof import("@dx-compat/sqlite").default = pkg["default"] as never;
export default defaultExport;
