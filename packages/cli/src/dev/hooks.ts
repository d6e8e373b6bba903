/**
 * Node module hooks (registered with `module.register`, they run on the loader thread) that let
 * `langgraph-compat dev` import a TypeScript LangGraph project as is, on the reference runtime:
 * - `.ts`/`.tsx`/`.mts` files of the project are transpiled with `ts.transpileModule` when loaded;
 * - `@langchain/langgraph` (and the subpaths the runtime covers) resolve to the dev shim over
 *   `@langgraph-compat/runtime`, or, with `dev --runtime langgraph`, to the project's own installed package;
 * - every other import from a TypeScript source resolves with the extractor's `ModuleResolver` (relative,
 *   `./x.js`, extensionless, tsconfig `paths`, workspace packages), so `dev` runs the files the verdict reads;
 * - an import from a file loaded as version `?v=N` of the project resolves to `?v=N` of its target, so
 *   every reload gets fresh copies of all project modules;
 * - what that resolver leaves out (installed packages, `node:` builtins, JSON) is left to Node.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ts } from "ts-morph";
import { ModuleResolver } from "@langgraph-compat/extract";
import { LANGGRAPH_SPECIFIERS, TS_EXTENSIONS, isProjectFile, isUncoveredLangGraph } from "./resolve-ts.js";

/** What the dev command passes to `module.register` as `data`. */
export interface HookData {
  projectDir: string;
  /** URL of the module that stands in for `@langchain/langgraph`. */
  shimUrl: string;
  /** `langgraph`: the project's own installed `@langchain/langgraph` is imported, not the shim. */
  runtime?: "reference" | "langgraph";
}

interface ResolveContext {
  parentURL?: string;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}

let data: HookData | undefined;
/** The module resolver, made once per project version (so a tsconfig edit applies on the next reload). */
const resolversByVersion = new Map<string, ModuleResolver>();

/** Called by Node with the `data` given to `module.register`. */
export async function initialize(hookData: HookData): Promise<void> {
  data = hookData;
}

function versionOf(url: string | undefined): string | undefined {
  if (!url?.startsWith("file:")) return undefined;
  return new URL(url).searchParams.get("v") ?? undefined;
}

function resolverFor(projectDir: string, version: string): ModuleResolver {
  const key = `${projectDir}\u0000${version}`;
  let found = resolversByVersion.get(key);
  if (!found) {
    found = new ModuleResolver(projectDir);
    resolversByVersion.set(key, found);
  }
  return found;
}

function versioned(file: string, version: string | undefined): ResolveResult {
  const url = pathToFileURL(file);
  if (version !== undefined) url.searchParams.set("v", version);
  return { url: url.href, shortCircuit: true };
}

function isTypeScript(file: string): boolean {
  return TS_EXTENSIONS.some((ext) => file.endsWith(ext)) && !file.endsWith(".d.ts");
}

/** Node resolve hook. */
export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: (specifier: string, context?: ResolveContext) => Promise<ResolveResult>,
): Promise<ResolveResult> {
  if (!data) return nextResolve(specifier, context);
  const real = data.runtime === "langgraph" && (specifier === "@langchain/langgraph" || specifier.startsWith("@langchain/langgraph/"));
  if (real) return nextResolve(specifier, context);
  if (LANGGRAPH_SPECIFIERS.has(specifier)) return { url: data.shimUrl, shortCircuit: true };
  const parent = context.parentURL;
  const parentFile = parent?.startsWith("file:") ? fileURLToPath(parent) : undefined;
  if (parentFile === undefined) return nextResolve(specifier, context);
  const fromProject = isProjectFile(data.projectDir, parentFile);
  // A TypeScript source outside the project (e.g. a workspace package reached through an alias) resolves
  // the same way (TypeScript applies one set of compiler options to every file), without the version query.
  const fromSource = fromProject || (isTypeScript(parentFile) && !parentFile.split(/[\\/]/).includes("node_modules"));
  if (!fromSource) return nextResolve(specifier, context);
  if (isUncoveredLangGraph(specifier)) {
    throw new Error(`${specifier} is not covered by the langgraph-compat reference runtime (covered: ${[...LANGGRAPH_SPECIFIERS].join(", ")})`);
  }
  if (specifier.startsWith("node:")) return nextResolve(specifier, context);
  const version = versionOf(parent);
  const written = specifier.startsWith("file:") ? fileURLToPath(specifier) : specifier;
  const file = resolverFor(data.projectDir, version ?? "").resolve(written, parentFile);
  if (!file) {
    const relative = specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/") || specifier.startsWith("file:");
    // A relative import the resolver does not take (JSON, a native addon) goes to Node as written.
    if (relative && !existsSync(fileURLToPath(new URL(specifier, parent)))) {
      throw new Error(`cannot find module "${specifier}" imported from ${parentFile}`);
    }
    return nextResolve(specifier, context);
  }
  return versioned(file, isProjectFile(data.projectDir, file) ? version : undefined);
}

/** Node load hook: transpile the project's TypeScript sources; syntax errors throw with file:line:col. */
export async function load(
  url: string,
  context: { format?: string | null },
  nextLoad: (url: string, context?: unknown) => Promise<LoadResult>,
): Promise<LoadResult> {
  if (!url.startsWith("file:")) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!isTypeScript(file)) return nextLoad(url, context);
  return { format: "module", source: transpile(file, readFileSync(file, "utf8")), shortCircuit: true };
}

/** Transpile one TypeScript file to an ES module; throws a one-line `SyntaxError` on a syntax error. */
export function transpile(file: string, source: string): string {
  const out = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      jsx: ts.JsxEmit.ReactJSX,
      esModuleInterop: true,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  const error = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) {
    const where = error.file && error.start !== undefined ? error.file.getLineAndCharacterOfPosition(error.start) : undefined;
    const position = where ? `:${where.line + 1}:${where.character + 1}` : "";
    throw new SyntaxError(`${file}${position}: ${ts.flattenDiagnosticMessageText(error.messageText, " ")}`);
  }
  return out.outputText;
}
