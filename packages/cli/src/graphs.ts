import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { GraphChoice } from "@langgraph-compat/extract";
import { UserError } from "@langgraph-compat/snapshot";
import { CONFIG_FILE, loadConfig, type CompatConfig } from "@langgraph-compat/diff";

/** The config file looked for in the project directory when `--config` is not given. */
export { CONFIG_FILE };

/**
 * `--config FILE` when given (it must exist), else the project's own `langgraph-compat.config.json`, else, for a
 * project found below the folder `--project` named (a monorepo's root), that folder's: one config at the root
 * serves every app that has none of its own.
 */
export function readProjectConfig(project: { dir: string; root?: string }, configFlag: unknown): { config?: CompatConfig; path: string } {
  if (typeof configFlag === "string") return { config: loadConfig(resolve(configFlag)), path: resolve(configFlag) };
  for (const dir of project.root && project.root !== project.dir ? [project.dir, project.root] : [project.dir]) {
    const path = join(dir, CONFIG_FILE);
    if (existsSync(path)) return { config: loadConfig(path), path };
  }
  return { path: join(project.dir, CONFIG_FILE) };
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
