/**
 * Source watching for `langgraph-compat dev`: `fs.watch` (recursive on macOS and Windows, one watcher per
 * directory on Linux), or a poll of modification times where `fs.watch` fails; either way debounced into
 * one callback per burst of edits.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import { extname, join, relative } from "node:path";

const SOURCE_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]);
const CONFIG_FILES = new Set(["tsconfig.json", "langgraph.json", "package.json"]);
const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "build", ".turbo", ".langgraph_api"]);

/** True for a path (relative to the project) whose change can change the graph. */
export function isWatchedSource(relPath: string): boolean {
  const parts = relPath.split(/[\\/]/);
  if (parts.some((p) => SKIP_DIRS.has(p))) return false;
  const name = parts[parts.length - 1];
  return (SOURCE_EXTENSIONS.has(extname(name)) && !name.endsWith(".d.ts")) || CONFIG_FILES.has(name);
}

/** Every watched source file of the project, sorted (absolute paths). */
export function listSources(projectDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile() && isWatchedSource(relative(projectDir, path))) files.push(path);
    }
  };
  walk(projectDir);
  return files.sort();
}

/** A hash of the project's watched sources, so a burst of events that changed nothing reloads nothing. */
export function sourcesHash(projectDir: string): string {
  const hash = createHash("sha256");
  for (const file of listSources(projectDir)) {
    hash.update(relative(projectDir, file)).update("\0");
    try {
      hash.update(readFileSync(file)).update("\0");
    } catch {
      hash.update("<unreadable>\0");
    }
  }
  return hash.digest("hex").slice(0, 12);
}

/** A running watcher. */
export interface SourceWatcher {
  /** "fs.watch" or "poll". */
  mode: string;
  close(): void;
}

/** Options of {@link watchSources}. */
export interface WatchOptions {
  debounceMs?: number;
  /** Poll instead of `fs.watch` (also the fallback where recursive `fs.watch` is unsupported). */
  poll?: boolean;
  pollMs?: number;
}

/** Every directory of the project that can hold sources (the project itself included). */
function listDirs(projectDir: string): string[] {
  const dirs = [projectDir];
  for (let i = 0; i < dirs.length; i++) {
    try {
      for (const entry of readdirSync(dirs[i], { withFileTypes: true })) {
        if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) dirs.push(join(dirs[i], entry.name));
      }
    } catch {
      // vanished meanwhile
    }
  }
  return dirs;
}

/**
 * Watch with `fs.watch`: one recursive watcher where the platform does it natively (macOS, Windows); on
 * Linux one watcher per directory, kept in step with the tree. (Node 20's recursive mode on Linux watches
 * file inodes, so it goes deaf to a file replaced by a copy.) Throws when `fs.watch` is unavailable.
 */
function fsWatch(projectDir: string, changed: () => void): () => void {
  const onEvent = (dir: string) => (_event: string, filename: string | Buffer | null) => {
    if (filename === null || isWatchedSource(relative(projectDir, join(dir, String(filename))))) changed();
  };
  if (process.platform === "darwin" || process.platform === "win32") {
    const watcher = watch(projectDir, { recursive: true }, onEvent(projectDir));
    watcher.on("error", () => undefined);
    return () => watcher.close();
  }
  const watchers = new Map<string, FSWatcher>();
  const sync = () => {
    const dirs = new Set(listDirs(projectDir));
    for (const [dir, watcher] of watchers) {
      if (!dirs.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (event, filename) => {
          if (event === "rename") sync();
          onEvent(dir)(event, filename);
        });
        watcher.on("error", () => undefined);
        watchers.set(dir, watcher);
      } catch (error) {
        if (dir === projectDir) throw error;
      }
    }
  };
  try {
    sync();
  } catch (error) {
    for (const watcher of watchers.values()) watcher.close();
    throw error;
  }
  return () => {
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}

/** Call `onChange` once after each burst of changes to the project's sources. */
export function watchSources(projectDir: string, onChange: () => void, options: WatchOptions = {}): SourceWatcher {
  const debounceMs = options.debounceMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const changed = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!closed) onChange();
    }, debounceMs);
  };
  let stopWatching: (() => void) | undefined;
  if (!options.poll) {
    try {
      stopWatching = fsWatch(projectDir, changed);
    } catch {
      stopWatching = undefined;
    }
  }
  let interval: NodeJS.Timeout | undefined;
  if (!stopWatching) {
    const stamp = () =>
      listSources(projectDir)
        .map((f) => {
          try {
            const s = statSync(f);
            return `${f}:${s.mtimeMs}:${s.size}`;
          } catch {
            return f;
          }
        })
        .join("\n");
    let last = stamp();
    interval = setInterval(() => {
      const now = stamp();
      if (now !== last) {
        last = now;
        changed();
      }
    }, options.pollMs ?? 500);
  }
  return {
    mode: stopWatching ? "fs.watch" : "poll",
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (interval) clearInterval(interval);
      stopWatching?.();
    },
  };
}
