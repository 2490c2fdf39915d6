// Word expansion: variables, command substitution output, interpolated values,
// tilde, braces and `*` / `**` globs. Only unquoted literal text from the
// script is ever syntax here; values from variables, substitutions and
// JavaScript are plain text.
import { directoryEntries, type DirectoryEntry } from "./builtins/context.ts";
import type { Part, Word } from "./ast.ts";
import { CLOSE, COMMA, expandBraces, OPEN, tokenizeBraces, type BraceToken } from "./braces.ts";
import type { JsValue } from "./template.ts";

/** A piece of a field; `special` marks unquoted script text (brace and glob syntax). */
interface Segment {
  readonly text: string;
  readonly special: boolean;
}

interface Field {
  segments: Segment[];
  /** Survives when empty (it had quotes or a JS value). */
  keep: boolean;
}

export interface ExpandContext {
  readonly values: readonly JsValue[];
  readonly argv: readonly string[];
  lookup(name: string): string | undefined;
  readonly cwd: string;
  /** Outputs of the word's command substitutions, computed beforehand. */
  readonly substitutions: ReadonlyMap<Part, string>;
}

/** Raised for `bun: no matches found: <pattern>` (exit code 1). */
export class NoMatchesError extends Error {}

/** The text of a substitution as used in a word: trailing newlines removed. */
function substitutionText(output: string): string {
  return output.replace(/\n+$/, "");
}

function splitFields(text: string): string[] {
  const trimmed = text.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
  return trimmed === "" ? [] : trimmed.split(/[ \t\n]+/);
}

function fieldsOf(word: Word, ctx: ExpandContext): Field[] {
  const fields: Field[] = [{ segments: [], keep: false }];
  const current = (): Field => fields[fields.length - 1] as Field;
  const push = (text: string, special: boolean, keep: boolean): void => {
    const field = current();
    if (text !== "") field.segments.push({ text, special });
    if (keep) field.keep = true;
  };
  const spread = (items: readonly string[], keep: boolean): void => {
    items.forEach((item, i) => {
      if (i > 0) fields.push({ segments: [], keep: false });
      push(item, false, keep);
    });
  };
  for (const part of word) {
    switch (part.kind) {
      case "text":
        push(part.value, !part.quoted, part.quoted);
        break;
      case "tilde":
        push(ctx.lookup("HOME") ?? "", false, true);
        break;
      case "var":
        push(ctx.lookup(part.name) ?? "", false, part.quoted);
        break;
      case "argv":
        push(ctx.argv[part.index] ?? "", false, part.quoted);
        break;
      case "subst": {
        const output = substitutionText(ctx.substitutions.get(part) ?? "");
        if (part.quoted) push(output, false, true);
        else spread(splitFields(output), false);
        break;
      }
      case "js": {
        const value = ctx.values[part.index];
        if (value === undefined || value.kind === "object") throw new Error('expected a command or assignment but got: "JSObjRef"');
        if (value.kind === "text") push(value.text, false, true);
        else if (part.quoted) push(value.items.join(" "), false, true);
        else spread(value.items, true);
        break;
      }
    }
  }
  return fields;
}

function hasSpecial(field: Field, chars: RegExp): boolean {
  return field.segments.some((segment) => segment.special && chars.test(segment.text));
}

function braceTokens(field: Field): BraceToken[] {
  const tokens: BraceToken[] = [];
  for (const segment of field.segments) {
    if (segment.special) tokenizeBraces(segment.text, tokens);
    else tokens.push(segment.text);
  }
  return tokens;
}

const hasBraceSyntax = (tokens: readonly BraceToken[]): boolean => tokens.includes(OPEN) && tokens.includes(CLOSE) && tokens.includes(COMMA);

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** One path component of a glob: `**`, a pattern, or literal text. */
type Component = { kind: "globstar" } | { kind: "match"; regexp: RegExp; dot: boolean } | { kind: "literal"; text: string };

function components(segments: readonly Segment[]): Component[] {
  const out: Component[] = [];
  let source = "";
  let literalText = "";
  let wild = false;
  let onlyGlobstar = true;
  const finish = (): void => {
    if (wild && onlyGlobstar && literalText === "**") out.push({ kind: "globstar" });
    else if (wild) out.push({ kind: "match", regexp: new RegExp(`^${source}$`, "s"), dot: literalText.startsWith(".") });
    else out.push({ kind: "literal", text: literalText });
    source = "";
    literalText = "";
    wild = false;
    onlyGlobstar = true;
  };
  for (const segment of segments) {
    for (const c of segment.text) {
      if (c === "/") {
        finish();
        continue;
      }
      literalText += c;
      if (segment.special && c === "*") {
        wild = true;
        if (!source.endsWith("[^/]*")) source += "[^/]*";
      } else {
        onlyGlobstar = false;
        source += escapeRegExp(c);
      }
    }
  }
  finish();
  return out;
}

function entries(dir: string): DirectoryEntry[] {
  try {
    return directoryEntries(dir);
  } catch {
    return [];
  }
}

function join(base: string, name: string): string {
  return base === "" ? name : base.endsWith("/") ? base + name : `${base}/${name}`;
}

