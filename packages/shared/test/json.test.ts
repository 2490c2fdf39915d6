import { describe, expect, it } from "vitest";
import { jsonParseErrorMessage, parseJSON } from "../src/json.ts";

// Every message below was observed from Bun 1.4.5's JSON.parse.
const cases: [input: string, message: string][] = [
  // empty, EOF
  ["", "Unexpected EOF"],
  [" ", "Unexpected EOF"],
  ["\n\t\r ", "Unexpected EOF"],
  ["[", "Unexpected EOF"],
  ["[1,", "Unexpected EOF"],
  ['{"a":', "Unexpected EOF"],
  ["[".repeat(100_000), "Unexpected EOF"],
  // objects
  ["{bad", "Expected '}'"],
  ["{", "Expected '}'"],
  ["{,}", "Expected '}'"],
  ["{]", "Expected '}'"],
  ["{1:2}", "Expected '}'"],
  ['{"a":1,}', "Property name must be a string literal"],
  ['{"a":1,', "Property name must be a string literal"],
  ['{"a" 1}', "Expected ':' before value in object property definition"],
  ['{"a"}', "Expected ':' before value in object property definition"],
  ['{"a"', "Expected ':' before value in object property definition"],
  ['{"a":1,"b"}', "Expected ':' before value in object property definition"],
  ['{"a":}', "Unexpected token '}'"],
  ['{"a":]', "Unexpected token ']'"],
  ["{'a':1}", "Single quotes (') are not allowed in JSON"],
  ['{"a":1 \'x\'}', "Single quotes (') are not allowed in JSON"],
  // arrays
  ["[1,]", "Unexpected comma at the end of array expression"],
  ["[1 2]", "Expected ']'"],
  ["[1", "Expected ']'"],
  ["[truex]", "Expected ']'"],
  ['["a","b"c]', "Expected ']'"],
  ["[1,,]", "Unexpected token ','"],
  ["[,1]", "Unexpected token ','"],
  ["[}", "Unexpected token '}'"],
  // punctuation where a value belongs
  ["}", "Unexpected token '}'"],
  ["]", "Unexpected token ']'"],
  [".5", "Unexpected token '.'"],
  ["(1)", "Unexpected token '('"],
  [")", "Unexpected token ')'"],
  [",", "Unexpected token ','"],
  [":", "Unexpected token ':'"],
  ["=", "Unexpected token '='"],
  [";", "Unexpected token ';'"],
  // identifiers
  ["tru", 'Unexpected identifier "tru"'],
  ["nul", 'Unexpected identifier "nul"'],
  ["tru1", 'Unexpected identifier "tru1"'],
  ["abc-def", 'Unexpected identifier "abc"'],
  ["NaN", 'Unexpected identifier "NaN"'],
  ["Infinity", 'Unexpected identifier "Infinity"'],
  ["undefined", 'Unexpected identifier "undefined"'],
  ["tru\u200c", 'Unexpected identifier "tru\u200c"'],
  ["x\u200cy", 'Unexpected identifier "x\u200cy"'],
  ["[".repeat(100_000) + "x", 'Unexpected identifier "x"'],
  ["a".repeat(200), `Unexpected identifier "${"a".repeat(200)}"`],
  ["a".repeat(201), `Unexpected identifier "${"a".repeat(200)}..."`],
  ["a".repeat(300), `Unexpected identifier "${"a".repeat(200)}..."`],
  // trailing content, leading zeros, numbers lexed short
  ["true false", "Unable to parse JSON string"],
  ["trueabc", "Unable to parse JSON string"],
  ["01", "Unable to parse JSON string"],
  ["00", "Unable to parse JSON string"],
  ["-01", "Unable to parse JSON string"],
  ["01.5", "Unable to parse JSON string"],
  ["1e", "Unable to parse JSON string"],
  ["1E+", "Unable to parse JSON string"],
  ["1e+", "Unable to parse JSON string"],
  ["1.5e", "Unable to parse JSON string"],
  ["1234567890e", "Unable to parse JSON string"],
  ["1e5.5", "Unable to parse JSON string"],
  ["123.456.7", "Unable to parse JSON string"],
  ["1 2", "Unable to parse JSON string"],
  ["0x10", "Unable to parse JSON string"],
  ["{} x", "Unable to parse JSON string"],
  ["{}}", "Unable to parse JSON string"],
  ["[1];", "Unable to parse JSON string"],
  // numbers
  ["1.", "Invalid digits after decimal point"],
  ["1.e5", "Invalid digits after decimal point"],
  ["1234567890.", "Invalid digits after decimal point"],
  ["-", "Invalid number"],
  ["-x", "Invalid number"],
  ["-.5", "Invalid number"],
  ["-Infinity", "Invalid number"],
  // strings
  ['"abc', "Unterminated string"],
  ['"a\nb"', "Unterminated string"],
  ['"\t"', "Unterminated string"],
  ['"\u0000"', "Unterminated string"],
  ['"\u001f"', "Unterminated string"],
  ['"abc\\"', "Unterminated string"],
  ['"\\', "Unterminated string"],
  ['1 "abc', "Unterminated string"],
  ['"a\\x"', "Invalid escape character x"],
  ['"\\u12g4"', '"\\u12g4" is not a valid unicode escape'],
  ['"\\u12"x', '"\\u12"x" is not a valid unicode escape'],
  ['"\\u00"', "\\u must be followed by 4 hex digits"],
  ['"\\u12"', "\\u must be followed by 4 hex digits"],
  ['"\\u', "\\u must be followed by 4 hex digits"],
  // characters that start no token: one UTF-16 code unit is shown
  ["é", "Unrecognized token 'é'"],
  ["[1 é]", "Unrecognized token 'é'"],
  ["+1", "Unrecognized token '+'"],
  ["\ufeff{}", "Unrecognized token '\ufeff'"],
  ["\u00a0{}", "Unrecognized token '\u00a0'"],
  ["\u000b1", "Unrecognized token '\u000b'"],
  ["\f1", "Unrecognized token '\f'"],
  ["1\u0000", "Unrecognized token '\u0000'"],
  ["\u200c", "Unrecognized token '\u200c'"],
  ["😀", "Unrecognized token '\ud83d'"],
  ["[😀]", "Unrecognized token '\ud83d'"],
];

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("parseJSON", () => {
  it.each(cases.map(([input, message]) => [JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input), input, message]))(
    "%s",
    (_label, input, message) => {
      const error = thrown(() => parseJSON(input));
      expect(error).toBeInstanceOf(SyntaxError);
      expect((error as SyntaxError).message).toBe(`JSON Parse error: ${message}`);
      expect(jsonParseErrorMessage(input)).toBe(`JSON Parse error: ${message}`);
    },
  );

  it("returns what JSON.parse returns", () => {
    for (const text of ['{"a":[1,2,{"b":null}],"c":"\\u00e9\\ud800"}', "-0", "1e400", '"x"', " true ", '{"__proto__":1,"2":0,"1":0}']) {
      expect(parseJSON(text)).toStrictEqual(JSON.parse(text));
    }
    expect(Object.is(parseJSON("-0"), -0)).toBe(true);
    expect(Object.keys(parseJSON('{"__proto__":1}') as object)).toEqual(["__proto__"]);
  });

  it("parses deep nesting without overflowing the stack", () => {
    const depth = 100_000;
    expect(parseJSON("[".repeat(depth) + "]".repeat(depth))).toBeInstanceOf(Array);
    expect(parseJSON('{"a":'.repeat(depth) + "1" + "}".repeat(depth))).toBeInstanceOf(Object);
    expect(jsonParseErrorMessage("[".repeat(depth) + "]".repeat(depth))).toBeUndefined();
    expect(jsonParseErrorMessage("[".repeat(depth) + "]".repeat(depth - 1) + ",]")).toBe(
      "JSON Parse error: Unexpected comma at the end of array expression",
    );
  });

  it("scans long input in linear time", () => {
    const text = `[${"1,".repeat(1_000_000)}]`;
    expect(() => parseJSON(text)).toThrow(new SyntaxError("JSON Parse error: Unexpected comma at the end of array expression"));
  });

  it("reports valid JSON as valid", () => {
    for (const text of ["0", "[]", "{}", '{"a":{"b":[true,false,null,-1.5e+3,"\\n"]}}', " \t\n\r[ 1 , 2 ] \r\n"]) {
      expect(jsonParseErrorMessage(text)).toBeUndefined();
    }
  });
});
