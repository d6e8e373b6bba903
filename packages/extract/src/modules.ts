import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { Project, ts, type SourceFile } from "ts-morph";
import { UserError } from "@langgraph-compat/snapshot";

interface PathAliases {
  baseUrl?: string;
  paths: Array<{ prefix: string; suffix: string; wildcard: boolean; targets: string[] }>;
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** Deepest we look above the project for the monorepo root. */
const MAX_WORKSPACE_DEPTH = 6;

/** Folders matched by one workspace pattern (`packages/*`, `apps/**`, `tools/cli`). */
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

/**
 * Map each workspace package's name to its folder, from the nearest monorepo root at or above the project,
 * so `@acme/shared` resolves to its sources in a checkout that has no node_modules.
 */
function readWorkspacePackages(projectDir: string): Map<string, string> {
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

/** Parse a JSON file that may hold comments and trailing commas (tsconfig style). */
function readJsonc(path: string): unknown {
  const parsed = ts.parseConfigFileTextToJson(path, readFileSync(path, "utf8"));
  if (parsed.error) {
    const text = ts.flattenDiagnosticMessageText(parsed.error.messageText, " ");
    throw new UserError("config-invalid", `${path}: cannot parse (${text})`);
  }
  return parsed.config;
}

/** Read `baseUrl` and `paths` from a tsconfig, following `extends` to local files. */
function readPathAliases(tsconfigPath: string, seen = new Set<string>()): PathAliases {
  if (seen.has(tsconfigPath) || !existsSync(tsconfigPath)) return { paths: [] };
  seen.add(tsconfigPath);
  const config = (readJsonc(tsconfigPath) ?? {}) as {
    extends?: string | string[];
    compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
  };
  const dir = dirname(tsconfigPath);
  let inherited: PathAliases = { paths: [] };
  for (const ext of [config.extends ?? []].flat()) {
    if (!ext.startsWith(".")) continue; // package-based extends need node_modules; skip them
    const target = resolve(dir, ext.endsWith(".json") ? ext : `${ext}.json`);
    inherited = readPathAliases(target, seen);
  }
  const options = config.compilerOptions ?? {};
  const baseUrl = options.baseUrl !== undefined ? resolve(dir, options.baseUrl) : inherited.baseUrl;
  if (!options.paths) return { baseUrl, paths: inherited.paths };
  const pathsBase = baseUrl ?? dir;
  const paths = Object.entries(options.paths).map(([pattern, targets]) => {
    const star = pattern.indexOf("*");
    return {
      prefix: star < 0 ? pattern : pattern.slice(0, star),
      suffix: star < 0 ? "" : pattern.slice(star + 1),
      wildcard: star >= 0,
      targets: targets.map((t) => resolve(pathsBase, t)),
    };
  });
  return { baseUrl, paths };
}

/**
 * The set of project source files, loaded lazily: only files reached from a graph entry point are parsed.
 * Module resolution is our own (relative paths, tsconfig `paths`/`baseUrl`, index files, `.js` → `.ts`),
 * so a checkout without `node_modules` works, and no type checker is ever built.
 */
export class ModuleGraph {
  readonly project: Project;
  private readonly aliases: PathAliases;
  private readonly resolved = new Map<string, SourceFile | undefined>();
  private workspace: Map<string, string> | undefined;

  constructor(readonly projectDir: string) {
    this.project = new Project({
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      skipLoadingLibFiles: true,
      compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, noLib: true },
    });
    this.aliases = readPathAliases(join(projectDir, "tsconfig.json"));
  }

  /** Load a project file by absolute path; throws a UserError on a syntax error. */
  load(path: string): SourceFile {
    const existing = this.project.getSourceFile(path);
    if (existing) return existing;
    const file = this.project.addSourceFileAtPath(path);
    const diagnostics = (file.compilerNode as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] })
      .parseDiagnostics;
    const first = diagnostics?.[0];
    if (first) {
      const { line, character } = file.compilerNode.getLineAndCharacterOfPosition(first.start);
      const rel = path.startsWith(this.projectDir) ? path.slice(this.projectDir.length + 1) : path;
      const text = ts.flattenDiagnosticMessageText(first.messageText, " ");
      throw new UserError("syntax-error", `${rel}:${line + 1}:${character + 1}: syntax error: ${text}`);
    }
    return file;
  }

  /** Resolve an import specifier to a project source file, or undefined for packages and missing files. */
  resolveImport(from: SourceFile, specifier: string): SourceFile | undefined {
    const key = `${from.getFilePath()}\u0000${specifier}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const path = this.resolvePath(dirname(from.getFilePath()), specifier);
    const file = path ? this.load(path) : undefined;
    this.resolved.set(key, file);
    return file;
  }

  private resolvePath(fromDir: string, specifier: string): string | undefined {
    if (specifier.startsWith(".") || isAbsolute(specifier)) return probe(resolve(fromDir, specifier));
    for (const alias of this.aliases.paths) {
      const matches = alias.wildcard
        ? specifier.startsWith(alias.prefix) && specifier.endsWith(alias.suffix)
        : specifier === alias.prefix;
      if (!matches) continue;
      const middle = alias.wildcard ? specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length) : "";
      for (const target of alias.targets) {
        const found = probe(target.replace("*", middle));
        if (found) return found;
      }
    }
    if (this.aliases.baseUrl) {
      const found = probe(resolve(this.aliases.baseUrl, specifier));
      if (found) return found;
    }
    return this.resolveWorkspacePackage(specifier);
  }

  /** `@acme/shared/state` → the source file in the workspace package `@acme/shared`, if there is one. */
  private resolveWorkspacePackage(specifier: string): string | undefined {
    this.workspace ??= readWorkspacePackages(this.projectDir);
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
    const folder = this.workspace.get(name);
    if (!folder) return undefined;
    const subpath = specifier.slice(name.length).replace(/^\//, "");
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
      // Build output is not in a checkout: map `dist/x.js` / `dist/x.d.ts` back to `src/x.ts`.
      const source = target.replace(/^\.?\/?(dist|build|lib|out)\//, "./src/").replace(/\.d\.ts$/, ".ts");
      const found = probe(resolve(folder, source)) ?? probe(resolve(folder, target));
      if (found && !found.endsWith(".d.ts")) return found;
    }
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Find the source file a module path names: exact, with an extension, `.js` written for `.ts`, or an index. */
function probe(base: string): string | undefined {
  if (/\.(ts|tsx|mts|cts)$/.test(base) && isFile(base)) return base;
  const stripped = base.replace(/\.(js|jsx|mjs|cjs)$/, "");
  if (stripped !== base) {
    for (const ext of [".ts", ".tsx", ".mts", ".cts"]) if (isFile(stripped + ext)) return stripped + ext;
    if (isFile(base)) return base;
  }
  for (const ext of SOURCE_EXTENSIONS) if (isFile(base + ext)) return base + ext;
  for (const ext of SOURCE_EXTENSIONS) if (isFile(join(base, `index${ext}`))) return join(base, `index${ext}`);
  return undefined;
}
