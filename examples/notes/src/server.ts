// A notes service written for Bun. It runs as is under `bun run src/server.ts`
// and, on Node, under `dx-compat run src/server.ts` — nothing in it knows about
// dx-compat. Bun.serve routes, bun:sqlite (a file database), Bun.password for
// users, Bun.file for static files, and a WebSocket feed of new notes.
import { Database } from "bun:sqlite";
import type { Server, ServerWebSocket } from "bun";
import { mkdirSync } from "node:fs";
import { join, normalize } from "node:path";
import { authenticate, noteFrom, problem, type Note, type NoteRow } from "./notes.ts";

const dataDir = Bun.env.NOTES_DATA_DIR ?? join(import.meta.dir, "..", "data");
const publicDir = join(import.meta.dir, "..", "public");
mkdirSync(dataDir, { recursive: true });

const db = new Database(join(dataDir, "notes.sqlite"), { create: true, strict: true });
db.run("PRAGMA journal_mode = WAL");
db.run("CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL)");
db.run(
  "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, author TEXT NOT NULL REFERENCES users (name), text TEXT NOT NULL, created_at TEXT NOT NULL)",
);

const insertUser = db.query<unknown, { name: string; hash: string }>("INSERT INTO users (name, password_hash) VALUES ($name, $hash) ON CONFLICT DO NOTHING");
const findUser = db.query<{ password_hash: string }, [string]>("SELECT password_hash FROM users WHERE name = ?");
const insertNote = db.query<NoteRow, { author: string; text: string; at: string }>(
  "INSERT INTO notes (author, text, created_at) VALUES ($author, $text, $at) RETURNING *",
);
const allNotes = db.query<NoteRow, []>("SELECT * FROM notes ORDER BY id");
const oneNote = db.query<NoteRow, [number]>("SELECT * FROM notes WHERE id = ?");

type Feed = { connectedAt: number };

async function createUser(req: Request): Promise<Response> {
  const body = (await req.json().catch(() => null)) as { name?: unknown; password?: unknown } | null;
  if (typeof body?.name !== "string" || !/^[a-z0-9_-]{1,32}$/i.test(body.name)) return problem(400, "name: 1-32 letters, digits, _ or -");
  if (typeof body.password !== "string" || body.password.length < 8) return problem(400, "password: at least 8 characters");
  const hash = await Bun.password.hash(body.password);
  const { changes } = insertUser.run({ name: body.name, hash });
  return changes === 0 ? problem(409, `user ${body.name} exists`) : Response.json({ name: body.name }, { status: 201 });
}

async function createNote(req: Request, server: Server<Feed>): Promise<Response> {
  const author = await authenticate(req, (name) => findUser.get(name)?.password_hash);
  if (author === undefined) return problem(401, "sign in with HTTP Basic auth", { "WWW-Authenticate": 'Basic realm="notes"' });
  const body = (await req.json().catch(() => null)) as { text?: unknown } | null;
  if (typeof body?.text !== "string" || body.text.trim() === "") return problem(400, "text: a non-empty string");
  const note = noteFrom(insertNote.get({ author, text: body.text, at: new Date().toISOString() })!);
  server.publish("notes", JSON.stringify({ type: "note", note }));
  return Response.json(note, { status: 201, headers: { Location: `/api/notes/${note.id}` } });
}

/** Files under public/, never outside it. */
async function staticFile(req: Request): Promise<Response> {
  const path = normalize(decodeURIComponent(new URL(req.url).pathname));
  const file = Bun.file(join(publicDir, path === "/" ? "index.html" : path));
  if (path.includes("..") || !(await file.exists())) return problem(404, "not found");
  return new Response(file);
}

const server = Bun.serve<Feed>({
  port: Bun.env.PORT ?? 3000,
  hostname: Bun.env.HOST ?? "127.0.0.1",
  routes: {
    "/health": new Response("ok"),
    "/api/users": { POST: createUser },
    "/api/notes": {
      GET: () => Response.json(allNotes.all().map(noteFrom)),
      POST: createNote,
    },
    "/api/notes/:id": (req) => {
      const row = oneNote.get(Number(req.params.id));
      return row === null ? problem(404, `no note ${req.params.id}`) : Response.json(noteFrom(row));
    },
    "/api/*": () => problem(404, "no such API"),
  },
  fetch(req, server) {
    if (new URL(req.url).pathname === "/feed") {
      if (server.upgrade(req, { data: { connectedAt: Date.now() } })) return undefined;
      return problem(426, "the feed is a WebSocket");
    }
    if (req.method !== "GET" && req.method !== "HEAD") return problem(405, "method not allowed");
    return staticFile(req);
  },
  websocket: {
    open(ws: ServerWebSocket<Feed>) {
      ws.subscribe("notes");
      ws.send(JSON.stringify({ type: "hello", notes: allNotes.all().length }));
    },
    message(ws, message) {
      if (message === "ping") ws.send("pong");
    },
  },
  error(error) {
    console.error(error);
    return problem(500, "internal error");
  },
});

console.log(`Notes service listening on ${server.url}`);

process.on("SIGINT", () => {
  void server.stop(true).then(() => {
    db.close();
    console.log("stopped");
    process.exit(0);
  });
});

export type { Note };
