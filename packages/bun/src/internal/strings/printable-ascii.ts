// How much of a string, from its start, is printable ASCII (0x20-0x7e)?
// stringWidth's common case is all of it, and then the width is the length.
//
// A sticky regex answers in one pass: about 28 ns a call and 0.3-0.75 ns a
// character in V8 (which of the two speeds a process gets comes and goes).
// Encoding the string as UTF-8 into WebAssembly memory and checking sixteen
// bytes a step there (printable-ascii.wat) answers "all of it?" faster: about
// 20 % more stringWidth calls a second on 40-120 character lines
// (benchmarks/strings/string-width-ascii, paired with Bun).
// TextEncoder.encodeInto does the copy: Buffer's utf8Write was faster alone,
// but only while V8 keeps its fast C++ call, which it lost as soon as source
// maps were on (dx-compat/register turns them on), ending slower than the
// regex. The copy is slow on strings V8 stores two bytes a character,
// which anything beyond Latin-1 makes it do, so a string that is not
// printable ASCII pays for the copy and then for the regex anyway. Hence the
// switch: after a few such strings in a row the copy is skipped, and the
// first all-ASCII string the regex finds turns it back on.

import { Buffer } from "node:buffer";
import { printableAsciiWasm } from "./printable-ascii-wasm.ts";

/** The memory's one page is 64 KiB; a UTF-16 code unit is at most 3 UTF-8 bytes. */
const LONGEST_COPIED = Math.floor(65536 / 3);
/** Strings in a row that were not all printable ASCII before the copy is skipped. */
const MISSES_BEFORE_REGEX_ONLY = 4;

const PRINTABLE_RUN = /[\x20-\x7e]*/y;

function printableRunByRegex(text: string): number {
  PRINTABLE_RUN.lastIndex = 0;
  PRINTABLE_RUN.test(text);
  return PRINTABLE_RUN.lastIndex;
}

interface PrintableAsciiModule {
  memory: WebAssembly.Memory;
  isPrintableAscii(length: number): number;
}

// State lives in this factory's closure (see escape-buffer.ts on why not at module level).
function createWasmPrefix(): ((text: string) => number) | undefined {
  let exports: PrintableAsciiModule;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(printableAsciiWasm, "base64"))).exports as unknown as PrintableAsciiModule;
  } catch {
    // No WebAssembly (node --jitless) or no SIMD: the regex alone.
    return undefined;
  }
  const { isPrintableAscii } = exports;
  const bytes = new Uint8Array(exports.memory.buffer);
  const encoder = new TextEncoder();
  let misses = 0;
  return (text) => {
    if (misses < MISSES_BEFORE_REGEX_ONLY && text.length <= LONGEST_COPIED) {
      // As many bytes as code units only when every unit is ASCII.
      const { written } = encoder.encodeInto(text, bytes);
      if (written === text.length && isPrintableAscii(written) === 1) {
        misses = 0;
        return written;
      }
      misses++;
    }
    const run = printableRunByRegex(text);
    if (run === text.length) misses = 0;
    return run;
  };
}

let prefix: ((text: string) => number) | undefined;

/** Length of the printable-ASCII run at the start of `text` (`text.length` when it is all printable ASCII). */
export function printableAsciiPrefix(text: string): number {
  prefix ??= createWasmPrefix() ?? printableRunByRegex;
  return prefix(text);
}
