// The smallest Bun program that touches the Bun API: the `bun` module and the
// `Bun` global. Run as is by Bun and by Node + dx-compat.
import { sleep } from "bun";

await sleep(0);
// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
console.log(Bun.argv.length);
