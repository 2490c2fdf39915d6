// A pattern cut at its slashes into the components the directory walk matches
// one directory level at a time, each with the cheapest test that gives Bun's
// answer: a literal compares names, `*.ext` compares endings, `*` and `**`
// take anything, the rest runs the full matcher on the name.
import { compileGlob, matchGlob } from "./matcher.ts";
import type { CompiledGlob } from "./matcher.ts";
import { encodeToScratch, scratchBytes } from "./utf8.ts";

/** How a component is matched (Bun's "syntax hint"). */
type Hint = "none" | "single" | "double" | "suffix" | "literal" | "dot" | "dotdot";

export interface Component {
  readonly hint: Hint;
  /** The component's text without its trailing `/`. */
  readonly text: string;
  /** Only the last component can end with `/`: then it matches directories only. */
  readonly trailingSlash: boolean;
  /** A component written with a leading `.` may match dotfiles without `dot`. */
  readonly startsWithDot: boolean;
  /** For "suffix" (`*.ext`): the ending, `.ext`. */
  readonly suffix: string;
  /** For "none": the component as its own glob. */
  readonly glob: CompiledGlob | undefined;
}

export interface ParsedPattern {
  readonly components: readonly Component[];
  /** For an absolute pattern: the leading part without glob syntax (up to and with its last `/`), and the component after it. */
  readonly literalPrefixEnd: number;
  readonly firstComponentAfterPrefix: number;
}

const SLASH = 0x2f;
let decoder: TextDecoder | undefined;

function isGlobSyntax(byte: number): boolean {
  // * [ { ? !
  return byte === 0x2a || byte === 0x5b || byte === 0x7b || byte === 0x3f || byte === 0x21;
}

function text(bytes: Uint8Array, start: number, end: number): string {
  decoder ??= new TextDecoder();
  return decoder.decode(bytes.subarray(start, end));
}

function makeComponent(pattern: Uint8Array, start: number, end: number): Component | undefined {
  const length = end - start;
  if (length === 0) return undefined;
  const trailingSlash = pattern[end - 1] === SLASH;
  const body = text(pattern, start, trailingSlash ? end - 1 : end);
  const whole = trailingSlash ? `${body}/` : body;
  const base = { text: body, trailingSlash, startsWithDot: body.startsWith("."), suffix: "", glob: undefined };
  if (whole === ".") return { ...base, hint: "dot" };
  if (whole === "..") return { ...base, hint: "dotdot" };
  let special = false;
  for (let i = start; i < end; i++) if (isGlobSyntax(pattern[i] as number)) special = true;
  if (!special) return { ...base, hint: "literal" };
  if (length === 1 && pattern[start] === 0x2a) return { ...base, hint: "single" };
  if (length === 2 && pattern[start] === 0x2a && pattern[start + 1] === 0x2a) return { ...base, hint: "double" };
  // `*.ext`: Bun compares the ending, when nothing after `*.` — to the end of the
  // whole pattern — is glob syntax (escapes are then compared as written).
  if (length > 1 && pattern[start] === 0x2a && pattern[start + 1] === 0x2e && start + 2 < pattern.length) {
    let plain = true;
    for (let i = start + 2; i < pattern.length; i++) {
      const byte = pattern[i];
      if (byte === 0x5b || byte === 0x7b || byte === 0x3f || byte === 0x2a) plain = false;
    }
    if (plain) return { ...base, hint: "suffix", suffix: body.slice(1) };
  }
  return { ...base, hint: "none", glob: compileGlob(pattern.slice(start, trailingSlash ? end - 1 : end)) };
}

/** Bun's `buildPatternComponents`: components, and for absolute patterns the literal directory to start in. */
export function parsePattern(pattern: Uint8Array): ParsedPattern {
  const components: Component[] = [];
  let start = 0;
  let sawSpecial = false;
  let literalPrefixEnd = 0;
  let firstComponentAfterPrefix = 0;
  const add = (component: Component | undefined, end: number): void => {
    if (component === undefined) return;
    sawSpecial ||= component.hint !== "literal";
    if (!sawSpecial) {
      firstComponentAfterPrefix = components.length;
      literalPrefixEnd = end;
    }
    components.push(component);
  };
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== SLASH) continue;
    // The last `/` stays with its component: it asks for a directory.
    const end = i + 1 === pattern.length ? i + 1 : i;
    add(makeComponent(pattern, start, end), i + 1);
    start = i + 1;
  }
  const last = makeComponent(pattern, start, pattern.length);
  if (last !== undefined) add(last, pattern.length);
  else if (!sawSpecial) {
    firstComponentAfterPrefix = components.length;
    literalPrefixEnd = pattern.length;
  }
  return { components, literalPrefixEnd, firstComponentAfterPrefix };
}

/** Bun's `matchPatternImpl`: does a directory entry's name match one component? */
export function matchesComponent(component: Component, name: string, dot: boolean): boolean {
  if (!dot && name.charCodeAt(0) === 0x2e && !component.startsWithDot) return false;
  switch (component.hint) {
    case "double":
    case "single":
      return true;
    case "suffix":
      return name.endsWith(component.suffix);
    case "literal":
      return name === component.text;
    case "none": {
      const length = encodeToScratch(name);
      return matchGlob(component.glob as CompiledGlob, scratchBytes(), length);
    }
    default:
      // `.` and `..` never name a directory entry.
      return false;
  }
}
