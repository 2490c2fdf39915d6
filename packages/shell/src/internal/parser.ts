// Lexer and recursive-descent parser of Bun's shell language. The source is the
// template's raw text with one placeholder position per interpolated value
// (`markers`: position -> value index); a placeholder always becomes a `js`
// part, whatever character sits there, so a value can never turn into syntax.
import type { Assign, CondExpr, Expr, If, Part, PipelineItem, Redirect, RedirectFlags, Script, Word } from "./ast.ts";
import { closingBacktick, lexErrors, UNCLOSED } from "./lex-errors.ts";

type Op = "|" | "||" | "&&" | "&" | ";" | "\n" | "(" | ")";

type Token =
  /** `lost`: cut off by a `[[`/`]]` with no unquoted text before it, Bun drops the word (see `lexWord`). */
  | { readonly t: "word"; readonly parts: Part[]; readonly plain: string | null; readonly lost?: true }
  | { readonly t: "op"; readonly op: Op }
  | { readonly t: "redir"; readonly flags: RedirectFlags }
  /** `[[` or `]]` standing alone (see `lexBracket`). */
  | { readonly t: "bracket"; readonly open: boolean }
  | { readonly t: "eof" };

/** A parsed template, reusable with other values of the same kinds. */
export interface Parsed {
  readonly script: Script;
  /** Value indices that stand alone as a redirect's target (where objects are allowed). */
  readonly redirectTargets: ReadonlySet<number>;
}

