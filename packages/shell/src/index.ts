// @dx-compat/shell: Bun's `$` shell: its own parser, interpreter and built-ins.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
