// Starting and stopping the notes service under Bun or under Node + dx-compat.
import { bunBinary, nodeBinary, registerURL } from "@dx-compat/oracle";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export interface Service {
  url: string;
  child: ChildProcessWithoutNullStreams;
  output: () => string;
}

export function start(runtime: "bun" | "node", dataDir: string): Promise<Service> {
  // DX_COMPAT_ORACLE_SOURCE=1 (a development loop): Node + dx-compat from the TypeScript sources.
  const source = process.env["DX_COMPAT_ORACLE_SOURCE"] === "1" ? ["--conditions=@dx-compat/source"] : [];
  const [command, args] = runtime === "bun" ? [bunBinary(), ["run", "src/server.ts"]] : [nodeBinary(), [...source, "--import", registerURL(), "src/server.ts"]];
  const { NODE_OPTIONS: _options, NODE_PATH: _path, ...env } = process.env;
  const child = spawn(command, args, { cwd: root, env: { ...env, PORT: "0", NOTES_DATA_DIR: dataDir } });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${runtime}: no URL within 20 s: ${output}`)), 20_000);
    child.stdout.on("data", () => {
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({ url, child, output: () => output });
    });
    child.on("exit", (code) => reject(new Error(`${runtime}: exited ${code}: ${output}`)));
  });
}

/** Ctrl-C: the service stops its server, closes the database, says so and exits 0. */
export function interrupt(service: Service): Promise<{ code: number | null; last: string }> {
  return new Promise((resolve) => {
    service.child.on("exit", (code) => resolve({ code, last: service.output().trim().split("\n").at(-1) ?? "" }));
    service.child.kill("SIGINT");
  });
}
