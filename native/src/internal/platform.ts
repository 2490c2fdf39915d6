import process from "node:process";

interface ReportHeader {
  header?: { glibcVersionRuntime?: string };
}

function linuxAbi(): "gnu" | "musl" {
  const report = process.report.getReport() as ReportHeader;
  return report.header?.glibcVersionRuntime ? "gnu" : "musl";
}

/**
 * This machine's platform in napi-rs naming — `linux-x64-gnu`,
 * `darwin-arm64`, `win32-x64-msvc` — the suffix of the addon file
 * (`dx-compat-native.<suffix>.node`) and of its npm package.
 */
export function platformSuffix(): string {
  const { platform, arch } = process;
  if (platform === "linux") return `linux-${arch}-${linuxAbi()}`;
  if (platform === "win32") return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}
