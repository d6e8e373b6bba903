/**
 * File helpers shared by the dev loader's hooks (loader thread) and the dev command (main thread). Import
 * specifiers are not resolved here: the hooks ask the extractor's `ModuleResolver`, so `dev` runs the very
 * files the verdict reads. Pure functions of the file system; no module loading happens here.
 */
import { statSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";

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
 * The file a `langgraph.json` graph path stands for: itself when it exists, its TypeScript source when it
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
