// Bun.openInEditor's editor detection and command lines (Bun 1.4.5):
// - an `editor` option names one ("code", "vscode", "subl", "vim", "idea",
//   ...), or is an absolute path to one (an unknown file name is an editor
//   that gets just the file); otherwise the choice made by an earlier call is
//   reused; otherwise $EDITOR, then $VISUAL, by file name (up to a space);
//   otherwise the first of VS Code, Sublime Text, Atom, Neovim, WebStorm,
//   IntelliJ IDEA, TextMate and Vim found on PATH;
// - a known name is looked up on PATH (and, on macOS, in the usual
//   application bundles);
// - the command line each editor gets: `code --goto file:line:column`,
//   `subl file:line:column`, `idea file:line`, `mate --line line:column file`;
//   terminal editors (vim, neovim, emacs) go through the system opener;
// - the editor is started detached and not waited for; a failure to start
//   it goes unreported, as in Bun.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, isAbsolute } from "node:path";
import { which } from "../../which.ts";

type Editor = "sublime" | "vscode" | "atom" | "textmate" | "intellij" | "webstorm" | "vim" | "neovim" | "emacs" | "other";

const editorsByName: Readonly<Record<string, Editor>> = {
  sublime: "sublime",
  subl: "sublime",
  vscode: "vscode",
  code: "vscode",
  textmate: "textmate",
  mate: "textmate",
  atom: "atom",
  idea: "intellij",
  webstorm: "webstorm",
  nvim: "neovim",
  neovim: "neovim",
  vim: "vim",
  vi: "vim",
  emacs: "emacs",
};

const binaryNames: Readonly<Record<Editor, string>> = {
  sublime: "subl",
  vscode: "code",
  atom: "atom",
  textmate: "mate",
  intellij: "idea",
  webstorm: "webstorm",
  vim: "vim",
  neovim: "nvim",
  emacs: "emacs",
  other: "",
};

const preference: readonly Editor[] = ["vscode", "sublime", "atom", "neovim", "webstorm", "intellij", "textmate", "vim"];

const macApplications: Readonly<Partial<Record<Editor, readonly string[]>>> = {
  vscode: ["/Applications/Visual Studio Code.app/Contents/Resources/app/bin/code", "/Applications/VSCodium.app/Contents/Resources/app/bin/code"],
  atom: ["/Applications/Atom.app/Contents/Resources/app/atom.sh"],
  sublime: [
    "/Applications/Sublime Text 4.app/Contents/SharedSupport/bin/subl",
    "/Applications/Sublime Text 3.app/Contents/SharedSupport/bin/subl",
    "/Applications/Sublime Text 2.app/Contents/SharedSupport/bin/subl",
    "/Applications/Sublime Text.app/Contents/SharedSupport/bin/subl",
  ],
};

function editorByName(name: string): Editor | undefined {
  const word = name.includes(" ") ? name.slice(0, name.indexOf(" ")) : name;
  return Object.hasOwn(editorsByName, word) ? editorsByName[word] : undefined;
}

interface Found {
  editor: Editor;
  path: string;
}

function locate(editor: Editor): string | undefined {
  const binary = binaryNames[editor];
  if (binary !== "") {
    const onPath = which(binary);
    if (onPath) return onPath;
  }
  if (process.platform === "darwin") return macApplications[editor]?.find((path) => existsSync(path));
  return undefined;
}

function fromEnvironment(): Editor | undefined {
  for (const variable of ["EDITOR", "VISUAL"]) {
    const value = process.env[variable];
    if (value === undefined) continue;
    const editor = editorByName(basename(value));
    if (editor) return editor;
  }
  return undefined;
}

/** Bun's detectEditor: a preferred name, then the environment, then whatever is installed. */
function detect(name: string): Found | undefined {
  if (name !== "") {
    if (isAbsolute(name)) return { editor: editorByName(basename(name)) ?? "other", path: name };
    const named = editorByName(basename(name));
    const path = named ? locate(named) : undefined;
    if (named && path) return { editor: named, path };
  }
  const wanted = fromEnvironment();
  const wantedPath = wanted ? locate(wanted) : undefined;
  if (wanted && wantedPath) return { editor: wanted, path: wantedPath };
  for (const editor of preference) {
    const path = locate(editor);
    if (path) return { editor, path };
  }
  return undefined;
}

// What Bun keeps between calls: the last editor name asked for and what it found.
const remembered: { name: string; found: Found | undefined } = { name: "", found: undefined };

/** The editor to use for this call (remembering it as Bun does), or a message to throw. */
export function chooseEditor(requested: string | undefined): Found | string {
  if (requested !== undefined && requested !== remembered.name) {
    const found = detect(requested);
    if (!found) return `Could not find editor "${requested}"`;
    remembered.name = requested;
    remembered.found = found;
    return found;
  }
  remembered.found ??= detect(remembered.name);
  return remembered.found ?? "Failed to auto-detect editor";
}

const systemOpener = process.platform === "darwin" ? "/usr/bin/open" : process.platform === "win32" ? "start" : "xdg-open";

/** The command line Bun runs to open `file` at `line`/`column` in `found`. */
export function editorCommand(found: Found, file: string, line: string | undefined, column: string | undefined): string[] {
  const { editor, path } = found;
  const args: string[] = [];
  if (editor === "vim" || editor === "emacs" || editor === "neovim") {
    args.push(systemOpener, path);
    if (process.platform === "darwin") args.push("--args");
  }
  args.push(path);
  const hasLine = line !== undefined && line !== "";
  if (editor === "vscode" && hasLine) args.push("--goto");
  switch (editor) {
    case "sublime":
    case "atom":
    case "vscode":
    case "webstorm":
    case "intellij": {
      let target = file;
      if (hasLine) {
        target += `:${line}`;
        if (editor !== "webstorm" && editor !== "intellij" && column !== undefined && column !== "") target += `:${column}`;
      }
      if (target !== "") args.push(target);
      break;
    }
    case "textmate":
      if (hasLine) {
        args.push("--line", column !== undefined && column !== "" ? `${line}:${column}` : line);
      }
      if (file !== "") args.push(file);
      break;
    default:
      if (file !== "") args.push(file);
  }
  return args;
}

/** Starts the editor and lets it run on its own. */
export function launch(command: readonly string[]): void {
  const [file, ...args] = command;
  if (file === undefined) return;
  const child = spawn(file, args, { detached: true, stdio: "ignore" });
  child.on("error", () => {
    // Bun does not report an editor that fails to start.
  });
  child.unref();
}
