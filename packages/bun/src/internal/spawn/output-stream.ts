// A child's piped stdout/stderr as Bun exposes it: a ReadableStream of
// Uint8Array chunks with Bun's convenience readers (`text`, `json`, `bytes`,
// `blob`). Read eagerly, as Bun does, so a child never blocks on a full pipe.
import { parseJSON } from "@dx-compat/shared/json";
import type { Readable } from "node:stream";

export class SubprocessOutput extends ReadableStream<Uint8Array> {
  override text(): Promise<string> {
    return new Response(this).text();
  }

  /** Parsed as Bun parses it: a leading BOM dropped, JavaScriptCore's error messages. */
  override async json(): Promise<unknown> {
    return parseJSON(await this.text());
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await new Response(this).arrayBuffer());
  }

  override blob(): Promise<Blob> {
    return new Response(this).blob();
  }
}
Object.defineProperty(SubprocessOutput, "name", { value: "ReadableStream" });

/** Wraps a Node socket; `onBytes` sees each chunk's size first (for `maxBuffer`). */
export function outputStream(socket: Readable, onBytes: (count: number) => void): SubprocessOutput {
  return new SubprocessOutput({
    start(controller) {
      let open = true;
      const finish = (): void => {
        if (!open) return;
        open = false;
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader.
        }
      };
      socket.on("data", (chunk: Buffer) => {
        onBytes(chunk.byteLength);
        if (!open) return;
        try {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        } catch {
          open = false;
        }
      });
      socket.on("end", finish);
      socket.on("close", finish);
      socket.on("error", finish);
    },
    cancel() {
      socket.destroy();
    },
  });
}
