// The notes page: signs up (or in) with HTTP Basic auth, posts notes, and
// shows new notes as the WebSocket feed announces them.
const notes = document.querySelector("#notes");
const status = document.querySelector("#status");
let credentials = "";

function show(note) {
  const item = document.createElement("li");
  const author = document.createElement("span");
  author.className = "author";
  author.textContent = `${note.author}: `;
  item.append(author, note.text);
  item.id = `note-${note.id}`;
  notes.append(item);
}

document.querySelector("#sign-up").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const name = String(form.get("name"));
  const password = String(form.get("password"));
  const response = await fetch("/api/users", { method: "POST", body: JSON.stringify({ name, password }) });
  credentials = btoa(`${name}:${password}`);
  status.textContent = response.status === 201 ? `signed up as ${name}` : `signing in as ${name}`;
});

document.querySelector("#new-note").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = String(new FormData(event.target).get("text"));
  const response = await fetch("/api/notes", { method: "POST", headers: { Authorization: `Basic ${credentials}` }, body: JSON.stringify({ text }) });
  if (!response.ok) status.textContent = (await response.json()).error;
  else event.target.reset();
});

for (const note of await (await fetch("/api/notes")).json()) show(note);
const feed = new WebSocket(`${location.origin.replace(/^http/, "ws")}/feed`);
feed.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.type === "hello") status.textContent = `live: ${message.notes} notes`;
  if (message.type === "note" && !document.querySelector(`#note-${message.note.id}`)) show(message.note);
});
feed.addEventListener("close", () => (status.textContent = "feed closed"));
