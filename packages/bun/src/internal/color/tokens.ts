// A small CSS tokenizer: just what a color value needs (idents, functions,
// hashes, numbers, percentages, dimensions, commas, slashes, parentheses),
// with comments and whitespace skipped.

export type Token =
  | { type: "ident"; value: string }
  | { type: "function"; name: string }
  | { type: "hash"; value: string }
  | { type: "number"; value: number }
  | { type: "percentage"; value: number }
  | { type: "dimension"; value: number; unit: string }
  | { type: "comma" | "slash" | "close" | "other" | "eof" };

function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x5f || code >= 0x80;
}

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code >= 0x80;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export class Tokenizer {
  private readonly text: string;
  private at = 0;

  constructor(text: string) {
    this.text = text;
  }

  private skipSpaceAndComments(): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.at);
      if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c) {
        this.at++;
      } else if (code === 0x2f && text.charCodeAt(this.at + 1) === 0x2a) {
        const end = text.indexOf("*/", this.at + 2);
        this.at = end < 0 ? text.length : end + 2;
      } else {
        return;
      }
    }
  }

  private name(): string {
    const start = this.at;
    while (this.at < this.text.length && isNameChar(this.text.charCodeAt(this.at))) this.at++;
    return this.text.slice(start, this.at);
  }

  private startsNumber(): boolean {
    const text = this.text;
    let i = this.at;
    const first = text.charCodeAt(i);
    if (first === 0x2b || first === 0x2d) i++;
    const code = text.charCodeAt(i);
    return isDigit(code) || (code === 0x2e && isDigit(text.charCodeAt(i + 1)));
  }

  private number(): number {
    const match = /^[+-]?(\d*\.?\d+|\d+\.)([eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 64));
    const literal = match![0];
    this.at += literal.length;
    return Number(literal);
  }

  next(): Token {
    this.skipSpaceAndComments();
    const text = this.text;
    if (this.at >= text.length) return { type: "eof" };
    const code = text.charCodeAt(this.at);
    if (this.startsNumber()) {
      const value = this.number();
      if (text.charCodeAt(this.at) === 0x25) {
        this.at++;
        return { type: "percentage", value };
      }
      if (isNameStart(text.charCodeAt(this.at))) return { type: "dimension", value, unit: this.name() };
      return { type: "number", value };
    }
    if (isNameStart(code) || (code === 0x2d && isNameStart(text.charCodeAt(this.at + 1)))) {
      const name = this.name();
      if (text.charCodeAt(this.at) === 0x28) {
        this.at++;
        return { type: "function", name };
      }
      return { type: "ident", value: name };
    }
    this.at++;
    switch (code) {
      case 0x23:
        return { type: "hash", value: this.name() };
      case 0x2c:
        return { type: "comma" };
      case 0x2f:
        return { type: "slash" };
      case 0x29:
        return { type: "close" };
      default:
        return { type: "other" };
    }
  }

  /** The next token, without consuming it. */
  peek(): Token {
    const at = this.at;
    const token = this.next();
    this.at = at;
    return token;
  }
}
