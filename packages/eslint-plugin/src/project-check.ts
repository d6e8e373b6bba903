/**
 * The check behind this plugin's rules: `langgraph-compat check` of the linted file's project, run in a worker.
 *
 * The check runs once per state of the project: its result is kept, keyed by the size and time of the files
 * it read, the snapshot and the config, for the whole lint run and for later runs in a long-lived editor
 * process.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createSyncFn } from "synckit";
import { SNAPSHOT_FILE } from "@langgraph-compat/snapshot";
import { CONFIG_FILE } from "@langgraph-compat/diff";
import type { CheckRequest, CheckResponse } from "./check-types.js";

/** The worker, built next to this file (from `src/` in the repo's tests, the built one in `dist/`). */
const here = fileURLToPath(import.meta.url);
const workerPath = here.endsWith(".ts") ? join(dirname(here), "..", "dist", "check-worker.js") : join(dirname(here), "check-worker.js");
let check: ((request: CheckRequest) => CheckResponse) | undefined;

/** Kept check results, per project and rule levels, with the stamps of the files they were computed from. */
const results = new Map<string, { stamps: Map<string, string>; response: CheckResponse }>();
/**
 * How many times the check really ran, how many source files it parsed and how long it took in all: tests
 * read the counts (a second lint of an unchanged project runs no check; one after an edit parses the edited
 * file alone), bench/eslint.mjs the time.
 */
export const stats = { checks: 0, parsed: 0, checkMs: 0, workerMs: 0, extractMs: 0 };

/** The nearest directory at or above `file` holding `langgraph.json` or the config file. */
function findProject(file: string): string | undefined {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "langgraph.json")) || existsSync(join(dir, CONFIG_FILE))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The project of one linted file (its `SourceCode`), looked up once however many rules ask. */
const projects = new WeakMap<object, { dir: string | undefined }>();

/** The linted file, its project, and where a location of the check's (relative to the project) lands in it. */
export function lintTarget(context: { filename: string; sourceCode: { lines: string[] } }): { file: string; projectDir: string | undefined } {
  const file = resolve(context.filename);
  let project = projects.get(context.sourceCode);
  if (project === undefined) projects.set(context.sourceCode, (project = { dir: findProject(file) }));
  return { file, projectDir: project.dir };
}

/** Files outside the source that change what the check reads. */
const PROJECT_FILES = ["langgraph.json", "tsconfig.json", "package.json", SNAPSHOT_FILE, CONFIG_FILE];

/**
 * Size and modification time of every file the last check read (its source files, as the extractor reports
 * them) and of the project files around them. A change to any other file cannot change the result: a file a
 * graph newly imports is named by an import in a file that changed. `known` holds stamps taken already.
 */
function stamps(projectDir: string, files: readonly string[], known?: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const path of [...PROJECT_FILES.map((f) => join(projectDir, f)), ...files]) {
    let stamp = known?.get(path);
    if (stamp === undefined) {
      try {
        const s = statSync(path);
        stamp = `${s.size}:${s.mtimeMs}`;
      } catch {
        stamp = "absent"; // a deleted file changes the stamps as well
      }
    }
    out.set(path, stamp);
  }
  return out;
}

/** The check's findings for `projectDir` with these rule levels, from the kept result when nothing changed. */
export function findingsOf(projectDir: string, rules?: unknown): CheckResponse {
  const id = `${projectDir}\0${JSON.stringify(rules ?? null)}`;
  const kept = results.get(id);
  const now = stamps(projectDir, kept?.response.files ?? []);
  const same = kept === undefined ? [] : [...now].filter(([path, stamp]) => kept.stamps.get(path) === stamp).map(([path]) => path);
  if (kept !== undefined && same.length === now.size && kept.stamps.size === now.size) return kept.response;
  check ??= createSyncFn<(request: CheckRequest) => Promise<CheckResponse>>(workerPath);
  stats.checks++;
  const started = performance.now();
  // Stamps are taken before the check reads: a file changed while it runs has a new stamp next time.
  const response = check({ projectDir, snapshotFile: SNAPSHOT_FILE, configFile: CONFIG_FILE, rules, unchanged: same });
  stats.checkMs += performance.now() - started;
  stats.parsed += response.parsed ?? 0;
  stats.workerMs += response.ms?.total ?? 0;
  stats.extractMs += response.ms?.extract ?? 0;
  results.set(id, { stamps: stamps(projectDir, response.files ?? [], now), response });
  return response;
}

/**
 * The rule levels of ESLint's shared settings, `settings: { "langgraph-compat": { rules: { ... } } }`: the
 * `rules` object of `langgraph-compat.config.json`, which they override rule by rule.
 */
function settingsRules(settings: Record<string, unknown>): unknown {
  const own = settings["langgraph-compat"];
  return own !== null && typeof own === "object" ? (own as { rules?: unknown }).rules : undefined;
}

/** The files `langgraph.json` names as graph entries (`"./src/graph.ts:graph"` gives `src/graph.ts`), absolute. */
export function entryFiles(projectDir: string): Set<string> {
  try {
    const json = JSON.parse(readFileSync(join(projectDir, "langgraph.json"), "utf8")) as { graphs?: Record<string, unknown> };
    return new Set(Object.values(json.graphs ?? {}).flatMap((v) => (typeof v === "string" ? [resolve(projectDir, v.replace(/:[^:/\\]*$/, ""))] : [])));
  } catch {
    return new Set();
  }
}

/** The response for one linted file, shared by every rule of this plugin that runs on it (one key check per file). */
const perFile = new WeakMap<object, CheckResponse>();

const NOTHING: CheckResponse = { findings: [], unresolved: [] };

/**
 * {@link findingsOf} once per linted file (its `SourceCode`), however many of the rules ask. A file the kept
 * check did not read holds none of its locations, so it is answered without looking at the project again:
 * in a large project most linted files are not graph code. (A file that a changed graph file newly imports
 * is found when that graph file is linted, which re-runs the check.)
 */
export function findingsForFile(context: { sourceCode: object; settings: Record<string, unknown> }, projectDir: string, file: string): CheckResponse {
  let response = perFile.get(context.sourceCode);
  if (response === undefined) {
    const rules = settingsRules(context.settings);
    const kept = results.get(`${projectDir}\0${JSON.stringify(rules ?? null)}`)?.response;
    response = kept !== undefined && kept.error === undefined && kept.files !== undefined && !kept.files.includes(file) ? NOTHING : findingsOf(projectDir, rules);
    perFile.set(context.sourceCode, response);
  }
  return response;
}

/** Forget every kept result (tests). */
export function clearResults(): void {
  results.clear();
}

