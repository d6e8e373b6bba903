import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { Project, ts, type SourceFile } from "ts-morph";
import { UserError } from "@langgraph-compat/snapshot";

interface PathAliases {
  baseUrl?: string;
  paths: Array<{ prefix: string; suffix: string; wildcard: boolean; targets: string[] }>;
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

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
    if (this.aliases.baseUrl) return probe(resolve(this.aliases.baseUrl, specifier));
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
