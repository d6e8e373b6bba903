/**
 * File resolution shared by the dev loader's hooks (loader thread) and the dev command (main thread):
 * how a TypeScript project's import specifiers map to files, as `tsc` with `moduleResolution: NodeNext`
 * and `paths` sees them. Pure functions of the file system; no module loading happens here.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** Extensions the loader transpiles with `ts.transpileModule`. */
export const TS_EXTENSIONS = [".ts", ".tsx", ".mts"] as const;

const JS_TO_TS: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
};
const EXTENSIONLESS = [".ts", ".tsx", ".mts", ".js", ".mjs"];

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The file a path written in an import stands for: itself when it exists, its TypeScript source when it
 * is written `./x.js`, `x.ts`/`x/index.ts` when written without an extension. `undefined` when none exists.
 */
export function resolveSourceFile(path: string): string | undefined {
  const dot = path.lastIndexOf(".");
  const ext = dot > path.lastIndexOf(sep) && dot > path.lastIndexOf("/") ? path.slice(dot) : "";
  for (const tsExt of JS_TO_TS[ext] ?? []) {
    const candidate = path.slice(0, -ext.length) + tsExt;
    if (isFile(candidate)) return candidate;
  }
  if (isFile(path)) return path;
  for (const candidate of [...EXTENSIONLESS.map((e) => path + e), ...EXTENSIONLESS.map((e) => join(path, `index${e}`))]) {
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

/** True when `file` belongs to the project's own sources (inside `projectDir`, outside node_modules). */
export function isProjectFile(projectDir: string, file: string): boolean {
  const rel = relative(projectDir, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) && !rel.split(/[\\/]/).includes("node_modules");
}

/** The `paths` aliases of a project's tsconfig.json, with the directory they are relative to. */
export interface PathAliases {
  base: string;
  paths: Record<string, string[]>;
}

/** Read `compilerOptions.paths` (following `extends`) from `projectDir/tsconfig.json`; empty when absent. */
export function readPathAliases(projectDir: string): PathAliases {
  const configPath = join(projectDir, "tsconfig.json");
  if (!existsSync(configPath)) return { base: projectDir, paths: {} };
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error || !read.config) return { base: projectDir, paths: {} };
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, projectDir, undefined, configPath);
  const options = parsed.options as ts.CompilerOptions & { pathsBasePath?: string };
  const base = options.baseUrl ?? options.pathsBasePath ?? dirname(configPath);
  return { base: resolve(projectDir, base), paths: options.paths ?? {} };
}

/** The file a `paths` alias maps `specifier` to, trying each target in order; `undefined` when no alias matches. */
export function resolveAlias(aliases: PathAliases, specifier: string): string | undefined {
  let best: { prefixLength: number; captured: string; targets: string[] } | undefined;
  for (const [pattern, targets] of Object.entries(aliases.paths)) {
    const star = pattern.indexOf("*");
    if (star < 0) {
      if (pattern === specifier && (!best || pattern.length > best.prefixLength)) best = { prefixLength: pattern.length, captured: "", targets };
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) continue;
    if (best && best.prefixLength >= prefix.length) continue;
    best = { prefixLength: prefix.length, captured: specifier.slice(prefix.length, specifier.length - suffix.length), targets };
  }
  if (!best) return undefined;
  for (const target of best.targets) {
    const file = resolveSourceFile(resolve(aliases.base, target.replace("*", best.captured)));
    if (file) return file;
  }
  return undefined;
}

/** `@langchain/langgraph` entry points the reference runtime stands in for. */
export const LANGGRAPH_SPECIFIERS = new Set([
  "@langchain/langgraph",
  "@langchain/langgraph/web",
  "@langchain/langgraph/zod",
  "@langchain/langgraph-checkpoint",
]);

/** True for a `@langchain/langgraph` subpath the reference runtime does not cover (a clear error beats a missing package). */
export function isUncoveredLangGraph(specifier: string): boolean {
  return !LANGGRAPH_SPECIFIERS.has(specifier) && (specifier.startsWith("@langchain/langgraph/") || specifier.startsWith("@langchain/langgraph-"));
}
