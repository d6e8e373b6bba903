import { readFileSync, statSync } from "node:fs";
import { Project, ts, type Node, type SourceFile } from "ts-morph";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";

/**
 * Parsed source files, by path and text. One extraction uses its own; a long-lived process passes the same
 * one to every extraction (through {@link ExtractCache}), so a file is parsed again only when its text changed.
 */
export class SourceCache {
  readonly project = new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, noLib: true },
  });
  /**
   * The text each file was parsed from, its size and times then, and which parse it was (ts-morph keeps one
   * object per path). A file whose size and times did not change is not even read again.
   */
  private readonly parsed = new Map<string, { text: string; stamp: string; parse: number }>();
  /** How many times a file was parsed: tests read it (an unchanged file must not be parsed twice). */
  parses = 0;
  /** Files looked at on disk in this round: one extraction looks at each file once. */
  private readonly looked = new Set<string>();

  /** Files the caller vouches are unchanged since the last round (see {@link trustNextRound}). */
  private trusted: readonly string[] = [];

  /** Start a round (an extraction): every file is looked at on disk again, once, except the trusted ones. */
  newRound(): void {
    this.looked.clear();
    for (const path of this.trusted) if (this.parsed.has(path)) this.looked.add(path);
    this.trusted = [];
  }

  /**
   * In the next round, take these files as unchanged without looking at them: a caller that has just looked
   * at their size and time (the ESLint plugin, deciding whether to check again) saves the second look.
   */
  trustNextRound(paths: readonly string[]): void {
    this.trusted = paths;
  }

  /** `keep`: parse each file anew only when its text changed (for an {@link ExtractCache}); else parse once. */
  constructor(private readonly keep = false) {}

  /** The parsed file at `path` (absolute), from its current text on disk. */
  get(path: string): SourceFile {
    // One extraction, one parse per file: nothing to compare with.
    if (!this.keep) return this.project.addSourceFileAtPath(path);
    const kept = this.project.getSourceFile(path);
    if (kept !== undefined && this.looked.has(path)) return kept;
    this.looked.add(path);
    const before = this.parsed.get(path);
    const { size, mtimeMs, ctimeMs } = statSync(path);
    const stamp = `${size}:${mtimeMs}:${ctimeMs}`;
    if (kept !== undefined && before?.stamp === stamp) return kept;
    const text = readFileSync(path, "utf8");
    if (kept !== undefined && before?.text === text) {
      before.stamp = stamp;
      return kept;
    }
    this.parsed.set(path, { text, stamp, parse: ++this.parses });
    return this.project.createSourceFile(path, text, { overwrite: true });
  }

  /** Which parse the file at `path` holds now: it changes when its text does. */
  version(path: string): number | undefined {
    return this.parsed.get(path)?.parse;
  }

  /** Whether `path` still holds the text it had at parse `version` (false when it changed or is gone). */
  unchanged(path: string, version: number | undefined): boolean {
    try {
      this.get(path);
      return this.version(path) === version;
    } catch {
      return false;
    }
  }
}

/** An answer kept beyond one extraction (about a function, or a whole graph), with what it read. */
export interface KeptAnswer<T> {
  value: T;
  /** Every source file the answer read, with the parse it read (see {@link SourceCache.version}). */
  versions: Map<string, number | undefined>;
  misses: Array<{ from: string; specifier: string }>;
}

/**
 * What a long-lived process (the ESLint plugin in an editor) keeps between extractions of the same project:
 * the parsed files, and each graph with the files it read. A graph none of whose files changed is not
 * extracted again, so editing one node file re-reads that file and re-extracts only the graphs that read it.
 */
export class ExtractCache {
  readonly sources = new SourceCache(true);
  /** By the declaration the graph was found at: a changed entry file gives new declarations. */
  readonly graphs = new WeakMap<Node, KeptAnswer<GraphSnapshot> & { id: string }>();
  /**
   * Answers about functions that may read other files (whether a helper can pause, a node's body
   * fingerprint), kept with what they read: a graph extracted again asks only about functions whose files, or whose helpers' files,
   * changed.
   */
  readonly answers = { pausing: new WeakMap<Node, KeptAnswer<boolean>>(), bodies: new WeakMap<Node, KeptAnswer<string>>() };
  /** How many graphs were extracted (not reused): tests read it. */
  extractions = 0;

  /** Whether nothing a kept answer (or graph) read has changed: same file texts, still-missing imports. */
  stillValid(kept: Omit<KeptAnswer<unknown>, "value">, modules: { stillMissing(miss: { from: string; specifier: string }): boolean }): boolean {
    for (const [path, version] of kept.versions) if (!this.sources.unchanged(path, version)) return false;
    return kept.misses.every((miss) => modules.stillMissing(miss));
  }
}
