/**
 * `langgraph-compat.config.json`: per-rule severity overrides, declared renames, ignores and accepted
 * fingerprints. Loading validates everything and throws a one-line {@link UserError} naming the file.
 */
import { readFileSync } from "node:fs";
import { UserError } from "@langgraph-compat/snapshot";
import { getRule } from "./catalogue.js";
import { closestRuleId } from "./suggest.js";
import type { Severity } from "./types.js";

/** A severity override for one rule; `off` keeps the findings but marks them safe, with a reason. */
export type RuleSetting = Severity | "off";

/**
 * Renames the user vouches for. The outer key is the graph id, or `<graph>/nodes/<subgraph node>` for a
 * nested subgraph; the inner object maps old name to new name.
 */
export interface DeclaredRenameConfig {
  nodes?: Record<string, Record<string, string>>;
  stateKeys?: Record<string, Record<string, string>>;
}

export interface IgnoreEntry {
  /** A rule id, or `*` for any rule. */
  ruleId: string;
  /** A picomatch glob over finding paths, e.g. `nodes/legacy*`. */
  path: string;
  /** Only findings of this graph id; every graph when absent. */
  graph?: string;
  /** Why it is fine to ignore: required. */
  reason: string;
  /** `YYYY-MM-DD`; from that day on the ignore no longer applies, and the finding says so. */
  expires?: string;
}

export interface AcceptedEntry {
  fingerprint: string;
  reason: string;
}

export interface CompatConfig {
  rules?: Record<string, RuleSetting>;
  renames?: DeclaredRenameConfig;
  ignore?: IgnoreEntry[];
  accepted?: AcceptedEntry[];
  /**
   * Graphs to extract, as `FILE:EXPORT` (FILE relative to the project; EXPORT may be `Class.method`), for
   * projects whose graphs are built in factories or classes. Added to langgraph.json's graphs when it exists.
   */
  graphs?: string[];
  /** `check --threads` and `threads`: how stored threads are matched to graphs, and whether to lower. */
  threads?: ThreadsConfig;
}

export interface ThreadsConfig {
  /** As `--threads-lower`: lower a finding that endangers none of the stored threads to safe. */
  lower?: boolean;
  /** As `--threads-graph`: threads whose checkpoint metadata names no graph belong to this one. */
  graph?: string;
  /** Per graph id, a regular expression its thread ids match (tried before `graph`). */
  match?: Record<string, string>;
}

/** The config file looked for in a project directory. */
export const CONFIG_FILE = "langgraph-compat.config.json";

