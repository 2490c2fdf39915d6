import { chooseEditor, editorCommand, launch } from "./internal/belt/editor.ts";

/** Bun reads an option when it is there and not null; the value becomes a string. */
function optionString(options: object, key: string): string | undefined {
  const value: unknown = (options as Record<string, unknown>)[key];
  if (value === undefined || value === null || value === false) return undefined;
  return String(value);
}

/**
 * `Bun.openInEditor(path, { editor, line, column })`: opens a file in the
 * user's editor, found as Bun finds it — the `editor` option (a name such as
 * `"code"`/`"vscode"`/`"subl"`, or an absolute path), else the editor chosen by
 * an earlier call, else $EDITOR or $VISUAL when they name a known editor,
 * else the first known editor on PATH. The editor starts detached; the call
 * returns at once. Bun's errors: "Could not find editor", "Failed to
 * auto-detect editor", "No file path specified".
 *
 * @example
 * ```ts
 * import { openInEditor } from "@dx-compat/bun";
 * openInEditor("src/index.ts", { line: 10, column: 4 });
 * ```
 */
export const openInEditor: typeof import("bun").openInEditor = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  openInEditor(path: string, options?: import("bun").EditorOptions): void {
    const file = arguments.length > 0 ? String(path) : "";
    const given: unknown = options;
    const withOptions = (typeof given === "object" && given !== null) || typeof given === "function";
    const requested = withOptions ? optionString(given, "editor") : undefined;
    const line = withOptions ? optionString(given, "line") : undefined;
    const column = withOptions ? optionString(given, "column") : undefined;
    const found = chooseEditor(requested);
    if (typeof found === "string") throw new Error(found);
    if (file === "") throw new Error("No file path specified");
    launch(editorCommand(found, file, line, column));
  },
}.openInEditor;
