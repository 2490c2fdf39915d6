// undici (the npm package) is loaded on first use: most fetches need none of
// it, and it costs a noticeable part of a second to load.
import { createRequire } from "node:module";

type Undici = typeof import("undici");

let loaded: Undici | undefined;

export function undici(): Undici {
  return (loaded ??= createRequire(import.meta.url)("undici") as Undici);
}
