/**
 * The worker thread behind the `compat` rule: `langgraph-compat check` for one project (extract it, diff it
 * against its committed snapshot), run off the lint thread because the diff is asynchronous and ESLint rules
 * are not. It never runs project code: the extractor only reads it.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { runAsWorker } from "synckit";
import { loadSnapshot, type Snapshot } from "@langgraph-compat/snapshot";
import { ExtractCache, extractProject } from "@langgraph-compat/extract";
import { diffSnapshots, loadConfig, parseConfig, renderMessage } from "@langgraph-compat/diff";
import { aliasPlan, currentFacts } from "./facts.js";
import type { CheckRequest, CheckResponse, EditorFinding } from "./check-types.js";

/**
 * Per project, what this worker keeps between checks for as long as the lint process lives (an editor's):
 * parsed files and extracted graphs, so an edit re-reads only the changed file and re-extracts only the
 * graphs that read it.
 */
const caches = new Map<string, ExtractCache>();

/** The committed snapshot, read again only when its size or time changes. */
const snapshots = new Map<string, { stamp: string; snapshot: Snapshot }>();

function keptSnapshot(path: string): Snapshot {
  const { size, mtimeMs } = statSync(path);
  const stamp = `${size}:${mtimeMs}`;
  const kept = snapshots.get(path);
  if (kept?.stamp === stamp) return kept.snapshot;
  const snapshot = loadSnapshot(path);
  snapshots.set(path, { stamp, snapshot });
  return snapshot;
}

runAsWorker(async (request: CheckRequest): Promise<CheckResponse> => {
  let cache = caches.get(request.projectDir);
  if (cache === undefined) caches.set(request.projectDir, (cache = new ExtractCache()));
  const parsesBefore = cache.sources.parses;
  cache.sources.trustNextRound(request.unchanged ?? []);
  const started = performance.now();
  let extractMs = 0;
  const work = () => ({ parsed: cache.sources.parses - parsesBefore, ms: { extract: extractMs, total: performance.now() - started } });
  try {
    const configPath = join(request.projectDir, request.configFile);
    const fileConfig = existsSync(configPath) ? loadConfig(configPath) : undefined;
    const settings = request.rules === undefined ? undefined : parseConfig({ rules: request.rules }, 'ESLint settings["langgraph-compat"]').rules;
    const config = settings === undefined ? fileConfig : { ...fileConfig, rules: { ...fileConfig?.rules, ...settings } };
    const snapshotPath = join(request.projectDir, request.snapshotFile);
    const before = existsSync(snapshotPath) ? keptSnapshot(snapshotPath) : undefined;
    const graphs = config?.graphs && config.graphs.length > 0 ? { configGraphs: { source: configPath, graphs: config.graphs } } : {};
    let files: string[] = [];
    const extracting = performance.now();
    const after = extractProject({ projectDir: request.projectDir, ...graphs, cache, onFilesRead: (read) => (files = read) });
    extractMs = performance.now() - extracting;
    const facts = currentFacts(after, before);
    if (before === undefined) return { files, findings: [], ...facts, ...work() };
    const result = await diffSnapshots(before, after, { config });
    return {
      files,
      ...work(),
      ...facts,
      findings: result.findings
        .filter((f) => f.severity !== "safe" && f.after !== undefined)
        .map((f) => {
          const finding: EditorFinding = { ruleId: f.ruleId, severity: f.severity as "breaking" | "risky", message: renderMessage(f), endangered: f.endangered ?? [], fingerprint: f.fingerprint, location: f.after! };
          const { from, to, alias } = f.meta as { from?: unknown; to?: unknown; alias?: unknown };
          if (f.ruleId === "node-renamed" && alias !== true && typeof from === "string" && typeof to === "string" && f.path === `nodes/${from}`) {
            const plan = aliasPlan(after.graphs[f.graph], from, to);
            if (plan !== undefined) finding.alias = plan;
          }
          return finding;
        }),
    };
  } catch (error) {
    return { findings: [], unresolved: [], error: error instanceof Error ? error.message : String(error), ...work() };
  }
});
