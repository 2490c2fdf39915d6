import { coded, type CodedError } from "@dx-compat/shared/errors";

const nativeLoadCode = "ERR_DX_COMPAT_NATIVE_LOAD";

/** A requested native binding did not load; `cause` holds every failure. */
export function cannotLoadNative(why: string, failures: readonly unknown[]): CodedError {
  const error = coded(`[dx-compat] @dx-compat/native: cannot load native binding: ${why}`, nativeLoadCode);
  error.cause = failures.length === 1 ? failures[0] : new AggregateError(failures, "every candidate failed");
  return error;
}
