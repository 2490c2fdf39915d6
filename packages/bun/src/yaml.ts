// Bun.YAML: parse with the yaml package (YAML 1.2, core schema: `yes` is a
// string, `0o17` a number), one value per document (an array of them for a
// stream of several), aliases sharing one object; stringify is Bun's layout.
import { yamlLibrary } from "./internal/parsers/libraries.ts";
import { documentText } from "./internal/parsers/input.ts";
import { stringifyYaml } from "./internal/parsers/yaml-stringify.ts";

type BunYaml = typeof import("bun").YAML;

// The yaml package's error codes against Bun's messages.
const messages: Record<string, string> = {
  BAD_ALIAS: "Unresolved alias",
  TAB_AS_INDENT: "Tab characters cannot be used as indentation",
};

function parseError(code: string, message = ""): SyntaxError {
  // An unclosed quoted scalar is Bun's "Unexpected EOF"; an unclosed flow collection is not.
  const text = code === "MISSING_CHAR" && /quote/.test(message) ? "Unexpected EOF" : (messages[code] ?? "Unexpected token");
  return new SyntaxError(`YAML Parse error: ${text}`);
}

function parse(input: unknown): unknown {
  const text = documentText(input, "stringify");
  const documents = yamlLibrary().parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, strict: false });
  const list = Array.isArray(documents) ? documents : [];
  for (const document of list) {
    const error = document.errors[0];
    if (error !== undefined) throw parseError(error.code, error.message);
  }
  const values = list.map((document) => {
    try {
      return document.toJS({ maxAliasCount: -1 }) as unknown;
    } catch {
      throw parseError("BAD_ALIAS");
    }
  });
  if (values.length === 0) return null;
  return values.length === 1 ? values[0] : values;
}

function stringify(input: unknown, _replacer?: unknown, space?: unknown): string {
  return stringifyYaml(input, space) as string;
}

export const YAML: BunYaml = { parse, stringify: stringify as BunYaml["stringify"] };
