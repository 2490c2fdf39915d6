// `verbose: true`: Bun prints the request it sends and the response head it
// gets to stderr, one header per line, request lines indented by a space and
// response lines after "< ", then a blank line.
import { isCommonHeaderName } from "../headers/common-names.ts";

type HeaderSource = Record<string, string | string[] | undefined> | readonly (string | Buffer)[] | null | undefined;

/** Bun prints the names it knows in their canonical casing ("Content-Type"), others as given. */
function printedName(name: string): string {
  if (!isCommonHeaderName(name.toLowerCase())) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_match: string, dash: string, letter: string) => dash + letter.toUpperCase());
}

function headerPairs(headers: HeaderSource): Array<[string, string]> {
  if (!headers) return [];
  if (Array.isArray(headers)) {
    const pairs: Array<[string, string]> = [];
    for (let index = 0; index + 1 < headers.length; index += 2) pairs.push([String(headers[index]), String(headers[index + 1])]);
    return pairs;
  }
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) pairs.push([name, one]);
  }
  return pairs;
}

export function printRequest(method: string, url: string, headers: HeaderSource): void {
  const lines = [` HTTP/1.1 ${method} ${url}`];
  const pairs = headerPairs(headers);
  if (!pairs.some(([name]) => name.toLowerCase() === "host")) pairs.push(["host", new URL(url).host]);
  for (const [name, value] of pairs) lines.push(` ${printedName(name)}: ${value}`);
  process.stderr.write(`${lines.join("\n")}\n`);
}

export function printResponse(status: number, statusText: string, rawHeaders: readonly (string | Buffer)[]): void {
  const lines = [`< ${status} ${statusText}`];
  for (const [name, value] of headerPairs(rawHeaders)) lines.push(`< ${name}: ${value}`);
  process.stderr.write(`${lines.join("\n")}\n\n`);
}
