// @dx-compat/node: faster drop-ins for `node:*` hot paths. Re-exports only; one API per file.
export { readFile } from "./read-file.ts";
export { readFileSync } from "./read-file-sync.ts";
