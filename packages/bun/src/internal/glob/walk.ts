// Bun's directory walk for Glob.scan/scanSync. A stack of work items (LIFO, as
// Bun's), each a directory to list — or a symlink to resolve — with the set of
// pattern components still in play there. Within one directory entries come in
// the file system's raw order, as Bun's do, where @dx-compat/native's addon
// lists them; in name order where its TypeScript twin does (Node's readdir
// sorts). Bun promises no order.
//
// The I/O a work item needs (list a directory, stat a path) is decided when it
// is pushed; a driver (drive.ts) does it when the item is popped, and `handle`
// turns the outcome into matches and further items.
import { normalize as normalizePath } from "node:path/posix";
import { matchesComponent } from "./components.ts";
import type { Component, ParsedPattern } from "./components.ts";
import { globSystemError } from "./errors.ts";

export interface WalkOptions {
  readonly dot: boolean;
  readonly absolute: boolean;
  readonly followSymlinks: boolean;
  readonly throwErrorOnBrokenSymlink: boolean;
  readonly onlyFiles: boolean;
}

/** What a work item needs from the file system before it can be handled: a listing, or a stat (PROBE: one where "not there" is no error). */
export const LIST = 0;
const STAT = 1;
export const PROBE = 2;

/** A directory's entries: `names[i]` is of kind `kinds.charCodeAt(i)` (@dx-compat/native's listDirectory). */
interface Listing {
  readonly kinds: string;
  readonly names: readonly string[];
}

const FILE = 0x66; // "f"
const DIR = 0x64; // "d"
const LINK = 0x6c; // "l"

/** What a stat said: a directory, something else, or nothing there (`ENOENT`). */
interface StatResult {
  isDirectory(): boolean;
  isFile(): boolean;
  readonly dev: number;
  readonly ino: number;
}

/** The directories that symlinks on the way down led to (device:inode): a link back to one is not followed again. */
interface Followed {
  readonly key: string;
  readonly up: Followed | undefined;
}

function hasFollowed(chain: Followed | undefined, key: string): boolean {
  for (let link = chain; link !== undefined; link = link.up) if (link.key === key) return true;
  return false;
}

/** The outcome of an item's I/O: a listing, a stat (undefined: no such entry), or an error. */
export interface Outcome {
  listing?: Listing;
  stat?: StatResult | undefined;
  error?: NodeJS.ErrnoException;
}

const DIRECTORY = 0;
const SYMLINK = 1;
const LITERAL_TAIL = 2;
/** The cwd, for a relative pattern: Bun opens it before anything else. */
const ROOT = 3;
/** The literal directory an absolute pattern starts in. */
const ABSOLUTE_ROOT = 4;
/** An absolute pattern without glob syntax: Bun only opens it, and yields nothing. */
const ABSOLUTE_LITERAL = 5;

export interface WorkItem {
  /** DIRECTORY, SYMLINK, LITERAL_TAIL, ROOT, ABSOLUTE_ROOT or ABSOLUTE_LITERAL */
  readonly kind: number;
  /** The path as Bun names it: relative to cwd (or absolute); matched paths start with it. */
  readonly path: string;
  readonly active: readonly number[];
  /** SYMLINK: where the link's own name starts in `path`. */
  readonly nameStart: number;
  /** LIST, STAT or PROBE, and on what (an absolute path). */
  readonly io: number;
  readonly ioPath: string;
  readonly followed: Followed | undefined;
  /** Filled in by the driver. */
  outcome: Outcome | undefined;
}

/** `.` and `..` components are appended to the directory path; a run of `**` counts once. */
function skipSpecial(components: readonly Component[], index: number, path: string): { index: number; path: string; dotDot: boolean } {
  let i = index;
  let dotDot = false;
  let dir = path;
  while (i < components.length) {
    const hint = (components[i] as Component).hint;
    if (hint === "dot") dir = dir === "" ? "." : `${dir}/.`;
    else if (hint === "dotdot") {
      dotDot = true;
      dir = dir === "" ? ".." : `${dir}/..`;
    } else break;
    i++;
  }
  if (i < components.length && (components[i] as Component).hint === "double") {
    while (i + 1 < components.length && (components[i + 1] as Component).hint === "double") i++;
  }
  return { index: i, path: dir, dotDot };
}

