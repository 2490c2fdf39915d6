// Bun's lenient JSON reader (the one behind tsconfig.json and Bun.JSONC):
// JSON plus comments and trailing commas, read with JavaScript's lexer, so
// single-quoted strings and leading zeros pass, and anything after the first
// complete value is ignored. Error messages follow Bun's.

const PUNCTUATION = "{}[],:";

class Lexer {
  readonly s: string;
  i = 0;
  /** The current token: "eof", "string", "number", "name" or the punctuation char. */
  kind = "eof";
  text = "";
  value: unknown = undefined;
  private readonly fail: (message: string) => Error;

  constructor(s: string, fail: (message: string) => Error) {
    this.s = s;
    this.fail = fail;
  }

  private skipTrivia(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029) {
        this.i++;
      } else if (c === 0x2f && s.charCodeAt(this.i + 1) === 0x2f) {
        while (this.i < s.length && s.charCodeAt(this.i) !== 0x0a) this.i++;
      } else if (c === 0x2f && s.charCodeAt(this.i + 1) === 0x2a) {
        const close = s.indexOf("*/", this.i + 2);
        if (close === -1) throw this.fail('Expected "*/" to terminate multi-line comment');
        this.i = close + 2;
      } else break;
    }
  }

  next(): void {
    this.skipTrivia();
    const s = this.s;
    const start = this.i;
    if (start >= s.length) {
      this.kind = "eof";
      this.text = "end of file";
      return;
    }
    const c = s[start]!;
    if (PUNCTUATION.includes(c)) {
      this.i++;
      this.kind = this.text = c;
    } else if (c === '"' || c === "'") {
      this.value = this.readString(c);
      this.kind = "string";
      this.text = s.slice(start, this.i);
    } else if (/[0-9.]/.test(c)) {
      this.readNumber();
    } else if (/[A-Za-z_$]/.test(c)) {
      let end = start + 1;
      while (end < s.length && /[A-Za-z0-9_$]/.test(s[end]!)) end++;
      this.i = end;
      this.kind = "name";
      this.text = s.slice(start, end);
    } else {
      this.i++;
      this.kind = "char";
      this.text = c;
    }
  }

  private readNumber(): void {
    const s = this.s;
    const start = this.i;
    let end = start;
    if (s[end] === "0" && (s[end + 1] === "x" || s[end + 1] === "X")) {
      end += 2;
      while (end < s.length && /[0-9a-fA-F_]/.test(s[end]!)) end++;
    } else {
      while (end < s.length && /[0-9_]/.test(s[end]!)) end++;
      if (s[end] === ".") {
        end++;
        while (end < s.length && /[0-9_]/.test(s[end]!)) end++;
      }
      if (s[end] === "e" || s[end] === "E") {
        let exponent = end + 1;
        if (s[exponent] === "+" || s[exponent] === "-") exponent++;
        if (/[0-9]/.test(s[exponent] ?? "")) {
          end = exponent;
          while (end < s.length && /[0-9_]/.test(s[end]!)) end++;
        }
      }
    }
    const body = s.slice(start, end).replaceAll("_", "");
    // JavaScript's legacy octal: 010 is 8 (08 stays decimal).
    const value = /^0[xX]/.test(body)
      ? Number.parseInt(body.slice(2), 16)
      : /^0[0-7]+$/.test(body)
        ? Number.parseInt(body, 8)
        : Number(body.replace(/^0+(?=\d)/, ""));
    if (Number.isNaN(value)) throw this.fail("Syntax Error");
    this.i = end;
    this.kind = "number";
    this.text = s.slice(start, end);
    this.value = value;
  }

  private readString(quote: string): string {
    const s = this.s;
    let out = "";
    let i = this.i + 1;
    for (;;) {
      if (i >= s.length) throw this.fail("Unterminated string literal");
      const c = s[i]!;
      if (c === quote) break;
      if (c === "\n" || c === "\r") throw this.fail("Unterminated string literal");
      if (c !== "\\") {
        out += c;
        i++;
        continue;
      }
      const e = s[i + 1];
      i += 2;
      switch (e) {
        case "n":
          out += "\n";
          break;
        case "t":
          out += "\t";
          break;
        case "r":
          out += "\r";
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "v":
          out += "\v";
          break;
        case "0":
          out += "\0";
          break;
        case "\r":
        case "\n":
          throw this.fail("Syntax Error");
        case "x": {
          const hex = s.slice(i, i + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw this.fail("Syntax Error");
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 2;
          break;
        }
        case "u": {
          if (s[i] === "{") {
            const close = s.indexOf("}", i);
            const hex = close === -1 ? "" : s.slice(i + 1, close);
            if (!/^[0-9a-fA-F]{1,6}$/.test(hex) || Number.parseInt(hex, 16) > 0x10ffff) throw this.fail("Syntax Error");
            out += String.fromCodePoint(Number.parseInt(hex, 16));
            i = close + 1;
          } else {
            const hex = s.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.fail("Syntax Error");
            out += String.fromCharCode(Number.parseInt(hex, 16));
            i += 4;
          }
          break;
        }
        case undefined:
          throw this.fail("Unterminated string literal");
        default:
          out += e;
      }
    }
    this.i = i + 1;
    return out;
  }
}

