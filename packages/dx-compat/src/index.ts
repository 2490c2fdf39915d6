// `dx-compat`: the whole `Bun` namespace — `import { file, $ } from "dx-compat"`,
// `import Bun from "dx-compat"` — gathered from whichever @dx-compat/* packages
// are installed. Side-effect free; `dx-compat/register` installs the global.
export * from "./internal/generated/bun.ts";
export { default } from "./internal/generated/bun.ts";