function resolveIn(cwd: string, path: string): string {
  return path.startsWith("/") ? path : path === "" ? cwd : `${cwd}/${path}`;
}

function walk(cwd: string, parts: readonly Component[], index: number, base: string, out: string[]): void {
  if (index === parts.length) {
    out.push(base);
    return;
  }
  const part = parts[index] as Component;
  if (part.kind === "literal") {
    if (part.text === "" && index === 0) walk(cwd, parts, index + 1, "/", out);
    else if (part.text === "") walk(cwd, parts, index + 1, base, out);
    else walk(cwd, parts, index + 1, join(base, part.text), out);
    return;
  }
  const list = entries(resolveIn(cwd, base));
  if (part.kind === "globstar") {
    // A trailing `**` matches everything beneath (not the directory itself).
    if (index + 1 === parts.length) {
      for (const entry of list) {
        if (entry.name.startsWith(".")) continue;
        out.push(join(base, entry.name));
        if (entry.directory) walk(cwd, parts, index, join(base, entry.name), out);
      }
      return;
    }
    walk(cwd, parts, index + 1, base, out);
    for (const entry of list) if (entry.directory && !entry.name.startsWith(".")) walk(cwd, parts, index, join(base, entry.name), out);
    return;
  }
  for (const entry of list) {
    if (entry.name.startsWith(".") && !part.dot) continue;
    if (!part.regexp.test(entry.name)) continue;
    if (index + 1 < parts.length && !entry.directory) continue;
    walk(cwd, parts, index + 1, join(base, entry.name), out);
  }
}

function glob(field: Field, cwd: string): string[] {
  return globAll([components(field.segments)], field, cwd);
}

/** Matches of any of the patterns, in one walk where they differ in one component only (Bun's order then). */
function globAll(patterns: readonly Component[][], field: Field, cwd: string): string[] {
  const matches: string[] = [];
  const merged = mergeAlternatives(patterns);
  if (merged !== null) walk(cwd, merged, 0, "", matches);
  else for (const pattern of patterns) walk(cwd, pattern, 0, "", matches);
  if (matches.length === 0) throw new NoMatchesError(`bun: no matches found: ${field.segments.map((s) => s.text).join("")}\n`);
  return [...new Set(matches)];
}

function sameComponent(a: Component, b: Component): boolean {
  if (a.kind === "literal" && b.kind === "literal") return a.text === b.text;
  if (a.kind === "match" && b.kind === "match") return a.regexp.source === b.regexp.source && a.dot === b.dot;
  return a.kind === "globstar" && b.kind === "globstar";
}

/** The patterns as one, when they differ in a single component that is no `**`: an alternation there. */
function mergeAlternatives(patterns: readonly Component[][]): Component[] | null {
  const [first, ...others] = patterns;
  if (first === undefined) return null;
  if (others.length === 0) return first;
  if (others.some((other) => other.length !== first.length)) return null;
  const differing = first.map((_, index) => others.some((other) => !sameComponent(other[index] as Component, first[index] as Component)));
  if (differing.filter(Boolean).length !== 1) return null;
  const at = differing.indexOf(true);
  const options = patterns.map((pattern) => pattern[at] as Component);
  if (options.some((option) => option.kind === "globstar")) return null;
  const sources = options.map((option) => (option.kind === "literal" ? escapeRegExp(option.text) : (option as { regexp: RegExp }).regexp.source.slice(1, -1)));
  const dot = options.some((option) => (option.kind === "literal" ? option.text.startsWith(".") : (option as { dot: boolean }).dot));
  const merged = [...first];
  merged[at] = { kind: "match", regexp: new RegExp(`^(?:${sources.join("|")})$`, "s"), dot };
  return merged;
}

/** A word's fields after every expansion. */
export function expandWord(word: Word, ctx: ExpandContext, out: string[] = []): string[] {
  for (const field of fieldsOf(word, ctx)) {
    if (field.segments.length === 0) {
      if (field.keep) out.push("");
      continue;
    }
    if (hasSpecial(field, /[{]/)) {
      const tokens = braceTokens(field);
      if (hasBraceSyntax(tokens)) {
        // Each alternative is plain text now: no further glob (Bun marks no glob on brace words' results).
        const alternatives = expandBraces(tokens);
        out.push(...alternatives);
        // With a `*` too, Bun adds what the whole brace pattern matches (and fails when nothing does).
        if (hasSpecial(field, /\*/)) out.push(...globAll(alternatives.map((text) => components([{ text, special: true }])), field, ctx.cwd));
        continue;
      }
    }
    if (hasSpecial(field, /\*/)) {
      out.push(...glob(field, ctx.cwd));
      continue;
    }
    out.push(field.segments.map((segment) => segment.text).join(""));
  }
  return out;
}

/** A word as one string (assignments, redirect targets): fields joined by spaces. */
export function expandToString(word: Word, ctx: ExpandContext): string {
  return expandWord(word, ctx).join(" ");
}

/** The command substitutions a word runs, in order. */
export function substitutionsOf(words: readonly Word[]): Part[] {
  const found: Part[] = [];
  for (const word of words) for (const part of word) if (part.kind === "subst") found.push(part);
  return found;
}
