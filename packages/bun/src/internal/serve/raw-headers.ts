// Reading single request headers straight from node:http's rawHeaders (Node
// builds `incoming.headers` lazily; most requests never need it).

/** The first value of the header `lowerName` (given in lower case), or undefined. */
export function rawHeader(raw: readonly string[], lowerName: string): string | undefined {
  const length = lowerName.length;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === length && (name === lowerName || name.toLowerCase() === lowerName)) return raw[i + 1];
  }
  return undefined;
}