const SETTINGS: readonly string[] = ["breaking", "risky", "safe", "off"];
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Validate parsed JSON as a config. `source` names the file in error messages. */
export function parseConfig(data: unknown, source = "langgraph-compat.config.json"): CompatConfig {
  const fail = (what: string): never => {
    throw new UserError("config-invalid", `${source}: ${what}`);
  };
  if (!isObject(data)) return fail("expected a JSON object");
  for (const key of Object.keys(data)) {
    if (!["rules", "renames", "ignore", "accepted", "graphs", "threads", "$schema"].includes(key))
      fail(`unknown field "${key}" (expected rules, renames, ignore, accepted, graphs, threads)`);
  }
  const knownRule = (id: unknown, where: string) => {
    // getRule looks at own properties only: `constructor`, `__proto__` or `toString` are not rule ids.
    if (typeof id === "string" && getRule(id)) return;
    const near = typeof id === "string" ? closestRuleId(id) : undefined;
    const hint = near ? `did you mean "${near}"?` : "run `langgraph-compat rules` for the list";
    fail(`${where}: unknown rule id ${JSON.stringify(id)}; ${hint}`);
  };
  if (data.rules !== undefined) {
    if (!isObject(data.rules)) fail("rules must be an object of rule id -> severity");
    for (const [id, setting] of Object.entries(data.rules as object)) {
      knownRule(id, "rules");
      if (typeof setting !== "string" || !SETTINGS.includes(setting))
        fail(`rules.${id}: expected one of ${SETTINGS.join(", ")}, got ${JSON.stringify(setting)}`);
    }
  }
  if (data.renames !== undefined) {
    if (!isObject(data.renames)) fail("renames must be an object with nodes and/or stateKeys");
    for (const [kind, byGraph] of Object.entries(data.renames as object)) {
      if (kind !== "nodes" && kind !== "stateKeys") fail(`renames: unknown field "${kind}" (expected nodes, stateKeys)`);
      if (!isObject(byGraph)) fail(`renames.${kind} must map graph id -> { old: new }`);
      for (const [graph, map] of Object.entries(byGraph as object)) {
        if (!isObject(map)) fail(`renames.${kind}.${graph} must map old name -> new name`);
        for (const [from, to] of Object.entries(map as object))
          if (typeof to !== "string" || to === "" || to === from)
            fail(`renames.${kind}.${graph}.${from}: expected a different new name, got ${JSON.stringify(to)}`);
      }
    }
  }
  if (data.ignore !== undefined) {
    if (!Array.isArray(data.ignore)) fail("ignore must be an array");
    (data.ignore as unknown[]).forEach((entry, i) => {
      const where = `ignore[${i}]`;
      if (!isObject(entry)) return fail(`${where}: expected an object`);
      for (const key of Object.keys(entry))
        if (!["ruleId", "path", "graph", "reason", "expires"].includes(key)) fail(`${where}: unknown field "${key}"`);
      if (entry.ruleId !== "*") knownRule(entry.ruleId, where);
      if (typeof entry.path !== "string" || entry.path === "") fail(`${where}: path (a glob) is required`);
      if (entry.graph !== undefined && typeof entry.graph !== "string") fail(`${where}: graph must be a string`);
      if (typeof entry.reason !== "string" || entry.reason.trim() === "") fail(`${where}: a reason is required`);
      if (entry.expires !== undefined && (typeof entry.expires !== "string" || !isIsoDate(entry.expires)))
        fail(`${where}: expires must be a date YYYY-MM-DD, got ${JSON.stringify(entry.expires)}`);
    });
  }
  if (data.accepted !== undefined) {
    if (!Array.isArray(data.accepted)) fail("accepted must be an array");
    (data.accepted as unknown[]).forEach((entry, i) => {
      const where = `accepted[${i}]`;
      if (!isObject(entry)) return fail(`${where}: expected an object`);
      if (typeof entry.fingerprint !== "string" || !/^[0-9a-f]{16}$/.test(entry.fingerprint))
        fail(`${where}: fingerprint must be the 16 hex digits shown for the finding`);
      if (typeof entry.reason !== "string" || entry.reason.trim() === "") fail(`${where}: a reason is required`);
    });
  }
  if (data.graphs !== undefined) {
    if (!Array.isArray(data.graphs)) fail('graphs must be an array of "FILE:EXPORT" strings');
    (data.graphs as unknown[]).forEach((entry, i) => {
      if (typeof entry !== "string" || !/^.+\.[cm]?[jt]sx?:[\w$]+(\.[\w$]+)?$/.test(entry))
        fail(`graphs[${i}]: expected "FILE:EXPORT" (e.g. "src/graph.ts:buildGraph" or "src/agent.ts:Agent.createWorkflow"), got ${JSON.stringify(entry)}`);
    });
  }
  if (data.threads !== undefined) {
    const t = data.threads;
    if (!isObject(t)) return fail("threads must be an object with lower, graph and match");
    for (const key of Object.keys(t)) if (!["lower", "graph", "match"].includes(key)) fail(`threads: unknown field "${key}" (expected lower, graph, match)`);
    if (t.lower !== undefined && typeof t.lower !== "boolean") fail("threads.lower must be true or false");
    if (t.graph !== undefined && (typeof t.graph !== "string" || t.graph === "")) fail("threads.graph must be a graph id");
    if (t.match !== undefined) {
      if (!isObject(t.match)) return fail("threads.match must map graph ids to thread-id patterns");
      for (const [graph, pattern] of Object.entries(t.match)) {
        if (typeof pattern !== "string") return fail(`threads.match.${graph}: expected a regular expression as a string`);
        try {
          new RegExp(pattern);
        } catch (error) {
          fail(`threads.match.${graph}: not a valid regular expression (${(error as Error).message})`);
        }
      }
    }
  }
  return data as CompatConfig;
}

/** Read and validate a config file; every problem is a one-line {@link UserError}. */
export function loadConfig(path: string): CompatConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError("config-missing", `${path}: ${code === "ENOENT" ? "no such file" : `cannot read (${code})`}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError("config-invalid", `${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(data, path);
}
