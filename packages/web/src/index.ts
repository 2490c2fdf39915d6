// @dx-compat/web: Web APIs plus Bun's fetch and WebSocket extensions.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
