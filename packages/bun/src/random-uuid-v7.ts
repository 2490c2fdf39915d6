import { encodeUUID, encodingArgument, timestampArgument, uuidV7Bytes } from "./internal/belt/uuid.ts";

/**
 * `Bun.randomUUIDv7(encoding?, timestamp?)`: a time-ordered UUID, exactly as
 * Bun lays it out: 48-bit millisecond timestamp, version 7, a 12-bit counter
 * that starts at a random value below 2048 in each millisecond and counts up
 * within it (moving to the next millisecond if it overflows), variant, then 62
 * random bits. Calls with the same explicit timestamp count on from each
 * other; the clock never goes backwards. `encoding` is `"hex"` (dashed, the
 * default), `"base64"`, `"base64url"`, `"buffer"` (a Buffer) or any other
 * Node encoding name; a number or Date as the only argument is the timestamp.
 * Errors as Bun (`ERR_UNKNOWN_ENCODING`, `ERR_INVALID_ARG_TYPE`, `ERR_OUT_OF_RANGE`).
 *
 * @example
 * ```ts
 * import { randomUUIDv7 } from "@dx-compat/bun";
 * randomUUIDv7();                  // "019a...-7...-8...-..."
 * randomUUIDv7("buffer", 1000);    // <Buffer 00 00 00 00 03 e8 7...>
 * ```
 */
export const randomUUIDv7: typeof import("bun").randomUUIDv7 = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  randomUUIDv7(encoding?: unknown, timestamp?: unknown): never {
    const chosen = encodingArgument(encoding);
    // A lone non-string argument is the timestamp.
    const timestampValue = arguments.length > 1 ? timestamp : arguments.length === 1 && typeof encoding !== "string" ? encoding : undefined;
    const time = timestampValue === undefined ? undefined : timestampArgument(timestampValue);
    return encodeUUID(uuidV7Bytes(time), chosen) as never;
  },
}.randomUUIDv7 as typeof import("bun").randomUUIDv7;
