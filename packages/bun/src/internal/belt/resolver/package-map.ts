// package.json "exports" and "imports" maps, resolved as Node specifies
// (conditions in object order, "*" patterns with the longest prefix first,
// arrays as fallbacks, null to exclude) plus the legacy folder mappings
// ("./feat/") Bun still honours.

type MapTarget = { path: string; withoutJs?: string } | { bare: string };
/** A target, "excluded" (a null), "invalid" (not "./..."), or undefined when nothing matched. */
export type MapResult = MapTarget | "excluded" | "invalid" | undefined;

function isConditionsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolveTarget(target: unknown, patternMatch: string | undefined, isImports: boolean, conditions: ReadonlySet<string>): MapResult {
  if (typeof target === "string") {
    const expanded = patternMatch === undefined ? target : target.replaceAll("*", patternMatch);
    if (!target.startsWith("./")) {
      if (isImports && !target.startsWith("../") && !target.startsWith("/") && URL.parse(target) === null) return { bare: expanded };
      return "invalid";
    }
    // No ".", ".." or node_modules segments past the leading "./".
    if (target.slice(2).split(/[/\\]/).some((segment) => segment === "." || segment === ".." || segment.toLowerCase() === "node_modules")) return "invalid";
    // Bun also tries a pattern's match without a ".js" the importer wrote ("pkg/x.js" through "./*": "./*.js").
    if (patternMatch?.endsWith(".js")) return { path: expanded, withoutJs: target.replaceAll("*", patternMatch.slice(0, -3)) };
    return { path: expanded };
  }
  if (target === null) return "excluded";
  if (Array.isArray(target)) {
    let last: MapResult;
    for (const candidate of target) {
      const result = resolveTarget(candidate, patternMatch, isImports, conditions);
      if (result === "invalid" || result === undefined) {
        last = result;
        continue;
      }
      return result;
    }
    return last;
  }
  if (isConditionsObject(target)) {
    for (const key of Object.keys(target)) {
      if (key !== "default" && !conditions.has(key)) continue;
      const result = resolveTarget(target[key], patternMatch, isImports, conditions);
      if (result !== undefined) return result;
    }
  }
  return undefined;
}

/** Node's PATTERN_KEY_COMPARE: longer prefix before "*" first, then the longer key. */
function comparePatternKeys(a: string, b: string): number {
  const baseA = a.indexOf("*");
  const baseB = b.indexOf("*");
  if (baseA !== baseB) return baseB - baseA;
  return b.length - a.length;
}

function resolveInMap(key: string, map: Record<string, unknown>, isImports: boolean, conditions: ReadonlySet<string>): MapResult {
  if (Object.hasOwn(map, key) && !key.includes("*")) return resolveTarget(map[key], undefined, isImports, conditions);
  const patterns = Object.keys(map)
    .filter((candidate) => candidate.split("*").length === 2)
    .sort(comparePatternKeys);
  for (const pattern of patterns) {
    const star = pattern.indexOf("*");
    const base = pattern.slice(0, star);
    const trailer = pattern.slice(star + 1);
    if (!key.startsWith(base) || key === base) continue;
    if (trailer !== "" && !(key.endsWith(trailer) && key.length >= pattern.length)) continue;
    return resolveTarget(map[pattern], key.slice(base.length, key.length - trailer.length), isImports, conditions);
  }
  // Folder mappings: the longest "./dir/" key that prefixes the subpath.
  const folders = Object.keys(map)
    .filter((candidate) => candidate.endsWith("/") && key.startsWith(candidate))
    .sort((a, b) => b.length - a.length);
  const folder = folders[0];
  if (folder !== undefined) {
    const target = map[folder];
    if (typeof target === "string" && target.endsWith("/")) return resolveTarget(target + key.slice(folder.length), undefined, isImports, conditions);
  }
  return undefined;
}

/** "exports" for `subpath` ("." or "./x"). */
export function resolveExports(exports: unknown, subpath: string, conditions: ReadonlySet<string>): MapResult {
  const hasDotKeys = isConditionsObject(exports) && Object.keys(exports).some((key) => key.startsWith("."));
  if (!hasDotKeys) return subpath === "." ? resolveTarget(exports, undefined, false, conditions) : undefined;
  return resolveInMap(subpath, exports as Record<string, unknown>, false, conditions);
}

/** "imports" for a "#..." specifier. */
export function resolveImports(imports: unknown, specifier: string, conditions: ReadonlySet<string>): MapResult {
  if (!isConditionsObject(imports)) return undefined;
  return resolveInMap(specifier, imports, true, conditions);
}
