// @dx-compat/node: Faster drop-ins for `node:*` hot paths.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
