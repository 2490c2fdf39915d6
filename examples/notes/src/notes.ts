// The notes service's small pure helpers: row shapes, errors, HTTP Basic auth.

export interface NoteRow {
  id: number;
  author: string;
  text: string;
  created_at: string;
}

export interface Note {
  id: number;
  author: string;
  text: string;
  createdAt: string;
}

export const noteFrom = (row: NoteRow): Note => ({ id: row.id, author: row.author, text: row.text, createdAt: row.created_at });

/** An error answer: `{ "error": message }` with the status. */
export function problem(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message }, { status, headers });
}

/**
 * The user named by an `Authorization: Basic …` header whose password matches
 * the stored hash, else undefined. `storedHash(name)` looks the user up.
 */
export async function authenticate(req: Request, storedHash: (name: string) => string | undefined): Promise<string | undefined> {
  const header = req.headers.get("authorization") ?? "";
  if (!header.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice("Basic ".length), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 1) return undefined;
  const name = decoded.slice(0, colon);
  const hash = storedHash(name);
  if (hash === undefined) return undefined;
  return (await Bun.password.verify(decoded.slice(colon + 1), hash)) ? name : undefined;
}
