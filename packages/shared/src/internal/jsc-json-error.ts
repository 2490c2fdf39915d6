// What JavaScriptCore's JSON.parse (its LiteralParser, strict-JSON mode) says
// about malformed text. Only run after V8's JSON.parse has already rejected the
// text: the value is V8's, the message is computed here, token by token, the way
// JSC's lexer and parser meet the error.
//
// The rules, as JSC applies them:
// - whitespace is space, tab, LF, CR only;
// - the first lexer error wins over any parser error (e.g. `{"a":1 'x'}` reports
//   the single quote, not the missing `}`);
// - `true`/`false`/`null` match as prefixes (`trueabc` is `true` then `abc`);
//   other identifiers are [A-Za-z_$][A-Za-z0-9_$\u200C\u200D]*;
// - numbers: `-` must be followed by a digit, a leading `0` ends the integer part,
//   `.` must be followed by a digit, and an exponent without digits is not part
//   of the number (`1e` is `1` then the identifier `e`);
// - after a complete top-level value exactly one more token is lexed; anything
//   but the end gives no specific message ("Unable to parse JSON string");
// - nesting depth is unbounded (JSC falls back to an explicit stack), so this
//   scanner keeps an explicit stack too.

const PREFIX = "JSON Parse error: ";

const Tok = {
  LBracket: 0,
  RBracket: 1,
  LBrace: 2,
  RBrace: 3,
  String: 4,
  Identifier: 5,
  Number: 6,
  Colon: 7,
  LParen: 8,
  RParen: 9,
  Comma: 10,
  True: 11,
  False: 12,
  Null: 13,
  End: 14,
  Dot: 15,
  Assign: 16,
  Semi: 17,
  Error: 18,
} as const;
type Token = (typeof Tok)[keyof typeof Tok];

/** Single-character punctuators, by code unit. */
const punctuators: Readonly<Record<number, Token>> = {
  0x5b: Tok.LBracket,
  0x5d: Tok.RBracket,
  0x7b: Tok.LBrace,
  0x7d: Tok.RBrace,
  0x3a: Tok.Colon,
  0x28: Tok.LParen,
  0x29: Tok.RParen,
  0x2c: Tok.Comma,
  0x2e: Tok.Dot,
  0x3d: Tok.Assign,
  0x3b: Tok.Semi,
};

/** What parsePrimitiveValue says when a value was expected and this token came. */
const unexpected: Readonly<Partial<Record<Token, string>>> = {
  [Tok.RBracket]: "Unexpected token ']'",
  [Tok.RBrace]: "Unexpected token '}'",
  [Tok.Colon]: "Unexpected token ':'",
  [Tok.LParen]: "Unexpected token '('",
  [Tok.RParen]: "Unexpected token ')'",
  [Tok.Comma]: "Unexpected token ','",
  [Tok.Dot]: "Unexpected token '.'",
  [Tok.Assign]: "Unexpected token '='",
  [Tok.Semi]: "Unexpected token ';'",
  [Tok.End]: "Unexpected EOF",
};

const EXPECTED_COLON = "Expected ':' before value in object property definition";
const MAX_IDENTIFIER_SHOWN = 200;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isIdentifierStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24;
}

function isIdentifierPart(c: number): boolean {
  // U+200C/U+200D only occur in two-byte strings, where JSC accepts them.
  return isIdentifierStart(c) || isDigit(c) || c === 0x200c || c === 0x200d;
}

function isWhiteSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

class Lexer {
  pos = 0;
  /** The lexer's error message; once set, it is the one reported. */
  error: string | undefined;
  /** Start and end of the current identifier token. */
  identifierStart = 0;
  identifierEnd = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  next(): Token {
    const text = this.text;
    const end = text.length;
    let pos = this.pos;
    while (pos < end && isWhiteSpace(text.charCodeAt(pos))) pos++;
    this.pos = pos;
    if (pos === end) return Tok.End;
    const c = text.charCodeAt(pos);
    if (c === 0x22) return this.lexString();
    if (c === 0x27) {
      this.error = "Single quotes (') are not allowed in JSON";
      return Tok.Error;
    }
    if (c === 0x2d || isDigit(c)) return this.lexNumber();
    if (isIdentifierStart(c)) {
      if (c === 0x74 && text.startsWith("rue", pos + 1)) {
        this.pos = pos + 4;
        return Tok.True;
      }
      if (c === 0x66 && text.startsWith("alse", pos + 1)) {
        this.pos = pos + 5;
        return Tok.False;
      }
      if (c === 0x6e && text.startsWith("ull", pos + 1)) {
        this.pos = pos + 4;
        return Tok.Null;
      }
      let p = pos + 1;
      while (p < end && isIdentifierPart(text.charCodeAt(p))) p++;
      this.identifierStart = pos;
      this.identifierEnd = p;
      this.pos = p;
      return Tok.Identifier;
    }
    const punctuator = punctuators[c];
    if (punctuator !== undefined) {
      this.pos = pos + 1;
      return punctuator;
    }
    // One UTF-16 code unit, even half of a surrogate pair.
    this.error = `Unrecognized token '${text[pos]}'`;
    return Tok.Error;
  }

