// @dx-compat/plugin: `Bun.plugin` on Node's module hooks.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
