// `Authorization: Basic …` from a URL's user and password, as Bun 1.4.5 makes
// it for a WebSocket URL and for its proxy's URL: the credentials
// percent-decoded to bytes first.

/** Percent-decoding to bytes, as Bun decodes the credentials (a `%` not followed by two hex digits stays). */
function percentDecode(text: string): Buffer {
  const bytes = Buffer.from(text);
  const out: number[] = [];
  for (let index = 0; index < bytes.length; index++) {
    const hex = bytes.subarray(index + 1, index + 3).toString("latin1");
    if (bytes[index] === 0x25 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      out.push(bytes[index] as number);
    }
  }
  return Buffer.from(out);
}

/** The header's value, or undefined for a URL without credentials. */
export function basicCredentials(url: URL): string | undefined {
  if (url.username === "" && url.password === "") return undefined;
  const pair = Buffer.concat([percentDecode(url.username), Buffer.from(":"), percentDecode(url.password)]);
  return `Basic ${pair.toString("base64")}`;
}