// Bun splits words on spaces and newlines only (a tab stays inside the word).
const WORD_END = new Set([" ", "\n", ";", "&", "|", "(", ")", "<", ">"]);
const SINGLE_ARG_OPS = new Set(["-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w", "-x", "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v", "-R"]);
const SUPPORTED_SINGLE = new Set(["-a", "-d", "-e", "-f", "-z", "-n", "-c"]);
const BINARY_OPS = new Set(["==", "=", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-ef", "-nt", "-ot", "=~"]);
const SUPPORTED_BINARY = new Set(["==", "!="]);

function flags(partial: Partial<RedirectFlags>): RedirectFlags {
  return { stdin: false, stdout: false, stderr: false, append: false, duplicate: false, ...partial };
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** The text of the first token Bun's lexer makes of a word (it splits off `{`, `}`, `,`, `*`, quotes, variables). */
function firstLexeme(parts: readonly Part[]): string {
  const first = parts[0];
  switch (first?.kind) {
    case "text": {
      if (first.quoted) return first.value;
      const special = first.value.search(/[{},*]/);
      if (special === 0) return `\`${first.value[0] as string}\``;
      return special > 0 ? first.value.slice(0, special) : first.value;
    }
    case "var":
      return first.name;
    case "subst":
      return "`$(`";
    case "tilde":
      return "~";
    default:
      return "";
  }
}

/** How Bun's conditional-expression errors show a token: its text, mostly in backticks. */
function humanTag(token: Token, closer: Closer | undefined): string {
  switch (token.t) {
    case "eof":
      return "EOF";
    case "redir":
      // Every redirect shows as `>`.
      return "`>`";
    case "bracket":
      return token.open ? "[[" : "]]";
    case "word":
      return firstLexeme(token.parts);
    case "op":
      if (token.op === "\n") return "`\\n`";
      // A subshell's `)` lacks its closing backtick in Bun's table.
      return token.op === ")" && closer !== "subst" ? "`)" : `\`${token.op}\``;
  }
}

/** Bun's name for a token in its parse errors (`)` is CmdSubstEnd where it ends a `$(`). */
function tokenTag(token: Token, closer: Closer | undefined = undefined): string {
  if (token.t === "op" && token.op === ")" && closer === "subst") return "CmdSubstEnd";
  switch (token.t) {
    case "eof":
      return "Eof";
    case "redir":
      return "Redirect";
    case "word":
      return "Text";
    case "bracket":
      return token.open ? "DoubleBracketOpen" : "DoubleBracketClose";
    case "op":
      return { "|": "Pipe", "||": "DoublePipe", "&&": "DoubleAmpersand", "&": "Ampersand", ";": "Semicolon", "\n": "Newline", "(": "OpenParen", ")": "CloseParen" }[token.op];
  }
}

export class ShellSyntaxError extends Error {}

/** What a `)` would close: a command substitution or a subshell. */
type Closer = "subst" | "subshell";


/** Whether a statement ends with a subshell, after which Bun reads on as if a command followed. */
function endsWithSubshell(expr: Expr): boolean {
  switch (expr.kind) {
    case "subshell":
      return true;
    case "pipeline":
      return expr.items.at(-1)?.kind === "subshell";
    case "binary":
      return endsWithSubshell(expr.right);
    default:
      return false;
  }
}

class Parser {
  private readonly src: string;
  private readonly markers: ReadonlyMap<number, number>;
  private pos = 0;
  private peeked: Token | null = null;
  /** The `$(` and `(` we are inside, innermost last: `)` ends them. */
  private readonly closers: Closer[] = [];
  /** Parsing a backtick substitution's text, whose end Bun reads as CmdSubstEnd. */
  private readonly inBackticks: boolean;
  readonly redirectTargets = new Set<number>();

  constructor(src: string, markers: ReadonlyMap<number, number>, inBackticks = false) {
    this.src = src;
    this.markers = markers;
    this.inBackticks = inBackticks;
  }

  fail(message: string): never {
    throw new ShellSyntaxError(message);
  }

  /** The end of a backtick substitution's text is its closing backtick: Bun's CmdSubstEnd. */
  private endsBackticks(token: Token): boolean {
    return token.t === "eof" && this.inBackticks && this.closers.length === 0;
  }

  private tag(token: Token): string {
    return this.endsBackticks(token) ? "CmdSubstEnd" : tokenTag(token, this.closers.at(-1));
  }

  private human(token: Token): string {
    return this.endsBackticks(token) ? "`)`" : humanTag(token, this.closers.at(-1));
  }

  // ---- lexer ----

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (this.markers.has(this.pos)) return;
      if (c === " ") this.pos++;
      else if (c === "\\" && this.src[this.pos + 1] === "\n" && !this.markers.has(this.pos + 1)) this.pos += 2;
      else if (c === "#") {
        while (this.pos < this.src.length && (this.src[this.pos] !== "\n" || this.markers.has(this.pos))) this.pos++;
      } else return;
    }
  }

  /**
   * Whether `[[` or `]]` at `at` stands alone, as Bun's lexer decides: `[[`
   * before a blank (or, a slip of Bun's, as `]]` at the very end), `]]`
   * before a blank, `;`, `&`, `|`, `>` or the end; anywhere in a word, which
   * it ends. Null: plain text.
   */
  private bracketAt(at: number): { open: boolean } | null {
    const { src, markers } = this;
    const c = src[at];
    if ((c !== "[" && c !== "]") || src[at + 1] !== c || markers.has(at) || markers.has(at + 1)) return null;
    const after = markers.has(at + 2) ? "x" : src[at + 2];
    if (after === undefined) return { open: false };
    if (after === " " || after === "\r" || after === "\n" || after === "\t") return { open: c === "[" };
    return c === "]" && (after === ";" || after === "&" || after === "|" || after === ">") ? { open: false } : null;
  }

  /** Bun reads `1>`, `2>`, `1<` and `2<` as redirects even inside a word (`echo a1>f` writes "a"). */
  private fdRedirectAt(at: number): boolean {
    const c = this.src[at];
    const next = this.src[at + 1];
    return (c === "1" || c === "2") && (next === ">" || next === "<") && !this.markers.has(at) && !this.markers.has(at + 1);
  }

  private lex(): Token {
    this.skipBlanks();
    const { src } = this;
    const at = this.pos;
    if (at >= src.length) return { t: "eof" };
    const bracket = this.bracketAt(at);
    if (bracket !== null) {
      this.pos += 2;
      return { t: "bracket", open: bracket.open };
    }
    if (!this.markers.has(at)) {
      const c = src[at];
      const next = src[at + 1];
      const redirect = this.lexRedirect();
      if (redirect) return redirect;
      if (c === "|") return this.op(next === "|" ? "||" : "|");
      if (c === "&") return this.op(next === "&" ? "&&" : "&");
      if (c === ";" || c === "\n" || c === "(" || c === ")") return this.op(c);
    }
    return this.lexWord();
  }

  private op(op: Op): Token {
    this.pos += op.length;
    return { t: "op", op };
  }

  private lexRedirect(): Token | null {
    const rest = this.src.slice(this.pos, this.pos + 4);
    const table: [string, Partial<RedirectFlags>][] = [
      ["2>&1", { stderr: true, duplicate: true }],
      ["1>&2", { stdout: true, duplicate: true }],
      ["&>>", { stdout: true, stderr: true, append: true }],
      ["&>", { stdout: true, stderr: true }],
      ["2>>", { stderr: true, append: true }],
      ["2>", { stderr: true }],
      ["1>>", { stdout: true, append: true }],
      ["1>", { stdout: true }],
      [">>", { stdout: true, append: true }],
      [">", { stdout: true }],
      // Bun takes the descriptor's number before `<` as what is redirected: `1<f` writes stdout to f.
      ["0<", { stdin: true }],
      ["1<", { stdout: true }],
      ["2<", { stderr: true }],
      ["<", { stdin: true }],
    ];
    for (const [text, partial] of table) {
      if (!rest.startsWith(text)) continue;
      for (let i = 0; i < text.length; i++) if (this.markers.has(this.pos + i)) return null;
      this.pos += text.length;
      return { t: "redir", flags: flags(partial) };
    }
    return null;
  }

  private lexWord(): Token {
    const parts: Part[] = [];
    let text = "";
    const flush = (): void => {
      if (text !== "") parts.push({ kind: "text", value: text, quoted: false });
      text = "";
    };
    const { src } = this;
    while (this.pos < src.length) {
      const marker = this.markers.get(this.pos);
      if (marker !== undefined) {
        flush();
        parts.push({ kind: "js", index: marker, quoted: false });
        this.pos++;
        continue;
      }
      const c = src[this.pos] as string;
      if (WORD_END.has(c) || this.bracketAt(this.pos) !== null || this.fdRedirectAt(this.pos)) break;
      if (c === "\\") {
        const escaped = src[this.pos + 1];
        // Bun ends the word at an escaped newline.
        if (escaped === "\n") break;
        this.pos += 2;
        if (escaped === undefined) continue;
        flush();
        parts.push({ kind: "text", value: escaped, quoted: true });
      } else if (c === "'") {
        flush();
        this.lexSingleQuoted(parts);
      } else if (c === '"') {
        flush();
        this.lexDoubleQuoted(parts);
      } else if (c === "$") {
        flush();
        this.lexDollar(parts, false);
      } else if (c === "`") {
        // Bun does not end the word before a backtick: its text so far (since a `{`, `}`, `,`
        // or `*`, which its lexer makes tokens of) becomes the start of the substitution's
        // first word (`ab\`echo x\`` runs `abecho x`).
        const cut = Math.max(text.lastIndexOf("{"), text.lastIndexOf("}"), text.lastIndexOf(","), text.lastIndexOf("*")) + 1;
        const pending = text.slice(cut);
        text = text.slice(0, cut);
        flush();
        this.lexBacktick(parts, false, pending);
      } else if (c === "~" && parts.length === 0 && text === "") {
        parts.push({ kind: "tilde" });
        this.pos++;
      } else {
        text += c;
        this.pos++;
      }
    }
    // Bun ends a word before `[[`/`]]` only when unquoted text is pending; after a quote,
    // a variable or a substitution its parser loses the word's parts instead.
    const lost = text === "" && parts.length > 0 && this.bracketAt(this.pos) !== null;
    flush();
    const only = parts[0];
    const plain = parts.length === 1 && only?.kind === "text" && !only.quoted ? only.value : null;
    return lost ? { t: "word", parts, plain, lost } : { t: "word", parts, plain };
  }

  private lexSingleQuoted(parts: Part[]): void {
    this.pos++;
    let text = "";
    let closed = false;
    while (this.pos < this.src.length) {
      const marker = this.markers.get(this.pos);
      if (marker !== undefined) {
        if (text !== "") parts.push({ kind: "text", value: text, quoted: true });
        text = "";
        parts.push({ kind: "js", index: marker, quoted: true });
        this.pos++;
        continue;
      }
      const c = this.src[this.pos++];
      if (c === "'") {
        closed = true;
        break;
      }
      text += c;
    }
    // An empty '' still makes an (empty) argument.
    if (text !== "" || closed) parts.push({ kind: "text", value: text, quoted: true });
  }

  private lexDoubleQuoted(parts: Part[]): void {
    this.pos++;
    let text = "";
    const flush = (force = false): void => {
      if (text !== "" || force) parts.push({ kind: "text", value: text, quoted: true });
      text = "";
    };
    const start = parts.length;
    while (this.pos < this.src.length) {
      const marker = this.markers.get(this.pos);
      if (marker !== undefined) {
        flush();
        parts.push({ kind: "js", index: marker, quoted: true });
        this.pos++;
        continue;
      }
      const c = this.src[this.pos] as string;
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === "\\") {
        const next = this.src[this.pos + 1];
        if (next === "$" || next === "`" || next === '"' || next === "\\") {
          text += next;
          this.pos += 2;
        } else if (next === "\n") this.pos += 2;
        else {
          text += c;
          this.pos++;
        }
      } else if (c === "$") {
        flush();
        this.lexDollar(parts, true);
      } else if (c === "`") {
        flush();
        this.lexBacktick(parts, true);
      } else {
        text += c;
        this.pos++;
      }
    }
    flush(parts.length === start);
  }

  private lexDollar(parts: Part[], quoted: boolean): void {
    const { src } = this;
    const next = src[this.pos + 1];
    if (this.markers.has(this.pos + 1)) {
      parts.push({ kind: "text", value: "$", quoted: true });
      this.pos++;
      return;
    }
    if (next === "(") {
      this.pos += 2;
      parts.push({ kind: "subst", script: this.parseSubst(), quoted });
      return;
    }
    // `${NAME}` is not expanded by Bun: the `$` is literal.
    if (next !== undefined && /[0-9]/.test(next)) {
      parts.push({ kind: "argv", index: Number(next), quoted });
      this.pos += 2;
      return;
    }
    if (isNameStart(next)) {
      let end = this.pos + 1;
      while (isNameChar(src[end]) && !this.markers.has(end)) end++;
      parts.push({ kind: "var", name: src.slice(this.pos + 1, end), quoted });
      this.pos = end;
      return;
    }
    parts.push({ kind: "text", value: "$", quoted: true });
    this.pos++;
  }

  private lexBacktick(parts: Part[], quoted: boolean, pending = ""): void {
    const end = closingBacktick(this.src, this.markers, this.pos);
    const inner = new Map<number, number>();
    const shift = pending.length - this.pos - 1;
    for (const [at, index] of this.markers) if (at > this.pos && at < end) inner.set(at + shift, index);
    const sub = new Parser(pending + this.src.slice(this.pos + 1, end), inner, true);
    const script = sub.parseTop();
    if (script.stmts.length === 0) this.fail('expected a command or assignment but got: "CmdSubstEnd"');
    for (const index of sub.redirectTargets) this.redirectTargets.add(index);
    parts.push({ kind: "subst", script, quoted });
    this.pos = Math.min(end + 1, this.src.length);
  }

  private parseSubst(): Script {
    const stmts = this.enclosed("subst");
    if (stmts.length === 0) this.fail('expected a command or assignment but got: "CmdSubstEnd"');
    return { stmts };
  }

  /** Statements up to the `)` that closes `closer` (`lexErrors` has made sure there is one). */
  private enclosed(closer: Closer): Expr[] {
    this.closers.push(closer);
    const stmts = this.parseStmts(null);
    if (!this.isOp(this.next(), ")")) this.fail(UNCLOSED[closer === "subst" ? "dollar" : "subshell"]);
    this.closers.pop();
    return stmts;
  }

  // ---- token stream ----

  private peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  private next(): Token {
    const token = this.peek();
    this.peeked = null;
    return token;
  }

  private isOp(token: Token, ...ops: Op[]): boolean {
    return token.t === "op" && ops.includes(token.op);
  }

  private isKeyword(token: Token, words: readonly string[]): boolean {
    return token.t === "word" && token.plain !== null && words.includes(token.plain);
  }

  /** The end of a statement: `;`, newline, end of input or the closing `)` we are inside. */
  private atStmtEnd(token: Token): boolean {
    return token.t === "eof" || this.isOp(token, ";", "\n") || (this.closers.length > 0 && this.isOp(token, ")"));
  }

  // ---- grammar ----

  parseTop(): Script {
    const stmts = this.parseStmts(null);
    const rest = this.peek();
    if (rest.t !== "eof") this.fail(rest.t === "op" ? `Unexpected '${rest.op}'` : `Unexpected token: ${this.tag(rest)}`);
    return { stmts };
  }

  /**
   * Statements until the end, a closing `)`, or one of `until`'s keywords
   * where a statement starts. Bun's statements, as its parser reads them:
   * - a statement is expressions up to a `;` or newline, which it consumes; what
   *   follows an expression without one is another expression, where a keyword
   *   is a command's name;
   * - a `;` where a statement would start is an empty one (status 0);
   * - newlines there are skipped, and a keyword after them is a command's name too.
   */
  private parseStmts(until: readonly string[] | null): Expr[] {
    const stmts: Expr[] = [];
    for (;;) {
      let token = this.peek();
      if (until !== null && this.isKeyword(token, until)) return stmts;
      while (this.isOp(token, "\n")) {
        this.next();
        token = this.peek();
      }
      if (this.isOp(token, ";")) {
        this.next();
        stmts.push({ kind: "assigns", assigns: [] });
        continue;
      }
      if (token.t === "eof" || this.isOp(token, ")")) return stmts;
      if (!this.parseStatement(stmts)) return stmts;
    }
  }

  /** One statement's expressions into `stmts`; false when it ended the list (no `;` or newline after it). */
  private parseStatement(stmts: Expr[]): boolean {
    for (;;) {
      const expr = this.parseBinary();
      stmts.push(expr);
      const token = this.peek();
      if (this.isOp(token, "&")) this.fail('Background commands "&" are not supported yet.');
      if (this.isOp(token, ";", "\n")) {
        this.next();
        return true;
      }
      if (endsWithSubshell(expr)) this.checkAfterSubshell(token);
      if (token.t === "eof" || this.isOp(token, ")")) return false;
    }
  }

  /**
   * Bun goes on to a command after a subshell that no `;`, newline or
   * operator ends, so what cannot begin one is an error there: the end of
   * the enclosing `$(…)` or backticks, and `]]`.
   */
  private checkAfterSubshell(token: Token): void {
    const endsSubst = this.isOp(token, ")") ? this.closers.at(-1) === "subst" : token.t === "eof" && this.inBackticks;
    if (endsSubst) this.fail('expected a command or assignment but got: "CmdSubstEnd"');
  }

  private parseBinary(): Expr {
    let left = this.parsePipeline();
    for (;;) {
      const token = this.peek();
      if (!this.isOp(token, "&&", "||")) return left;
      this.next();
      const right = this.parsePipeline();
      left = { kind: "binary", op: (token as { op: "&&" | "||" }).op, left, right };
    }
  }

  private parsePipeline(): Expr {
    const first = this.parseCompound();
    if (!this.isOp(this.peek(), "|")) return first;
    const items: PipelineItem[] = [first];
    while (this.isOp(this.peek(), "|")) {
      this.next();
      items.push(this.parseCompound());
    }
    return { kind: "pipeline", items };
  }

  private parseCompound(): PipelineItem {
    const token = this.peek();
    if (this.isOp(token, "(")) return this.parseSubshell();
    if (this.isKeyword(token, ["if"])) return this.parseIf();
    if (token.t === "bracket" && token.open) return this.parseCondExpr();
    return this.parseSimple();
  }

  private parseSubshell(): PipelineItem {
    this.next();
    const stmts = this.enclosed("subshell");
    // Bun reads the redirect (and its missing file) before it refuses it.
    if (this.peek().t === "redir" && this.parseRedirect() !== undefined) this.fail("Subshells with redirections are currently not supported. Please open a GitHub issue.");
    return { kind: "subshell", script: { stmts } };
  }

  private expectKeyword(word: string, what: string): void {
    const token = this.peek();
    if (!this.isKeyword(token, [word])) this.fail(`Expected ${what} but got: ${this.tag(token)}`);
    this.next();
  }

  private parseIf(): If {
    this.next();
    const branches: { cond: Expr[]; body: Expr[] }[] = [];
    let otherwise: Expr[] | null = null;
    const cond = this.parseStmts(["then"]);
    this.expectKeyword("then", '"then"');
    branches.push({ cond, body: this.parseStmts(["else", "elif", "fi"]) });
    for (;;) {
      const token = this.peek();
      if (this.isKeyword(token, ["elif"])) {
        this.next();
        const elifCond = this.parseStmts(["then"]);
        this.expectKeyword("then", '"then"');
        branches.push({ cond: elifCond, body: this.parseStmts(["else", "elif", "fi"]) });
        continue;
      }
      if (this.isKeyword(token, ["else"])) {
        this.next();
        otherwise = this.parseStmts(["fi"]);
        this.expectKeyword("fi", '"fi"');
        break;
      }
      if (this.isKeyword(token, ["fi"])) {
        this.next();
        break;
      }
      this.fail(`Expected "else", "elif", or "fi" but got: ${this.tag(token)}`);
    }
    return { kind: "if", branches, otherwise };
  }

  /** The next token as a `[[ ]]` operand: a `(` there is Bun's unexpected token. */
  private condWord(): Token {
    const token = this.next();
    if (this.isOp(token, "(")) this.fail("Unexpected token: `(`");
    return token;
  }

  private parseCondExpr(): CondExpr {
    this.next();
    const first = this.condWord();
    if (first.t !== "word") this.fail(`Expected a conditional expression operand, but got: ${this.human(first)}`);
    const close = (): void => {
      const token = this.next();
      if (!(token.t === "bracket" && !token.open)) this.fail(`Expected "]]" but got: ${this.human(token)}`);
    };
    if (first.plain?.startsWith("-")) {
      if (!SINGLE_ARG_OPS.has(first.plain)) this.fail(`Unknown conditional expression operation: ${first.plain}`);
      if (!SUPPORTED_SINGLE.has(first.plain)) this.fail(`Conditional expression operation: ${first.plain}, is not supported right now. Please open a GitHub issue if you would like it to be supported.`);
      const arg = this.condWord();
      if (arg.t !== "word") this.fail(`Expected a word, but got: ${this.human(arg)}`);
      close();
      return { kind: "condexpr", op: first.plain, args: [arg.parts] };
    }
    const operator = this.condOperator(this.next());
    if (!BINARY_OPS.has(operator)) this.fail(`Unknown conditional expression operation: ${operator}`);
    if (!SUPPORTED_BINARY.has(operator)) this.fail(`Conditional expression operation: ${operator}, is not supported right now. Please open a GitHub issue if you would like it to be supported.`);
    const second = this.condWord();
    if (second.t !== "word") this.fail(`Expected a word, but got: ${this.human(second)}`);
    close();
    return { kind: "condexpr", op: operator, args: [first.parts, second.parts] };
  }

  /**
   * A binary operator must be one plain word to Bun, whose lexer makes
   * tokens of `{`, `}`, `,` and `*`, quotes, variables and substitutions:
   * one of those first is named; one later means the word is not simple.
   */
  private condOperator(op: Token): string {
    if (op.t !== "word") this.fail(`Expected a conditional expression operator, but got: ${this.human(op)}`);
    const [first, ...rest] = op.parts;
    if (first?.kind === "tilde" && rest.length === 0) return "~";
    const plainStart = first?.kind === "text" && !first.quoted && !/^[{},*]/.test(first.value);
    if (!plainStart && first?.kind !== "tilde") this.fail(`Expected a conditional expression operator, but got: ${firstLexeme(op.parts)}`);
    if (first?.kind !== "text" || /[{},*]/.test(first.value) || rest.length > 0) this.fail("Expected a single, simple word");
    return first.value;
  }

  private assignment(token: Token): Assign | null {
    if (token.t !== "word") return null;
    const first = token.parts[0];
    if (first?.kind !== "text" || first.quoted) return null;
    const eq = first.value.indexOf("=");
    if (eq <= 0) return null;
    const name = first.value.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return null;
    const rest = first.value.slice(eq + 1);
    const value: Part[] = rest === "" ? [] : [{ kind: "text", value: rest, quoted: false }];
    value.push(...token.parts.slice(1));
    return { name, value };
  }

  private parseSimple(): PipelineItem {
    const assigns: Assign[] = [];
    for (;;) {
      const token = this.peek();
      const assign = this.assignment(token);
      if (assign === null) break;
      if (token.t === "word" && token.lost === true) this.fail("Expected an atom");
      this.next();
      assigns.push(assign);
    }
    const token = this.peek();
    // Bun names the token here, except a statement's own end (a substitution's `)` is not one to it).
    const endsSubst = (this.isOp(token, ")") && this.closers.at(-1) === "subst") || this.endsBackticks(token);
    if (this.atStmtEnd(token) && !endsSubst) {
      if (assigns.length === 0) this.fail("expected a command or assignment");
      return { kind: "assigns", assigns };
    }
    if (token.t !== "word") {
      if (assigns.length === 0) this.fail(`expected a command or assignment but got: "${this.tag(token)}"`);
      this.refuseParenAfterWords();
      return { kind: "assigns", assigns };
    }
    const words: Word[] = [];
    for (let token = this.peek(); token.t === "word"; token = this.peek()) {
      this.next();
      if (token.lost !== true) words.push(token.parts);
    }
    const redirect = this.parseRedirect();
    if (redirect === null) this.refuseParenAfterWords();
    return { kind: "cmd", assigns, words, redirect };
  }

  /** Bun takes no `(` straight after a command's words or assignments (after a redirect it may start a subshell). */
  private refuseParenAfterWords(): void {
    if (this.isOp(this.peek(), "(")) this.fail("Unexpected token: `(`");
  }

  private parseRedirect(): Redirect | null {
    const token = this.peek();
    if (token.t !== "redir") return null;
    this.next();
    const target = this.peek();
    if (this.isOp(target, "(")) this.fail("Unexpected token: `(`");
    if (target.t !== "word" || target.lost === true) {
      if (token.flags.duplicate) return { flags: token.flags, target: null };
      this.fail("Redirection with no file");
    }
    this.next();
    const only = target.parts[0];
    if (target.parts.length === 1 && only?.kind === "js") this.redirectTargets.add(only.index);
    // Bun reads a word after `2>&1` as a file for the other stream: `2>&1 f` sends stdout to f, `1>&2 f` stderr.
    const redirected = token.flags.duplicate ? flags({ stdout: token.flags.stderr, stderr: token.flags.stdout }) : token.flags;
    return { flags: redirected, target: target.parts };
  }
}

/** Parses a whole script. Throws {@link ShellSyntaxError} with Bun's message. */
export function parse(src: string, markers: ReadonlyMap<number, number>): Parsed {
  const errors = lexErrors(src, markers);
  if (errors.length > 0) throw new ShellSyntaxError(errors.join("\n"));
  const parser = new Parser(src, markers);
  const script = parser.parseTop();
  return { script, redirectTargets: parser.redirectTargets };
}

