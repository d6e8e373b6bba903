import { resolve } from "node:path";
import { instance } from "@viz-js/viz";
import { UserError, mergeSnapshots, namespaceSnapshot, writeFileAtomic } from "@langgraph-compat/snapshot";
import { diffSnapshots, mergeResults } from "@langgraph-compat/diff";
import { parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";
import { renderReport } from "../report/html.js";
import { COMPARE_FLAGS, basePath, compared } from "../compared.js";
import { describeCommit } from "../git.js";
import { progress } from "../progress.js";
import { rulePage } from "../docs.js";
import { EXPOSURE_FLAGS, withThreads } from "./threads.js";

/**
 * `langgraph-compat report [--project DIR] [--snapshot FILE | --against-ref REF] [--config FILE]
 * [--graph FILE:EXPORT]... [--out report.html] [--threads URL ...]`: one self-contained HTML page of the graphs
 * before and after, and the findings, each with the stored threads it endangers when `--threads` names a store.
 * Without a baseline (no snapshot file, no --against-ref), the current graphs alone. It reads code and never
 * runs it.
 */
export async function reportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags("report", args, { ...COMPARE_FLAGS, ...EXPOSURE_FLAGS, out: { type: "string", default: "report.html" } });
  const out = String(values.out);
  const shown = progress(io.stderr);
  const sides = compared("report", values, false, shown.say);
  // Several projects (a monorepo) make one page: their graphs and findings side by side, namespaced apart.
  // The baseline is all or nothing: a project without one is drawn as it is now.
  const withBaseline = sides.every((side) => side.before !== undefined);
  const parts = [];
  if (withBaseline) for (const side of sides) parts.push({ namespace: side.namespace, result: await diffSnapshots(side.before!, side.after, { config: side.config }) });
  let result = withBaseline ? mergeResults(parts) : undefined;
  if (typeof values.threads === "string") {
    if (result === undefined) throw new UserError("usage", "report: --threads needs a baseline (a committed snapshot or --against-ref) to read the stored threads with");
    result = await withThreads("report", result, sides, values, shown.say);
  }
  const before = withBaseline ? mergeSnapshots(sides.map((side) => namespaceSnapshot(side.before!, side.namespace))) : undefined;
  const after = mergeSnapshots(sides.map((side) => namespaceSnapshot(side.after, side.namespace)));
  const missing = sides.filter((side) => side.before === undefined);
  if (!withBaseline && missing.length < sides.length) {
    io.stderr.write(`report: no baseline for ${missing.map((s) => s.namespace || ".").join(", ")} (no snapshot there); drawing the current graphs only\n`);
  }
  const baseline = !withBaseline ? undefined : sides.length === 1 || typeof values["against-ref"] === "string" ? sides[0]!.baseline : "each project's snapshot";
  const projectDir = basePath(sides);
  shown.say("drawing the graphs");
  const head = describeCommit(projectDir, "HEAD");
  const current = `working tree${head ? ` on ${head}` : ""}`;
  const html = renderReport({ before, after, result, baseline, current, rulePage, viz: await instance() });
  shown.done();
  if (out === "-") io.stdout.write(html);
  else {
    writeFileAtomic(resolve(out), html);
    const s = result?.summary;
    io.stdout.write(`wrote ${out}${s ? `: ${s.breaking} breaking, ${s.risky} risky, ${s.safe} safe` : ": current graphs, no baseline"}\n`);
  }
  return EXIT.ok;
}
