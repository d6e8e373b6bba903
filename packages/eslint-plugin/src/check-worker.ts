/**
 * The worker thread behind the `compat` rule: `langgraph-compat check` for one project (extract it, diff it
 * against its committed snapshot), run off the lint thread because the diff is asynchronous and ESLint rules
 * are not. It never runs project code: the extractor only reads it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runAsWorker } from "synckit";
import { END, loadSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots, loadConfig, parallelWriters, renderMessage } from "@langgraph-compat/diff";
import type { CheckRequest, CheckResponse } from "./check-types.js";

runAsWorker(async (request: CheckRequest): Promise<CheckResponse> => {
  try {
    const configPath = join(request.projectDir, request.configFile);
    const config = existsSync(configPath) ? loadConfig(configPath) : undefined;
    const snapshotPath = join(request.projectDir, request.snapshotFile);
    const before = existsSync(snapshotPath) ? loadSnapshot(snapshotPath) : undefined;
    const graphs = config?.graphs && config.graphs.length > 0 ? { configGraphs: { source: configPath, graphs: config.graphs } } : {};
    let files: string[] = [];
    const after = extractProject({ projectDir: request.projectDir, ...graphs, onFilesRead: (read) => (files = read) });
    const unresolved = Object.values(after.graphs).flatMap((g) => g.unresolved.map(({ kind, reason, text, location }) => ({ kind, reason, text, location })));
    const parallel = Object.entries(after.graphs).flatMap(([graph, g]) =>
      Object.values(g.state.channels)
        .filter((c) => c.reducer.kind === "none" && !c.untracked)
        .map((c) => ({ key: c.name, graph, nodes: parallelWriters(g, c.name) }))
        .filter((p) => p.nodes.length > 0)
        .map((p) => ({ ...p, locations: p.nodes.map((node) => ({ node, location: g.nodes[node].location })) })),
    );
    const gotoOutsideEnds = Object.values(after.graphs).flatMap((g) =>
      Object.values(g.nodes)
        .filter((n) => n.ends !== undefined)
        .map((n) => ({ node: n.name, missing: n.gotos.filter((t) => t !== END && !(n.ends ?? []).includes(t)), location: n.location }))
        .filter((n) => n.missing.length > 0),
    );
    if (before === undefined) return { files, findings: [], unresolved, parallel, gotoOutsideEnds };
    const result = await diffSnapshots(before, after, { config });
    return {
      files,
      unresolved,
      parallel,
      gotoOutsideEnds,
      findings: result.findings
        .filter((f) => f.severity !== "safe" && f.after !== undefined)
        .map((f) => ({ ruleId: f.ruleId, severity: f.severity as "breaking" | "risky", message: renderMessage(f), endangered: f.endangered ?? [], fingerprint: f.fingerprint, location: f.after! })),
    };
  } catch (error) {
    return { findings: [], unresolved: [], error: error instanceof Error ? error.message : String(error) };
  }
});