  private lexString(): Token {
    const text = this.text;
    const end = text.length;
    let pos = this.pos + 1;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        this.pos = pos + 1;
        return Tok.String;
      }
      if (c < 0x20) break;
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      pos++;
      if (pos >= end) break;
      const escape = text.charCodeAt(pos);
      switch (escape) {
        case 0x22: // "
        case 0x5c: // \
        case 0x2f: // /
        case 0x62: // b
        case 0x66: // f
        case 0x6e: // n
        case 0x72: // r
        case 0x74: // t
          pos++;
          continue;
        case 0x75: // u
          if (end - pos < 5) {
            this.error = "\\u must be followed by 4 hex digits";
            return Tok.Error;
          }
          for (let i = 1; i < 5; i++) {
            if (!isHexDigit(text.charCodeAt(pos + i))) {
              this.error = `"\\${text.slice(pos, pos + 5)}" is not a valid unicode escape`;
              return Tok.Error;
            }
          }
          pos += 5;
          continue;
        default:
          this.error = `Invalid escape character ${text[pos]}`;
          return Tok.Error;
      }
    }
    this.error = "Unterminated string";
    return Tok.Error;
  }

  private lexNumber(): Token {
    const text = this.text;
    const end = text.length;
    let pos = this.pos;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    if (pos >= end || !isDigit(text.charCodeAt(pos))) {
      this.error = "Invalid number";
      return Tok.Error;
    }
    if (text.charCodeAt(pos++) !== 0x30) {
      while (pos < end && isDigit(text.charCodeAt(pos))) pos++;
    }
    if (text.charCodeAt(pos) === 0x2e) {
      pos++;
      if (pos >= end || !isDigit(text.charCodeAt(pos))) {
        this.error = "Invalid digits after decimal point";
        return Tok.Error;
      }
      while (pos < end && isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      // An exponent without digits is left for the next token.
      let p = pos + 1;
      const sign = text.charCodeAt(p);
      if (sign === 0x2b || sign === 0x2d) p++;
      if (p < end && isDigit(text.charCodeAt(p))) {
        while (p < end && isDigit(text.charCodeAt(p))) p++;
        pos = p;
      }
    }
    this.pos = pos;
    return Tok.Number;
  }
}

const ARRAY = 0;
const OBJECT = 1;

/**
 * JSC's `JSON.parse` error message for `text` (with its "JSON Parse error: "
 * prefix), or `undefined` when JSC would accept the text.
 *
 * @example
 * ```ts
 * jscJSONParseErrorMessage("{bad"); // "JSON Parse error: Expected '}'"
 * ```
 */
export function jscJSONParseErrorMessage(text: string): string | undefined {
  const lexer = new Lexer(text);
  const fail = (message: string | undefined): string =>
    PREFIX + (lexer.error ?? message ?? "Unable to parse JSON string");
  const stack: number[] = [];
  let token = lexer.next();
  for (;;) {
    // A value starts at `token`.
    if (token === Tok.LBracket) {
      token = lexer.next();
      if (token !== Tok.RBracket) {
        stack.push(ARRAY);
        continue;
      }
      token = lexer.next();
    } else if (token === Tok.LBrace) {
      token = lexer.next();
      if (token === Tok.String) {
        if (lexer.next() !== Tok.Colon) return fail(EXPECTED_COLON);
        token = lexer.next();
        stack.push(OBJECT);
        continue;
      }
      if (token !== Tok.RBrace) return fail("Expected '}'");
      token = lexer.next();
    } else if (token === Tok.String || token === Tok.Number || token === Tok.True || token === Tok.False || token === Tok.Null) {
      token = lexer.next();
    } else if (token === Tok.Identifier) {
      const length = lexer.identifierEnd - lexer.identifierStart;
      const shown = text.slice(lexer.identifierStart, lexer.identifierStart + Math.min(length, MAX_IDENTIFIER_SHOWN));
      return fail(`Unexpected identifier "${shown}${length > MAX_IDENTIFIER_SHOWN ? "..." : ""}"`);
    } else {
      return fail(unexpected[token] ?? "Could not parse value expression");
    }

    // A value is complete: close containers until one wants another value.
    for (;;) {
      const container = stack.at(-1);
      if (container === undefined) return token === Tok.End ? undefined : fail(undefined);
      if (container === ARRAY) {
        if (token === Tok.Comma) {
          token = lexer.next();
          if (token === Tok.RBracket) return fail("Unexpected comma at the end of array expression");
          break;
        }
        if (token !== Tok.RBracket) return fail("Expected ']'");
      } else {
        if (token === Tok.Comma) {
          if (lexer.next() !== Tok.String) return fail("Property name must be a string literal");
          if (lexer.next() !== Tok.Colon) return fail(EXPECTED_COLON);
          token = lexer.next();
          break;
        }
        if (token !== Tok.RBrace) return fail("Expected '}'");
      }
      stack.pop();
      token = lexer.next();
    }
  }
}
