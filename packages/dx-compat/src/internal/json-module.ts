// JSON imported the way Bun allows it: without `with { type: "json" }`, and
// with a named export per top-level key (`import { version } from "./package.json"`).
// The default export is the whole value; a key named "default" does not replace it.

/** ES module source for a JSON file's text (throws JSON.parse's SyntaxError on bad JSON). */
export function jsonModuleSource(text: string): string {
  const value: unknown = JSON.parse(text);
  const lines = [`const data = JSON.parse(${JSON.stringify(text)});`, "export default data;"];
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    Object.keys(value)
      .filter((key) => key !== "default" && key !== "__proto__")
      .forEach((key, i) => lines.push(`const v${i} = data[${JSON.stringify(key)}];`, `export { v${i} as ${JSON.stringify(key)} };`));
  }
  return lines.join("\n");
}
