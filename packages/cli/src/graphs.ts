import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { GraphChoice } from "@langgraph-compat/extract";
import { UserError } from "@langgraph-compat/snapshot";
import { CONFIG_FILE, loadConfig, type CompatConfig } from "@langgraph-compat/diff";

/** The config file looked for in the project directory when `--config` is not given. */
export { CONFIG_FILE };

/** `--config FILE` when given (it must exist), else `DIR/langgraph-compat.config.json` when it exists. */
export function readProjectConfig(projectDir: string, configFlag: unknown): { config?: CompatConfig; path: string } {
  const path = typeof configFlag === "string" ? resolve(configFlag) : join(projectDir, CONFIG_FILE);
  if (typeof configFlag !== "string" && !existsSync(path)) return { path };
  return { config: loadConfig(path), path };
}

/**
 * Which graphs to extract: the `--graph FILE:EXPORT` values (repeatable) when given, else the config's
 * `graphs` (added to langgraph.json's, or instead of discovery). A malformed `--graph` is a usage error.
 */
export function graphChoice(graphFlags: unknown, config: CompatConfig | undefined, configPath: string): GraphChoice {
  const flags = Array.isArray(graphFlags) ? graphFlags.filter((v): v is string => typeof v === "string") : [];
  // Checked here, before any extraction or snapshot is read; the extractor checks the file and export.
  for (const flag of flags) {
    if (!/^.+:[\w$]+(\.[\w$]+)?$/.test(flag)) {
      throw new UserError("usage", `--graph ${flag}: expected FILE:EXPORT, e.g. src/graph.ts:buildGraph or src/agent.ts:Agent.createWorkflow`);
    }
  }
  const choice: GraphChoice = {};
  if (flags.length > 0) choice.graphs = flags;
  if (config?.graphs && config.graphs.length > 0) choice.configGraphs = { source: configPath, graphs: config.graphs };
  return choice;
}
