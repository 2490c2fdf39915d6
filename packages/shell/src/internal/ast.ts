// The syntax tree of a Bun shell script. Interpolated JavaScript values never
// become syntax: they stay `js` parts that point into the template's values.

export type Part =
  /** Literal text; `quoted` text takes no part in brace, glob or tilde expansion. */
  | { readonly kind: "text"; readonly value: string; readonly quoted: boolean }
  /** An unquoted `~` at the start of a word. */
  | { readonly kind: "tilde" }
  | { readonly kind: "var"; readonly name: string; readonly quoted: boolean }
  /** `$0` … `$9`: the process's argv. */
  | { readonly kind: "argv"; readonly index: number; readonly quoted: boolean }
  | { readonly kind: "subst"; readonly script: Script; readonly quoted: boolean }
  /** The template's `index`-th interpolated value. */
  | { readonly kind: "js"; readonly index: number; readonly quoted: boolean };

export type Word = readonly Part[];

export interface RedirectFlags {
  readonly stdin: boolean;
  readonly stdout: boolean;
  readonly stderr: boolean;
  readonly append: boolean;
  /** `2>&1` (with `stderr`) or `1>&2` (with `stdout`): no file. */
  readonly duplicate: boolean;
}

export interface Redirect {
  readonly flags: RedirectFlags;
  readonly target: Word | null;
}

export interface Assign {
  readonly name: string;
  readonly value: Word;
}

export interface Cmd {
  readonly kind: "cmd";
  readonly assigns: readonly Assign[];
  readonly words: readonly Word[];
  readonly redirect: Redirect | null;
}

interface Assigns {
  readonly kind: "assigns";
  readonly assigns: readonly Assign[];
}

interface Subshell {
  readonly kind: "subshell";
  readonly script: Script;
}

export interface If {
  readonly kind: "if";
  /** Condition/body pairs: `if` then each `elif`. */
  readonly branches: readonly { readonly cond: readonly Expr[]; readonly body: readonly Expr[] }[];
  readonly otherwise: readonly Expr[] | null;
}

export interface CondExpr {
  readonly kind: "condexpr";
  readonly op: string;
  readonly args: readonly Word[];
}

export type PipelineItem = Cmd | Assigns | Subshell | If | CondExpr;

interface Pipeline {
  readonly kind: "pipeline";
  readonly items: readonly PipelineItem[];
}

interface Binary {
  readonly kind: "binary";
  readonly op: "&&" | "||";
  readonly left: Expr;
  readonly right: Expr;
}

export type Expr = PipelineItem | Pipeline | Binary;

export interface Script {
  readonly stmts: readonly Expr[];
}
