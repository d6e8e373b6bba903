import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { UserError, loadSnapshot, type Snapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots, loadConfig, renderJson, renderText, type DiffResult } from "@langgraph-compat/diff";
import { choice, parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";
import { SNAPSHOT_FILE } from "./snapshot.js";
import { withProjectAtRef } from "../git.js";
import { CONFIG_FILE, graphChoice } from "../graphs.js";

export { CONFIG_FILE };
const FAIL_ON = ["breaking", "risky", "never"] as const;

/** True when some finding is at or above the `--fail-on` level. */
export function failsOn(result: DiffResult, level: (typeof FAIL_ON)[number]): boolean {
  if (level === "never") return false;
  return result.summary.breaking > 0 || (level === "risky" && result.summary.risky > 0);
}

/**
 * `langgraph-compat check [--project DIR] [--snapshot FILE | --against-ref REF] [--config FILE]
 * [--format text|json] [--fail-on breaking|risky|never]`: extract DIR and diff it against the committed
 * snapshot, or against the same project extracted from git ref REF.
 */
export async function checkCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags("check", args, {
    project: { type: "string", default: "." },
    snapshot: { type: "string" },
    "against-ref": { type: "string" },
    config: { type: "string" },
    format: { type: "string" },
    "fail-on": { type: "string" },
    graph: { type: "string", multiple: true },
  });
  const format = choice("format", values.format as string | undefined, ["text", "json"] as const, "text");
  const failOn = choice("fail-on", values["fail-on"] as string | undefined, FAIL_ON, "breaking");
  const projectDir = resolve(String(values.project));
  const ref = values["against-ref"];
  if (typeof ref === "string" && typeof values.snapshot === "string") {
    throw new UserError("usage", "check: --snapshot and --against-ref are alternatives; pass one");
  }
  const configPath = typeof values.config === "string" ? resolve(values.config) : join(projectDir, CONFIG_FILE);
  // Read the inputs a user can get wrong before the (slower) extraction.
  const config = typeof values.config === "string" || existsSync(configPath) ? loadConfig(configPath) : undefined;
  const graphs = graphChoice(values.graph, config, configPath);
  let before: Snapshot;
  if (typeof ref === "string") {
    // A named graph that does not exist yet at REF is skipped there: the diff shows it as added.
    before = withProjectAtRef(projectDir, ref, (dir) => extractProject({ projectDir: dir, ...graphs, skipMissing: true }));
  } else {
    before = loadSnapshot(resolve(typeof values.snapshot === "string" ? values.snapshot : join(projectDir, SNAPSHOT_FILE)));
  }
  const after = extractProject({ projectDir, ...graphs });
  const result = await diffSnapshots(before, after, { config });
  io.stdout.write(format === "json" ? renderJson(result) : renderText(result));
  return failsOn(result, failOn) ? EXIT.findings : EXIT.ok;
}
