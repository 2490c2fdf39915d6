// @dx-compat/shell: Bun's `$` shell: its own parser, interpreter and built-ins.
export { $ } from "./dollar.ts";
