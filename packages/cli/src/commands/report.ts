import { resolve } from "node:path";
import { instance } from "@viz-js/viz";
import { writeFileAtomic } from "@langgraph-compat/snapshot";
import { diffSnapshots } from "@langgraph-compat/diff";
import { parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";
import { renderReport } from "../report/html.js";
import { COMPARE_FLAGS, compared } from "./check.js";
import { describeCommit } from "../git.js";
import { progress } from "../progress.js";
import { rulePage } from "../docs.js";

/**
 * `langgraph-compat report [--project DIR] [--snapshot FILE | --against-ref REF] [--config FILE]
 * [--graph FILE:EXPORT]... [--out report.html]`: one self-contained HTML page of the graphs before and
 * after, and the findings. Without a baseline (no snapshot file, no --against-ref), the current graphs alone.
 * It reads code and never runs it.
 */
export async function reportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags("report", args, { ...COMPARE_FLAGS, out: { type: "string", default: "report.html" } });
  const out = String(values.out);
  const shown = progress(io.stderr);
  const { config, before, baseline, after, projectDir } = compared("report", values, false, shown.say);
  const result = before === undefined ? undefined : await diffSnapshots(before, after, { config });
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
