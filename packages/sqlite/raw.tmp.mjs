import { Database } from "bun:sqlite";
import { usersDatabase, USERS, measure } from "../../benchmarks/lib/sqlite.mjs";
import { SqliteRows } from "@dx-compat/native";
import { addonRowFactory, addonRows } from "./src/internal/addon-rows.ts";
import { valuesByIndex, occurrenceValues } from "./src/internal/bind.ts";
const db = usersDatabase(Database);
const select = db.prepare("SELECT * FROM users WHERE id = ?");
select.get(1);
const rows = SqliteRows.shared();
const make = addonRowFactory(select.columnNames);
const mode = process.argv[2];
const analysis = { count: 1, simple: true, names: [], tokens: [] };
const st = { statement: 0, makeRow: make };
function g1(...args) { const v = occurrenceValues(valuesByIndex(args, analysis, false, false, true), analysis); const r = addonRows(); const c = r.read(st.statement, 1, false, v); if (c < 0 || r.columnCount !== st.makeRow.columns) return 5; return c === 0 ? null : st.makeRow(r, 0); }
function g0(...args) { const v = [BigInt(args[0])]; const r = rows; const c = r.read(0, 1, false, v); return c === 0 ? null : make(r, 0); }
measure({ work: (count) => { let check = 0; for (let i = 0; i < count; i++) {
  let row;
  const id = ((i * 7919) % USERS) + 1;
  if (mode === "g0") row = g0(id);
  else if (mode === "g1") row = g1(id);
  else row = select.get(id);
  check += row.id + row.age + row.email.length; } return check; }, warmup: 20000, count: 200000 });
