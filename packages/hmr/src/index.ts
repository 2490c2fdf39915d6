// @dx-compat/hmr: `import.meta.hot` on Node.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
