// Bun's development-mode answer to a handler that threw: a 500 HTML page whose
// `__bunfallback` script carries the error as JSON (Bun renders it with its
// bundled error overlay; this page carries the same data without the overlay).
import { httpDate } from "./http-date.ts";
import { statusLine } from "./status.ts";

interface Frame {
  function_name: string;
  file: string;
  position: { line: number; column: number };
}

const framePattern = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

function framesOf(stack: string | undefined): Frame[] {
  if (stack === undefined) return [];
  const frames: Frame[] = [];
  for (const line of stack.split("\n")) {
    const match = framePattern.exec(line);
    if (match === null) continue;
    const [, name = "", file = "", row = "0", column = "0"] = match;
    frames.push({ function_name: name, file: file.replace(/^file:\/\//, ""), position: { line: Number(row), column: Number(column) } });
  }
  return frames;
}

function exceptionOf(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const frames = framesOf(error.stack);
    const exception: Record<string, unknown> = { name: error.name, message: error.message, runtime_type: 0, code: frames.length === 0 ? 0 : 5 };
    if (frames.length > 0) exception["stack"] = { frames, source_lines: [] };
    return exception;
  }
  return { name: "", message: String(error), runtime_type: 0, code: 0 };
}

/** Escape for a JSON document inside a <script> element. */
function scriptSafe(json: string): string {
  return json.replace(/</g, "\\u003c");
}

/** The whole HTTP response (head and body) for `error` thrown while answering `method path`. */
export function developmentErrorResponse(error: unknown, method: string, path: string): { head: string; body: Buffer } {
  const data = {
    message: `${method} - ${path} failed`,
    cwd: process.cwd(),
    problems: { exceptions: [exceptionOf(error)], build: { errors: 0, warnings: 0, msgs: [] } },
  };
  const html =
    '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8" />\n    <meta name="viewport" content="width=device-width, initial-scale=1.0" />\n' +
    "    <title>Internal Server Error</title>\n  </head>\n  <body>\n" +
    `    <script id="__bunfallback" type="application/json">${scriptSafe(JSON.stringify(data))}</script>\n` +
    "  </body>\n</html>\n";
  const body = Buffer.from(html);
  const head = `${statusLine(500)}content-type: text/html;charset=utf-8\r\nDate: ${httpDate()}\r\nContent-Length: ${body.byteLength}\r\n\r\n`;
  return { head, body };
}

/** Bun's answer to a failed handler outside development. */
export function plainErrorHead(): string {
  return `${statusLine(500)}content-type: text/plain\r\nDate: ${httpDate()}\r\nContent-Length: 21\r\n\r\n`;
}

export const plainErrorBody = "Something went wrong!";
