// What awaiting a shell gives, and the error it rejects with (Bun's shapes).

export class ShellOutput {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;

  constructor(stdout: Buffer, stderr: Buffer, exitCode: number) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.exitCode = exitCode;
  }

  text(encoding?: BufferEncoding): string {
    return this.stdout.toString(encoding);
  }

  json(): unknown {
    return JSON.parse(this.stdout.toString());
  }

  arrayBuffer(): ArrayBuffer {
    return this.stdout.buffer as ArrayBuffer;
  }

  bytes(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.arrayBuffer());
  }

  blob(): Blob {
    return new Blob([this.stdout]);
  }
}

function humanReadable(this: Buffer): string {
  return this.toString();
}

export class ShellError extends Error {
  #output: ShellOutput | undefined = undefined;
  info: unknown;
  exitCode!: number;
  stdout!: Buffer;
  stderr!: Buffer;

  constructor() {
    super("");
  }

  /** Filled in once the shell failed (the error is made when the shell starts, for its stack). */
  initialize(output: ShellOutput, code: number): void {
    this.message = `Failed with exit code ${code}`;
    this.#output = output;
    this.name = "ShellError";
    Object.defineProperty(this, "info", {
      value: { exitCode: code, stderr: output.stderr, stdout: output.stdout },
      writable: true,
      enumerable: false,
      configurable: true,
    });
    // Serialised as text (JSON.stringify of the error shows readable output).
    Object.assign(output.stdout, { toJSON: humanReadable });
    Object.assign(output.stderr, { toJSON: humanReadable });
    this.stdout = output.stdout;
    this.stderr = output.stderr;
    this.exitCode = code;
  }

  text(encoding?: BufferEncoding): string {
    return (this.#output as ShellOutput).text(encoding);
  }

  json(): unknown {
    return (this.#output as ShellOutput).json();
  }

  arrayBuffer(): ArrayBuffer {
    return (this.#output as ShellOutput).arrayBuffer();
  }

  bytes(): Uint8Array<ArrayBuffer> {
    return (this.#output as ShellOutput).bytes();
  }

  blob(): Blob {
    return (this.#output as ShellOutput).blob();
  }
}
