import { readByteUnbuffered, show } from "./internal/dialogs/terminal.ts";

const LF = 0x0a;

/**
 * Bun's `alert(message?)`: shows the message (any value, converted to a
 * string) followed by ` [Enter] ` (`Alert [Enter] ` without an argument) and
 * waits, blocking, until a line is entered or input ends.
 *
 * @example
 * ```ts
 * import { alert } from "@dx-compat/web";
 * alert("Deployed"); // prints "Deployed [Enter] " and waits for Enter
 * ```
 */
export const alert: (message?: unknown) => void = function alert(...args: unknown[]): void {
  const message = args.length === 0 ? "Alert" : `${args[0] as string}`;
  show(`${message} [Enter] `);
  for (let byte = readByteUnbuffered(); byte !== -1 && byte !== LF; byte = readByteUnbuffered());
};
Object.defineProperty(alert, "length", { value: 1 });