export class GlobWalk {
  readonly #components: readonly Component[];
  readonly #options: WalkOptions;
  /** The cwd as an absolute path ending in `/`: relative item paths are read from it. */
  readonly #base: string;
  readonly #stack: WorkItem[] = [];
  /** Matched paths, in order. */
  readonly results: string[] = [];

  constructor(parsed: ParsedPattern, pattern: string, cwd: string, cwdAbsolute: string, options: WalkOptions) {
    this.#components = parsed.components;
    this.#options = options;
    this.#base = cwdAbsolute.endsWith("/") ? cwdAbsolute : `${cwdAbsolute}/`;
    this.#pushRoot(parsed, pattern, cwd);
  }

  /** The item to handle next, or undefined when the walk is done. */
  pop(): WorkItem | undefined {
    return this.#stack.pop();
  }

  #fsPath(path: string): string {
    if (path.startsWith("/")) return path;
    return path === "" ? this.#base : this.#base + path;
  }

  #push(item: WorkItem): void {
    this.#stack.push(item);
  }

  #pushRoot(parsed: ParsedPattern, pattern: string, cwd: string): void {
    const count = this.#components.length;
    if (count === 0) return;
    if (!pattern.startsWith("/")) {
      this.#push(this.#item(ROOT, cwd, [0], 0, STAT, this.#fsPath(""), undefined));
      return;
    }
    let prefix = pattern.slice(0, byteToCharOffset(pattern, parsed.literalPrefixEnd));
    let first = parsed.firstComponentAfterPrefix;
    if (prefix === "") prefix = "/";
    else {
      first += 1;
      if (first >= count) {
        this.#push(this.#item(ABSOLUTE_LITERAL, prefix, [], 0, STAT, prefix, undefined));
        return;
      }
    }
    this.#push(this.#item(ABSOLUTE_ROOT, prefix, [first], 0, STAT, prefix, undefined));
  }

  #item(kind: number, path: string, active: readonly number[], nameStart: number, io: number, ioPath: string, followed: Followed | undefined): WorkItem {
    return { kind, path, active, nameStart, io, ioPath, followed, outcome: undefined };
  }

  /** Bun's transition into a directory: skip `.`/`..`/`**` runs, then list it, or stat a literal last component. */
  #enterDirectory(path: string, active: readonly number[], isRoot: boolean, rootFsPath: string, followed: Followed | undefined): void {
    let dir = path;
    let set = active;
    let dotDot = false;
    if (active.length === 1) {
      const skipped = skipSpecial(this.#components, active[0] as number, path);
      if (skipped.index >= this.#components.length) return;
      dir = skipped.path;
      dotDot = skipped.dotDot;
      set = [skipped.index];
    }
    const fsPath = isRoot && !dotDot ? rootFsPath : this.#fsPath(dir);
    const last = this.#components.length - 1;
    if (set.length === 1 && set[0] === last && (this.#components[last] as Component).hint === "literal") {
      const name = (this.#components[last] as Component).text;
      const tail = this.#join(dir, name);
      this.#push(this.#item(LITERAL_TAIL, tail, set, 0, PROBE, `${fsPath.endsWith("/") ? fsPath : `${fsPath}/`}${name}`, followed));
      return;
    }
    this.#push(this.#item(DIRECTORY, dir, set, 0, LIST, fsPath, followed));
  }

  /** Handle a popped item once its I/O is done; throws Bun's error where Bun stops. */
  handle(item: WorkItem): void {
    const outcome = item.outcome as Outcome;
    switch (item.kind) {
      case ROOT:
      case ABSOLUTE_ROOT:
      case ABSOLUTE_LITERAL:
        this.#handleRoot(item, outcome);
        break;
      case DIRECTORY:
        this.#handleDirectory(item, outcome);
        break;
      case LITERAL_TAIL:
        this.#handleLiteralTail(item, outcome);
        break;
      default:
        this.#handleSymlink(item, outcome);
    }
  }

  #handleRoot(item: WorkItem, outcome: Outcome): void {
    const { error, stat } = outcome;
    if (item.kind === ABSOLUTE_LITERAL) {
      // Only an error other than "not there" shows.
      if (error !== undefined && error.code !== "ENOENT" && error.code !== "ENOTDIR") throw globSystemError(error, "open", item.path);
      return;
    }
    const problem = error ?? (stat === undefined ? "ENOENT" : stat.isDirectory() ? undefined : "ENOTDIR");
    if (problem !== undefined) throw globSystemError(problem, "open", item.path);
    if (item.kind === ABSOLUTE_ROOT) this.#enterDirectory(item.path, item.active, false, "", undefined);
    else this.#enterDirectory(this.#options.absolute ? item.path : "", item.active, true, item.ioPath, undefined);
  }

  #handleLiteralTail(item: WorkItem, outcome: Outcome): void {
    const { error, stat } = outcome;
    if (error !== undefined) throw globSystemError(error, "fstatat", item.path);
    if (stat === undefined) return;
    if (stat.isFile() || !this.#options.onlyFiles) this.results.push(item.path);
  }

  #handleDirectory(item: WorkItem, outcome: Outcome): void {
    if (outcome.error !== undefined) throw globSystemError(outcome.error, "open", item.path);
    const { kinds, names } = outcome.listing as Listing;
    const { onlyFiles, followSymlinks } = this.#options;
    const active = item.active;
    const prefix = this.#joinPrefix(item.path);
    const results = this.results;
    // What a file here must match, worked out once for the whole directory.
    const forFiles = this.#fileComponents(active);
    const dot = this.#options.dot;
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const kind = kinds.charCodeAt(i);
      if (kind === FILE) {
        for (let k = 0; k < forFiles.length; k++) {
          if (matchesComponent(forFiles[k] as Component, name, dot)) {
            results.push(prefix + name);
            break;
          }
        }
      } else if (kind === DIR) {
        this.#visitDirectory(active, name, prefix + name, item.followed);
      } else if (kind === LINK) {
        const follow = followSymlinks ? (this.#evalAny(active, name) ? active : undefined) : this.#literalSubset(active, name);
        if (follow !== undefined) {
          const path = prefix + name;
          this.#push(this.#item(SYMLINK, path, follow, path.length - name.length, STAT, this.#fsPath(path), item.followed));
        } else if (!onlyFiles && this.#evalFile(active, name)) {
          results.push(prefix + name);
        }
      }
      // FIFOs, sockets and devices never match.
    }
  }

  #visitDirectory(active: readonly number[], name: string, path: string, followed: Followed | undefined): void {
    const child: number[] = [];
    const add = this.#evalDir(active, name, child);
    // Planned now, so a driver can start listing it early.
    if (child.length > 0) this.#enterDirectory(path, child, false, "", followed);
    if (add && !this.#options.onlyFiles) this.results.push(path);
  }

  #handleSymlink(item: WorkItem, outcome: Outcome): void {
    let path = item.path;
    let active = item.active;
    if (active.length === 1) {
      const skipped = skipSpecial(this.#components, active[0] as number, path);
      if (skipped.index >= this.#components.length) return;
      path = skipped.path;
      active = [skipped.index];
    }
    const name = path.slice(item.nameStart);
    const { error, stat } = outcome;
    const options = this.#options;
    if (error !== undefined && error.code !== "ENOTDIR") {
      if (options.throwErrorOnBrokenSymlink) throw globSystemError(error, "open", path);
      if (!options.onlyFiles && this.#evalFile(active, name)) this.results.push(path);
      return;
    }
    if (error !== undefined || !(stat as StatResult).isDirectory()) {
      if (this.#evalFile(active, name)) this.results.push(path);
      return;
    }
    const child: number[] = [];
    const add = this.#evalDir(active, name, child);
    // A link back to a directory a link above already led to matches, but is not entered again.
    const target = stat as StatResult;
    const key = `${target.dev}:${target.ino}`;
    if (child.length > 0 && !hasFollowed(item.followed, key)) this.#enterDirectory(item.path, child, false, "", { key, up: item.followed });
    if (add && !options.onlyFiles) this.results.push(path);
  }

  /** Where a name in directory `dir` starts its path: Bun joins without normalising, or normalises when absolute. */
  #joinPrefix(dir: string): string {
    if (this.#options.absolute) {
      const normal = normalizePath(dir);
      return normal.endsWith("/") ? normal : `${normal}/`;
    }
    if (dir === "") return "";
    return dir.endsWith("/") ? dir : `${dir}/`;
  }

  #join(dir: string, name: string): string {
    return this.#joinPrefix(dir) + name;
  }

  #normalizeIndex(index: number): number {
    const components = this.#components;
    let i = index;
    if (i < components.length && (components[i] as Component).hint === "double") {
      while (i + 1 < components.length && (components[i + 1] as Component).hint === "double") i++;
    }
    return i;
  }

  /** Bun's `evalDir`: the components active in the subdirectory `name`; true when the directory itself matches. */
  #evalDir(active: readonly number[], name: string, child: number[]): boolean {
    const components = this.#components;
    const last = components.length - 1;
    const dot = this.#options.dot;
    const hidden = !dot && name.charCodeAt(0) === 0x2e;
    let add = false;
    for (let k = 0; k < active.length; k++) {
      const index = active[k] as number;
      const component = components[index] as Component;
      const isLast = index === last;
      let step = -1;
      if (component.hint === "double") {
        if (!isLast && matchesComponent(components[index + 1] as Component, name, dot)) {
          if (index + 1 === last) {
            add = true;
            step = hidden ? -1 : 0;
          } else {
            step = 2;
          }
        } else if (!hidden) {
          if (isLast) add = true;
          step = 0;
        }
      } else if (matchesComponent(component, name, dot)) {
        if (isLast) add = true;
        else step = 1;
      }
      if (step < 0) continue;
      addIndex(child, this.#normalizeIndex(index + step));
      // At `**/X` the outer `**` stays alive, unless what follows X is a `**` again
      // or the directory is hidden.
      if (step === 2 && !hidden && (components[index + 2] as Component).hint !== "double") addIndex(child, index);
    }
    return add;
  }

  /**
   * Bun's `evalFile` as a list: a file (or an unfollowed link) matches here when
   * it matches one of these — the last component when it is active, or the one
   * after an active `**` when that one is last.
   */
  #fileComponents(active: readonly number[]): Component[] {
    const components = this.#components;
    const last = components.length - 1;
    const list: Component[] = [];
    for (let k = 0; k < active.length; k++) {
      const index = active[k] as number;
      const component = components[index] as Component;
      if (component.trailingSlash) continue;
      if (index === last) list.push(component);
      else if (component.hint === "double" && index + 1 === last) {
        const next = components[index + 1] as Component;
        if (next.hint !== "double") list.push(next);
      }
    }
    return list;
  }

  #evalFile(active: readonly number[], name: string): boolean {
    const dot = this.#options.dot;
    for (const component of this.#fileComponents(active)) if (matchesComponent(component, name, dot)) return true;
    return false;
  }

  /** Does any active component take `name` — a `**` also when what follows it does (`**\/.dotdir`)? */
  #evalAny(active: readonly number[], name: string): boolean {
    const components = this.#components;
    const dot = this.#options.dot;
    for (let k = 0; k < active.length; k++) {
      const index = active[k] as number;
      const component = components[index] as Component;
      if (matchesComponent(component, name, dot)) return true;
      const next = components[index + 1];
      if (component.hint === "double" && next !== undefined && matchesComponent(next, name, dot)) return true;
    }
    return false;
  }

  /** The literal components that name `name`: a link the pattern spells out is followed even without followSymlinks. */
  #literalSubset(active: readonly number[], name: string): number[] | undefined {
    let subset: number[] | undefined;
    for (let k = 0; k < active.length; k++) {
      const component = this.#components[active[k] as number] as Component;
      if (component.hint === "literal" && matchesComponent(component, name, this.#options.dot)) (subset ??= []).push(active[k] as number);
    }
    return subset;
  }
}

function addIndex(set: number[], index: number): void {
  if (!set.includes(index)) set.push(index);
}

/** The UTF-16 offset of byte offset `bytes` in `text`'s UTF-8 form. */
function byteToCharOffset(text: string, bytes: number): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (count >= bytes) return i;
    const unit = text.charCodeAt(i);
    if (unit < 0x80) count += 1;
    else if (unit < 0x800) count += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count += 4;
      i++;
    } else count += 3;
  }
  return text.length;
}
