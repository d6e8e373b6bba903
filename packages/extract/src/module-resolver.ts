/**
 * The one module resolver of langgraph-compat: which file an import specifier names. The extractor (the
 * verdict) and `langgraph-compat dev` (the code that runs) both ask it, so they always read the same file.
 *
 * It is TypeScript's own `ts.resolveModuleName` (bundler resolution: relative paths, `.js` written for
 * `.ts`, index files, tsconfig `paths` with TypeScript's longest-prefix rule, `baseUrl`, `extends`,
 * package `exports`), over a read-only host: it reads the file system, never writes, never runs code.
 * On top of TypeScript's answer sits one fallback, {@link WorkspacePackages}: a monorepo checkout without
 * node_modules, where TypeScript cannot see workspace packages, or sees only their build output.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { ts } from "ts-morph";
import { UserError } from "@langgraph-compat/snapshot";

/** Read-only file access, for both tsconfig parsing and module resolution. */
const readOnlyHost: ts.ModuleResolutionHost & ts.ParseConfigHost = {
  useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  fileExists: (path) => ts.sys.fileExists(path),
  readFile: (path) => ts.sys.readFile(path),
  directoryExists: (path) => ts.sys.directoryExists(path),
  getDirectories: (path) => ts.sys.getDirectories(path),
  // Follow symlinks only inside node_modules (a linked workspace package becomes its real folder), so a
  // project reached through a symlinked path keeps the paths it was given.
  realpath: (path) => (path.split(/[\\/]/).includes("node_modules") ? (ts.sys.realpath?.(path) ?? path) : path),
  // `include` globs do not matter for resolution; not expanding them keeps big projects cheap.
  readDirectory: () => [],
};

/** tsconfig diagnostics that do not change where imports resolve (no inputs found, unknown or newer options). */
const HARMLESS_DIAGNOSTICS = new Set([18003, 5023, 6046]);
/** "File not found" for an `extends` that names a package: its node_modules may not be installed. */
const PACKAGE_EXTENDS_NOT_FOUND = 6053;

/**
 * Resolves import specifiers of one project, with the compiler options of `projectDir/tsconfig.json`.
 * Construction reads the tsconfig and throws a one-line `UserError` when it is broken.
 */
export class ModuleResolver {
  private readonly options: ts.CompilerOptions;
  private readonly cache: ts.ModuleResolutionCache;
  private readonly workspace: WorkspacePackages;

  constructor(readonly projectDir: string) {
    const configOptions = readCompilerOptions(projectDir);
    // Bundler resolution accepts what both the extractor and the dev loader accept: extensionless and
    // `./x.js` imports of `.ts` sources, index files, `paths` without `baseUrl`. JavaScript sources count.
    this.options = {
      ...configOptions,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowJs: true,
      resolveJsonModule: false,
    };
    this.cache = ts.createModuleResolutionCache(projectDir, (name) => name, this.options);
    this.workspace = new WorkspacePackages(projectDir);
  }

  /**
   * The source file (`.ts`, `.tsx`, `.mts`, `.cts`, or JavaScript) that `specifier`, imported from the file
   * `fromFile`, names; `undefined` for installed packages, declaration files and missing files.
   */
  resolve(specifier: string, fromFile: string): string | undefined {
    const answer = ts.resolveModuleName(specifier, fromFile, this.options, readOnlyHost, this.cache).resolvedModule;
    const source = answer && !answer.isExternalLibraryImport && isSourceFile(answer.resolvedFileName) ? answer.resolvedFileName : undefined;
    if (isRelativeOrAbsolute(specifier)) return source;
    // Fallback: TypeScript found nothing (no node_modules), a declaration file, or the build output of a
    // workspace package; the workspace package's own sources are what the checkout holds and what counts.
    if (source && !this.workspace.isBuildOutputOf(specifier, source)) return source;
    return this.workspace.resolve(specifier) ?? source;
  }
}

function isRelativeOrAbsolute(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === ".." || isAbsolute(specifier);
}

function isSourceFile(path: string): boolean {
  return /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(path) && !/\.d\.[cm]?ts$/.test(path);
}

/** A tsconfig diagnostic as one line: `file:line:col: message`, the file relative to the project. */
function describe(projectDir: string, fallbackFile: string, diagnostic: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  const file = diagnostic.file?.fileName ?? fallbackFile;
  const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
  return `${shortPath(projectDir, file)}${where ? `:${where.line + 1}:${where.character + 1}` : ""}: ${text}`;
}

/** A path as the user knows it: relative to the project (temporary checkouts stay out of messages). */
function shortPath(projectDir: string, path: string): string {
  return relative(projectDir, path).split(sep).join("/") || path;
}

/**
 * The compiler options of `projectDir/tsconfig.json` (following `extends`), or `{}` without one.
 * Throws a one-line `UserError` for a tsconfig that is not JSON, or whose `compilerOptions`, `baseUrl`,
 * `paths` or `extends` has the wrong shape: a wrong guess there would make the verdict read other files.
 */
