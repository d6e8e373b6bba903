import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { instance } from "@viz-js/viz";
import { writeFileAtomic } from "@langgraph-compat/snapshot";
import { diffSnapshots } from "@langgraph-compat/diff";
import { parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";
import { renderReport } from "../report/html.js";
import { compared } from "./check.js";
import { describeCommit } from "../git.js";
import { progress } from "../progress.js";

/** The rule pages inside this package (see explain). */
const DOCS_DIR = fileURLToPath(new URL("../../docs/rules/", import.meta.url));

/**
 * `langgraph-compat report [--project DIR] [--snapshot FILE | --against-ref REF] [--config FILE]
 * [--graph FILE:EXPORT]... [--out report.html]`: one self-contained HTML page of the graphs before and
 * after, and the findings. Without a baseline (no snapshot file, no --against-ref), the current graphs alone.
 * It reads code and never runs it.
 */
export async function reportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags("report", args, {
    project: { type: "string", default: "." },
    snapshot: { type: "string" },
    "against-ref": { type: "string" },
    config: { type: "string" },
    graph: { type: "string", multiple: true },
    out: { type: "string", default: "report.html" },
  });
  const out = String(values.out);
  const shown = progress(io.stderr);
  const { config, before, baseline, after, projectDir } = compared("report", values, false, shown.say);
  const result = before === undefined ? undefined : await diffSnapshots(before, after, { config });
  shown.say("drawing the graphs");
  const rulePage = (id: string) => {
    const page = `${DOCS_DIR}${id}.md`;
    return existsSync(page) ? readFileSync(page, "utf8") : undefined;
  };
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
