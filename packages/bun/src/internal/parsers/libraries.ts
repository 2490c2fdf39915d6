// The parser libraries behind Bun.TOML, Bun.YAML and Bun.JSON5, loaded on
// first use: importing @dx-compat/bun (which any `Bun.*` member does through
// dx-compat/register) must not pay for yaml's or smol-toml's module graph.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

let toml: typeof import("smol-toml") | undefined;
let yaml: typeof import("yaml") | undefined;
let json5: typeof import("json5") | undefined;

export function smolToml(): typeof import("smol-toml") {
  toml ??= require("smol-toml") as typeof import("smol-toml");
  return toml;
}

export function yamlLibrary(): typeof import("yaml") {
  yaml ??= require("yaml") as typeof import("yaml");
  return yaml;
}

export function json5Library(): typeof import("json5") {
  // json5's CommonJS entry is the function table itself.
  json5 ??= require("json5") as typeof import("json5");
  return json5;
}
