import { readFileSync } from "node:fs";
import process from "node:process";

interface ReportHeader {
  header?: { glibcVersionRuntime?: string };
}

/**
 * glibc or musl, as detect-libc decides it: the `ldd` script names its C
 * library, which costs one small read; only without it the process report
 * (which gathers a whole diagnostic report: about 10 ms at every start).
 */
function linuxAbi(): "gnu" | "musl" {
  try {
    const ldd = readFileSync("/usr/bin/ldd", "latin1");
    if (ldd.includes("musl")) return "musl";
    if (ldd.includes("GNU C Library") || ldd.includes("GLIBC")) return "gnu";
  } catch {
    // No ldd: ask the report.
  }
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