export function readCompilerOptions(projectDir: string): ts.CompilerOptions {
  const configPath = join(projectDir, "tsconfig.json");
  if (!existsSync(configPath)) return {};
  const fail = (what: string) => new UserError("config-invalid", what);
  const source = ts.readJsonConfigFile(configPath, (path) => readOnlyHost.readFile(path));
  const syntax = (source as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics?.[0];
  if (syntax) throw fail(describe(projectDir, configPath, syntax));
  const parsed = ts.parseJsonSourceFileConfigFileContent(source, readOnlyHost, projectDir, undefined, configPath);
  for (const diagnostic of parsed.errors) {
    if (HARMLESS_DIAGNOSTICS.has(diagnostic.code)) continue;
    // `extends: "@tsconfig/node20"` without node_modules: resolve with the rest, like a fresh checkout must.
    if (diagnostic.code === PACKAGE_EXTENDS_NOT_FOUND && !/'\.{0,2}\//.test(ts.flattenDiagnosticMessageText(diagnostic.messageText, " "))) continue;
    throw fail(describe(projectDir, configPath, diagnostic));
  }
  const paths: unknown = parsed.options.paths;
  if (paths !== undefined) {
    const problem = pathsProblem(paths);
    if (problem) throw fail(`${shortPath(projectDir, pathsFile(parsed, configPath))}: compilerOptions.paths${problem}`);
  }
  return parsed.options;
}

/** What is wrong with a `paths` value (TypeScript's own checks, which it only runs when building a program). */
function pathsProblem(paths: unknown): string | undefined {
  if (!paths || typeof paths !== "object" || Array.isArray(paths)) return " must be an object";
  for (const [pattern, targets] of Object.entries(paths)) {
    const key = `[${JSON.stringify(pattern)}]`;
    if (pattern.split("*").length > 2) return `${key}: a pattern can have at most one "*"`;
    if (!Array.isArray(targets)) return `${key} must be an array of paths, not ${targets === null ? "null" : typeof targets}`;
    if (targets.length === 0) return `${key} must not be an empty array`;
    for (const target of targets) {
      if (typeof target !== "string") return `${key} must hold strings, not ${target === null ? "null" : typeof target}`;
      if (target.split("*").length > 2) return `${key}: ${JSON.stringify(target)} can have at most one "*"`;
    }
  }
  return undefined;
}

/** The config file (the project's or one it extends) that declares the `paths` in force. */
function pathsFile(parsed: ts.ParsedCommandLine, configPath: string): string {
  const raw = parsed.raw as { compilerOptions?: { paths?: unknown } } | undefined;
  if (raw?.compilerOptions?.paths !== undefined) return configPath;
  const base = (parsed.options as { pathsBasePath?: string }).pathsBasePath;
  const extended = (parsed.options.configFile as { extendedSourceFiles?: string[] } | undefined)?.extendedSourceFiles ?? [];
  return extended.find((file) => dirname(file) === base) ?? configPath;
}

/** Deepest we look above the project for the monorepo root. */
const MAX_WORKSPACE_DEPTH = 6;
/** Folders a package's build output goes to; a checkout has the sources under `src/` instead. */
const BUILD_DIR = /^\.?\/?(dist|build|lib|out)\//;
const PROBE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/**
 * The fallback for monorepos: workspace packages (pnpm-workspace.yaml, or package.json `workspaces`, at
 * or above the project) by name, resolved to their sources, with build output (`dist/x.js`, `dist/x.d.ts`)
 * mapped back to `src/x.ts`. TypeScript cannot do this without node_modules, and it sees `.d.ts` files
 * in a built checkout; the verdict and `dev` both want the sources.
 */
class WorkspacePackages {
  private folders: Map<string, string> | undefined;
  private readonly resolved = new Map<string, string | undefined>();

  constructor(private readonly projectDir: string) {}

  /** The folder of the workspace package a bare specifier names, and the subpath inside it. */
  private packageOf(specifier: string): { folder: string; subpath: string } | undefined {
    this.folders ??= readWorkspaceFolders(this.projectDir);
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
    const folder = this.folders.get(name);
    return folder ? { folder, subpath: specifier.slice(name.length).replace(/^\//, "") } : undefined;
  }

  /** True when `file` lies in the build output of the workspace package `specifier` names. */
  isBuildOutputOf(specifier: string, file: string): boolean {
    const found = this.packageOf(specifier);
    if (!found) return false;
    const inside = relative(found.folder, file).split(sep).join("/");
    return !inside.startsWith("../") && BUILD_DIR.test(inside);
  }

  /** `@acme/shared/state` → the source file in the workspace package `@acme/shared`, if there is one. */
  resolve(specifier: string): string | undefined {
    if (this.resolved.has(specifier)) return this.resolved.get(specifier);
    const found = this.packageOf(specifier);
    const file = found ? resolveInPackage(found.folder, found.subpath) : undefined;
    this.resolved.set(specifier, file);
    return file;
  }
}

function resolveInPackage(folder: string, subpath: string): string | undefined {
  let manifest: { exports?: unknown; types?: unknown; typings?: unknown; main?: unknown; source?: unknown } = {};
  try {
    manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  } catch {
    // no readable manifest: fall back to conventional layouts
  }
  const targets: string[] = [];
  const exportsField = manifest.exports;
  const key = subpath ? `./${subpath}` : ".";
  if (exportsField && typeof exportsField === "object" && !Array.isArray(exportsField)) {
    const map = exportsField as Record<string, unknown>;
    if (key in map) targets.push(...exportTargets(map[key]));
    for (const [pattern, value] of Object.entries(map)) {
      const star = pattern.indexOf("*");
      if (star < 0 || !key.startsWith(pattern.slice(0, star)) || !key.endsWith(pattern.slice(star + 1))) continue;
      const middle = key.slice(star, key.length - (pattern.length - star - 1));
      targets.push(...exportTargets(value).map((t) => t.replace("*", middle)));
    }
  } else if (!subpath && typeof exportsField === "string") {
    targets.push(exportsField);
  }
  if (!subpath) for (const field of [manifest.source, manifest.types, manifest.typings, manifest.main]) if (typeof field === "string") targets.push(field);
  targets.push(subpath ? `./src/${subpath}` : "./src/index", subpath ? `./${subpath}` : "./index");
  for (const target of targets) {
    const source = target.replace(BUILD_DIR, "./src/").replace(/\.d\.ts$/, ".ts");
    const found = probe(resolve(folder, source)) ?? probe(resolve(folder, target));
    if (found && isSourceFile(found)) return found;
  }
  return undefined;
}

/** Candidate targets of a package's `exports` entry (conditions in preference order: source first). */
function exportTargets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(exportTargets);
  if (!value || typeof value !== "object") return [];
  const conditions = value as Record<string, unknown>;
  const order = ["source", "types", "typescript", "import", "module", "node", "default", "require"];
  return [...order.filter((k) => k in conditions), ...Object.keys(conditions).filter((k) => !order.includes(k))].flatMap((k) =>
    exportTargets(conditions[k]),
  );
}

/** The file a path inside a workspace package names: exact, `.js` written for `.ts`, with an extension, or an index. */
function probe(base: string): string | undefined {
  const isFile = (path: string) => readOnlyHost.fileExists(path);
  if (/\.(ts|tsx|mts|cts)$/.test(base) && isFile(base)) return base;
  const stripped = base.replace(/\.(js|jsx|mjs|cjs)$/, "");
  if (stripped !== base) {
    for (const ext of [".ts", ".tsx", ".mts", ".cts"]) if (isFile(stripped + ext)) return stripped + ext;
    if (isFile(base)) return base;
  }
  for (const ext of PROBE_EXTENSIONS) if (isFile(base + ext)) return base + ext;
  for (const ext of PROBE_EXTENSIONS) if (isFile(join(base, `index${ext}`))) return join(base, `index${ext}`);
  return undefined;
}

/** Folders matched by one workspace pattern (`packages/*`, `tools/cli`). */
function expandPattern(root: string, pattern: string): string[] {
  const clean = pattern.replace(/^\.\//, "").replace(/\/$/, "");
  if (clean.startsWith("!")) return [];
  const star = clean.search(/\*/);
  if (star < 0) return [resolve(root, clean)];
  const base = resolve(root, clean.slice(0, star).replace(/\/$/, ""));
  try {
    return readdirSync(base, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(base, e.name));
  } catch {
    return [];
  }
}

/** Workspace patterns of a monorepo root: pnpm-workspace.yaml, or package.json `workspaces`. */
function workspacePatterns(dir: string): string[] | undefined {
  const pnpm = join(dir, "pnpm-workspace.yaml");
  if (existsSync(pnpm)) {
    return readFileSync(pnpm, "utf8")
      .split("\n")
      .map((line) => /^\s*-\s*["']?([^"'#]+?)["']?\s*(#.*)?$/.exec(line)?.[1])
      .filter((p): p is string => !!p);
  }
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return undefined;
  try {
    const workspaces = (JSON.parse(readFileSync(manifest, "utf8")) as { workspaces?: unknown }).workspaces;
    if (Array.isArray(workspaces)) return workspaces.filter((w): w is string => typeof w === "string");
    const packages = (workspaces as { packages?: unknown } | undefined)?.packages;
    return Array.isArray(packages) ? packages.filter((w): w is string => typeof w === "string") : undefined;
  } catch {
    return undefined;
  }
}

/** Workspace package name → folder, from the nearest monorepo root at or above the project. */
function readWorkspaceFolders(projectDir: string): Map<string, string> {
  const packages = new Map<string, string>();
  let dir = projectDir;
  for (let i = 0; i <= MAX_WORKSPACE_DEPTH; i++) {
    const patterns = workspacePatterns(dir);
    if (patterns) {
      for (const folder of patterns.flatMap((p) => expandPattern(dir, p))) {
        try {
          const name = (JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { name?: unknown }).name;
          if (typeof name === "string") packages.set(name, folder);
        } catch {
          // not a package folder
        }
      }
      return packages;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return packages;
}
