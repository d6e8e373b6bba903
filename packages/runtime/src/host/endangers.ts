/**
 * The host's per-thread verdict: does one diff finding endanger one thread, given where the thread stands?
 * Pure, so each case is unit-tested on hand-written positions (test/host-endangers.test.ts).
 *
 * A safe finding endangers no one; a thread with no checkpoint has nothing to endanger. Otherwise the rule
 * decides by the state its `exposure` names, narrowed by what the finding is about:
 * - `paused-in-node`: threads paused in, about to run, or (for a lost node) finished beside that node;
 * - `paused-after-node`: threads for which that node's routes already fired (the route is persisted);
 * - `finished`: threads that are not paused;
 * - `any`: every thread, except where the finding is about one state key and only a stored value suffers.
 */
import { getRule, type Finding } from "@langgraph-compat/diff";
import { isPaused, parseJoin, type ThreadPosition } from "./position.js";

/** What the verdict needs to know about the version the thread would move to. */
export interface EndangerContext {
  /**
   * The target version keeps a static `interruptBefore`: a channel only the old graph had that changed
   * since the thread's last resume then re-fires the breakpoint forever (M8, rows 14j, 14k, 14o).
   */
  staticInterruptBefore?: boolean;
}

/** The part of a finding the verdict reads. */
export type FindingLike = Pick<Finding, "ruleId" | "severity" | "path" | "meta">;

/** Subpaths that mark a finding inside a subgraph node: `nodes/<sub>/<one of these>/...`. */
const NESTED = /^nodes\/([^/]+)\/((?:nodes|state|edges|joins|branches|breakpoints|entrypoints|unresolved)(?:\/.*)?)$/;

/** Rules about one state key whose harm needs a value stored in that key. */
const NEEDS_STORED_VALUE = new Set([
  "state-key-removed",
  "state-key-renamed",
  "reducer-added",
  "reducer-changed",
  "type-changed-with-reducer",
  "type-narrowed",
  "type-source-changed",
]);

/** Rules whose harm is a stale route out of the node in `meta.from` / `meta.node`. */
const ROUTING = new Set([
  "edge-added",
  "edge-removed",
  "edge-rerouted",
  "branch-added",
  "branch-changed",
  "branch-removed",
  "goto-targets-changed",
  "send-targets-changed",
  "ends-changed",
]);

const INTERRUPTS = new Set(["interrupt-added", "interrupt-removed", "interrupt-changed", "interrupt-reordered"]);

/** True when `finding` (breaking or risky) puts the thread at `position` in danger if it moves on. */
export function endangers(finding: FindingLike, position: ThreadPosition, context: EndangerContext = {}): boolean {
  if (finding.severity === "safe" || !position.exists) return false;
  const path = finding.path;
  const nested = NESTED.exec(path);
  if (nested) {
    // Inside subgraph node `sub`: only a thread paused in it has a child checkpoint to lose.
    const [, sub, inner] = nested;
    if (!position.pausedIn.includes(sub)) return false;
    const child = position.subgraphs[sub];
    return child === undefined || endangers({ ...finding, path: inner }, child, {});
  }
  const meta = finding.meta as Record<string, unknown>;
  const text = (key: string) => (typeof meta[key] === "string" ? (meta[key] as string) : undefined);
  const segment = (i: number) => path.split("/")[i] ?? "";
  const inNode = (node: string) => position.pausedIn.includes(node);
  const atNode = (node: string) =>
    inNode(node) || position.pending.includes(node) || position.finishedSiblings.includes(node) || position.sends.includes(node);
  const holds = (channel: string) => position.channels.includes(channel);
  const reFires = (channel: string) => context.staticInterruptBefore === true && position.changedSinceResume.includes(channel);
  const rule = finding.ruleId;

  if (rule === "node-removed" || rule === "node-renamed") {
    // Rows 1a-3f, 7a/7d, 13a (paused in or waiting for it), 4e/4f (finished beside it), 18d (a barrier
    // waiting for its name), 14j/14o (a static breakpoint and its trigger changed since the last resume).
    const node = text("node") ?? text("from") ?? segment(1);
    if (atNode(node)) return true;
    if (position.channels.some((c) => parseJoin(c)?.sources.includes(node))) return true;
    return reFires(`branch:to:${node}`);
  }
  if (path.startsWith("state/")) {
    const key = segment(1);
    if (NEEDS_STORED_VALUE.has(rule)) return holds(key) || reFires(key);
    // Old threads read undefined for a new key, or see a default that differs from the one they had;
    // a thread that stored its own value reads that value on either version (rows 10a-10c, 11d).
    if (rule === "state-key-added" || rule === "default-changed") return !holds(key);
  }
  if (rule === "join-changed" || rule === "join-order-changed") {
    const m = /^joins\/(.+)->([^/]+)$/.exec(path);
    if (!m) return isPaused(position);
    const sources = m[1].split("+");
    const to = m[2];
    const channel = `join:${sources.join("+")}:${to}`;
    // A half-filled barrier (5e, 5f), or a finished sibling's saved write into it (18d).
    if (holds(channel) || reFires(channel) || sources.some((s) => position.finishedSiblings.includes(s))) return true;
    // A join added over plain edges: a thread whose plain edge already fired waits for a barrier that never fills.
    return meta.change === "added" && (atNode(to) || sources.some((s) => position.firedFrom.includes(s)));
  }
  if (INTERRUPTS.has(rule)) {
    // Answers are matched by position (M9, rows 12e, 18a-18c): only the node's paused call and the
    // answered ones before it are at stake; a change after them is asked fresh.
    const owner = text("owner") ?? path.replace(/\/interrupts(\/\d+)?$/, "");
    // Functional API: the entrypoint's calls, or a task's own calls (`tasks/<name>`), replay on any paused run.
    if (owner.startsWith("entrypoints/") || owner.startsWith("tasks/")) return isPaused(position);
    const node = owner.replace(/^nodes\//, "");
    if (!inNode(node)) return false;
    const index = typeof meta.index === "number" ? meta.index : undefined;
    return index === undefined || index <= (position.answered[node] ?? 0);
  }
  if (path.startsWith("entrypoints/")) return isPaused(position); // functional API: a paused run replays its tasks
  if (rule === "node-kind-changed") return inNode(text("node") ?? segment(1));
  if (ROUTING.has(rule)) {
    const from = text("from") ?? text("node");
    return from === undefined ? isPaused(position) : position.firedFrom.includes(from);
  }

  switch (getRule(rule)?.exposure ?? "any") {
    case "paused-in-node":
      if (path.startsWith("nodes/")) return inNode(segment(1)) || position.pending.includes(segment(1));
      return isPaused(position);
    case "paused-after-node": {
      const from = text("from") ?? text("node");
      return from === undefined ? isPaused(position) : position.firedFrom.includes(from);
    }
    case "finished":
      return !isPaused(position);
    default:
      return true;
  }
}

/** Rule ids of the breaking or risky findings that endanger the thread, sorted, without duplicates. */
export function endangeringRules(findings: readonly FindingLike[], position: ThreadPosition, context: EndangerContext = {}): string[] {
  return [...new Set(findings.filter((f) => endangers(f, position, context)).map((f) => f.ruleId))].sort();
}
