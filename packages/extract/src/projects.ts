/**
 * Which projects a run covers, from its `--project` values (folders or globs, default `.`). A project is a
 * folder whose graphs are read together, with that folder's `tsconfig.json` and its own snapshot beside its
 * `langgraph.json`:
 * - a folder with a `langgraph.json` is one project, as `langgraph dev` run there would serve it;
 * - a folder without one (a monorepo root, with or without workspaces) stands for every folder below it that
 *   has one (not looking inside `node_modules` or hidden folders), so a run from the root reads each app in its
 *   own folder, exactly as a run there would;
 * - a folder with none below is one project whose graphs are discovered from its exports, as before;
 * - a glob (`apps/*`) stands for the folders it matches that have or hold a `langgraph.json`;
 * - with `asNamed` (the run names graphs with `--graph`), each folder is the project, without looking below.
 * Nothing is run and nothing but folder names and `langgraph.json` paths is read.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { globSync, isDynamicPattern } from "tinyglobby";
import { UserError } from "@langgraph-compat/snapshot";

export interface Project {
  /** Absolute folder. */
  dir: string;
  /**
   * The prefix of its graph ids and file paths when the run is not just this folder, named as it is: the
   * folder relative to the working directory, POSIX (`apps/agent`), so graph `agent` there is reported as
   * `apps/agent:agent` and its files as `apps/agent/src/...`. Empty otherwise (and for the working directory
   * itself): ids and paths are then the project's own.
   */
  namespace: string;
  /** The folder named by `--project` that stands for this one (itself, a monorepo root, or the glob's base). */
  root: string;
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory();
const posix = (path: string) => path.split(sep).join("/");

/** The folders below `dir` (itself included) holding a `langgraph.json`, sorted. */
function withLanggraphJson(dir: string): string[] {
  const files = globSync("**/langgraph.json", { cwd: dir, ignore: ["**/node_modules/**"], dot: false, followSymbolicLinks: false });
  return files.map((file) => resolve(dir, dirname(file))).sort();
}

/**
 * The projects of `values` (each a folder or a glob, relative to `cwd`), in a stable order, each once. A named
 * folder that does not exist, or a glob that finds no project, is a one-line `project-missing` error.
 */
export function findProjects(values: readonly string[], cwd: string = process.cwd(), options: { asNamed?: boolean } = {}): Project[] {
  const dirs: string[] = [];
  const roots = new Map<string, string>();
  let single = values.length === 1;
  for (const value of values.length > 0 ? values : ["."]) {
    if (isDynamicPattern(value)) {
      const matched = globSync(value, { cwd, onlyDirectories: true, ignore: ["**/node_modules/**"], expandDirectories: false }).map((d) => resolve(cwd, d));
      const found = matched.filter(isDirectory).flatMap(withLanggraphJson);
      if (found.length === 0) throw new UserError("project-missing", `--project ${value}: matches no folder with a langgraph.json`);
      for (const dir of found) roots.set(dir, cwd);
      dirs.push(...found);
      single = false;
      continue;
    }
    const dir = resolve(cwd, value);
    if (!isDirectory(dir)) throw new UserError("project-missing", `--project ${value}: no such project directory`);
    const below = options.asNamed || existsSync(resolve(dir, "langgraph.json")) ? [dir] : withLanggraphJson(dir);
    for (const found of below) if (!roots.has(found)) roots.set(found, dir);
    if (below.length === 0 || (below.length === 1 && below[0] === dir)) {
      roots.set(dir, dir);
      dirs.push(dir);
    }
    else {
      dirs.push(...below);
      single = false;
    }
  }
  const unique = [...new Set(dirs)];
  if (single && unique.length === 1) return [{ dir: unique[0]!, namespace: "", root: unique[0]! }];
  return unique.map((dir) => ({ dir, namespace: posix(relative(cwd, dir)), root: roots.get(dir)! }));
}