class Parser {
  private readonly lexer: Lexer;
  private readonly fail: (message: string) => Error;

  constructor(s: string, fail: (message: string) => Error) {
    this.fail = fail;
    this.lexer = new Lexer(s, fail);
  }

  private found(): string {
    return this.lexer.kind === "eof" ? "end of file" : `"${this.lexer.text}"`;
  }

  private expect(kind: string, what: string): void {
    if (this.lexer.kind !== kind) throw this.fail(`Expected ${what} but found ${this.found()}`);
  }

  value(): unknown {
    const lexer = this.lexer;
    switch (lexer.kind) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case "string":
      case "number": {
        const value = lexer.value;
        lexer.next();
        return value;
      }
      case "char":
        if (lexer.text === "-" || lexer.text === "+") {
          const sign = lexer.text;
          lexer.next();
          this.expect("number", "number");
          const value = lexer.value as number;
          lexer.next();
          return sign === "-" ? -value : value;
        }
        throw this.fail(`Unexpected ${lexer.text}`);
      case "name":
        if (lexer.text === "true" || lexer.text === "false" || lexer.text === "null") {
          const value = lexer.text === "null" ? null : lexer.text === "true";
          lexer.next();
          return value;
        }
        throw this.fail(`Unexpected ${lexer.text}`);
      case "eof":
        throw this.fail("Unexpected end of file");
      default:
        throw this.fail(`Unexpected ${lexer.text}`);
    }
  }

  private object(): Record<string, unknown> {
    const lexer = this.lexer;
    const out: Record<string, unknown> = {};
    lexer.next();
    for (let first = true; ; first = false) {
      if (lexer.kind === "}") break;
      if (!first) {
        this.expect(",", '","');
        lexer.next();
        if (lexer.kind === "}") break;
      }
      if (lexer.kind === "eof") this.expect("}", '"}"');
      this.expect("string", "string");
      const key = lexer.value as string;
      lexer.next();
      this.expect(":", '":"');
      lexer.next();
      Object.defineProperty(out, key, { value: this.value(), writable: true, enumerable: true, configurable: true });
    }
    lexer.next();
    return out;
  }

  private array(): unknown[] {
    const lexer = this.lexer;
    const out: unknown[] = [];
    lexer.next();
    for (let first = true; ; first = false) {
      if (lexer.kind === "]") break;
      if (lexer.kind === "eof") this.expect("]", '"]"');
      if (!first) {
        this.expect(",", '","');
        lexer.next();
        if (lexer.kind === "]") break;
      }
      out.push(this.value());
    }
    lexer.next();
    return out;
  }

  parse(): unknown {
    if (this.lexer.s.length === 0) throw this.fail("Unexpected end of input");
    this.lexer.next();
    // Anything after the first complete value is ignored, as in Bun.
    return this.value();
  }
}

export function parseJsonc(s: string): unknown {
  const fail = (message: string): Error => new SyntaxError(`JSONC Parse error: ${message}`);
  return new Parser(s, fail).parse();
}
