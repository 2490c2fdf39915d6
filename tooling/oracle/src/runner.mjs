// Runs one batch: `<runtime> runner.mjs <case module> <inputs.json>`. The case
// module's default export is called with each decoded input in turn; what it
// returns, resolves to, throws or rejects with is encoded and printed as one
// JSON line after a marker, so the program's own output cannot be mistaken
// for results. Bun and Node (with dx-compat/register) run this same file.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { decode, encode } from "./codec.mjs";

const [caseModule, inputsFile] = process.argv.slice(2);
const { default: run } = await import(pathToFileURL(caseModule).href);
const inputs = decode(JSON.parse(readFileSync(inputsFile, "utf8")));
const results = [];
for (const input of inputs) {
  try {
    const returned = run(input);
    if (returned instanceof Promise) {
      try {
        results.push({ resolves: encode(await returned) });
      } catch (error) {
        results.push({ rejects: encode(error) });
      }
    } else results.push({ returns: encode(returned) });
  } catch (error) {
    results.push({ throws: encode(error) });
  }
}
process.stdout.write(`\n@@dx-compat-oracle@@${JSON.stringify(results)}\n`);
