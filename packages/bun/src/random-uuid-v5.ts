import { checkNamespaceType, encodeUUID, encodingArgument, nameArgument, namespaceArgument, uuidV5Bytes } from "./internal/belt/uuid.ts";

/**
 * `Bun.randomUUIDv5(name, namespace, encoding?)`: the name-based UUID of RFC
 * 9562 (SHA-1 of namespace bytes then name bytes, version 5). `name` is a
 * string (UTF-8) or bytes; `namespace` is a UUID string, one of `"dns"`,
 * `"url"`, `"oid"`, `"x500"` (any case), or 16 bytes. Encodings and errors as
 * `randomUUIDv7`, plus Bun's namespace errors.
 *
 * @example
 * ```ts
 * import { randomUUIDv5 } from "@dx-compat/bun";
 * randomUUIDv5("www.example.com", "dns"); // "2ed6657d-e927-568b-95e1-2665a8aea6a2"
 * ```
 */
export const randomUUIDv5: typeof import("bun").randomUUIDv5 = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  randomUUIDv5(name: unknown, namespace: unknown, encoding?: unknown): never {
    // Bun's order: the name's type, the namespace's type, the encoding, then the namespace's value.
    const nameBytes = nameArgument(name);
    checkNamespaceType(namespace);
    const chosen = encodingArgument(encoding);
    const bytes = uuidV5Bytes(namespaceArgument(namespace), nameBytes);
    return encodeUUID(bytes, chosen) as never;
  },
}.randomUUIDv5 as typeof import("bun").randomUUIDv5;
