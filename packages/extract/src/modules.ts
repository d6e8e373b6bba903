import { relative, sep } from "node:path";
import { ts, type SourceFile } from "ts-morph";
import { UserError } from "@langgraph-compat/snapshot";
import { ModuleResolver } from "./module-resolver.js";
import { SourceCache } from "./source-cache.js";

/** What a computation read (see {@link ModuleGraph.track}). */
export interface Deps {
  files: Set<string>;
  misses: Array<{ from: string; specifier: string }>;
}

/** What an untracked computation read, as far as anyone asks. */
const NOTHING_READ: Deps = { files: new Set(), misses: [] };

/**
 * The set of project source files, loaded lazily: only files reached from a graph entry point are parsed.
 * Imports are resolved by {@link ModuleResolver} (TypeScript's own resolution, plus workspace packages
 * without node_modules), the same resolver `dev` uses, so the verdict reads the files that run.
 * No type checker is ever built.
 */
export class ModuleGraph {
  private readonly resolver: ModuleResolver;
  private readonly resolved = new Map<string, { file: SourceFile | undefined; deps: Deps }>();
  /** The files this extraction loaded, by path. */
  private readonly loaded = new Map<string, SourceFile>();

  /**
   * `sources` may be shared between extractions (see {@link SourceCache}); imports are resolved afresh. Only
   * then is what each computation reads tracked: a one-off extraction (the CLI) keeps nothing beyond itself,
   * and tracking would cost it about 15%.
   */
  constructor(
    readonly projectDir: string,
    sources?: SourceCache,
  ) {
    this.sources = sources ?? new SourceCache();
    this.tracking = sources !== undefined;
    this.resolver = new ModuleResolver(projectDir);
  }

  private readonly sources: SourceCache;
  private readonly tracking: boolean;

  /** Whether `specifier`, imported from the file `from`, still names no project file. */
  stillMissing(miss: { from: string; specifier: string }): boolean {
    return this.resolver.resolve(miss.specifier, miss.from) === undefined;
  }

  /** Absolute paths of every file this extraction loaded, sorted. */
  files(): string[] {
    return [...this.loaded.keys()].sort();
  }

  /** Open dependency frames, innermost last (see {@link track}). */
  private readonly frames: Deps[] = [];

  /**
   * Run `compute` and collect what it read: every file loaded or reached through an import, and every
   * relative import found missing. Caches that answer without reading again replay what they read
   * ({@link replay}), so an answer kept beyond this extraction can tell when it is stale.
   */
  track<T>(compute: () => T): [T, Deps] {
    if (!this.tracking) return [compute(), NOTHING_READ];
    const deps: Deps = { files: new Set(), misses: [] };
    this.frames.push(deps);
    try {
      return [compute(), deps];
    } finally {
      this.frames.pop();
    }
  }

  /** Count the file at `path` as read by every open frame. */
  touch(path: string): void {
    if (!this.tracking) return;
    for (const frame of this.frames) frame.files.add(path);
  }

  /** Count `deps` as read by every open frame. */
  replay(deps: Deps): void {
    if (!this.tracking) return;
    for (const frame of this.frames) {
      for (const file of deps.files) frame.files.add(file);
      frame.misses.push(...deps.misses);
    }
  }

  /** Load a project file by absolute path; throws a UserError on a syntax error. */
  load(path: string): SourceFile {
    this.touch(path);
    const existing = this.loaded.get(path);
    if (existing) return existing;
    const file = this.sources.get(path);
    const diagnostics = (file.compilerNode as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] })
      .parseDiagnostics;
    const first = diagnostics?.[0];
    if (first) {
      const { line, character } = file.compilerNode.getLineAndCharacterOfPosition(first.start);
      // Relative even outside the project (`../../libs/x.ts`): temporary checkouts stay out of messages.
      const rel = relative(this.projectDir, path).split(sep).join("/");
      const text = ts.flattenDiagnosticMessageText(first.messageText, " ");
      throw new UserError("syntax-error", `${rel}:${line + 1}:${character + 1}: syntax error: ${text}`);
    }
    this.loaded.set(path, file);
    return file;
  }

  /** Resolve an import specifier to a project source file, or undefined for packages and missing files. */
  resolveImport(from: SourceFile, specifier: string): SourceFile | undefined {
    const key = `${from.getFilePath()}\u0000${specifier}`;
    if (!this.resolved.has(key)) {
      const [file, deps] = this.track(() => {
        const path = this.resolver.resolve(specifier, from.getFilePath());
        if (path === undefined && specifier.startsWith(".")) {
          this.frames.at(-1)?.misses.push({ from: from.getFilePath(), specifier });
        }
        return path ? this.load(path) : undefined;
      });
      this.resolved.set(key, { file, deps });
    }
    const { file, deps } = this.resolved.get(key)!;
    this.replay(deps);
    return file;
  }
}
