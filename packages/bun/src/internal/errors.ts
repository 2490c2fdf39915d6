// Errors @dx-compat/bun raises, with the codes Bun gives them.
import { coded } from "@dx-compat/shared/errors";
import type { CodedError } from "@dx-compat/shared/errors";

/** Bun's `TypeError` with code `ERR_INVALID_ARG_TYPE`. */
export function invalidArgType(message: string): CodedError {
  return coded(message, "ERR_INVALID_ARG_TYPE", TypeError);
}
