/**
 * The host's per-thread verdict: does one diff finding endanger one thread, given where the thread stands?
 * Pure, so each case is unit-tested on hand-written positions (packages/runtime/test/host-endangers.test.ts).
 *
 * A safe finding endangers no one; a thread with no checkpoint has nothing to endanger. Otherwise the rule
 * decides by the state its `exposure` names, narrowed by what the finding is about:
 * - `paused-in-node`: threads paused in, about to run, or (for a lost node) finished beside that node;
 * - `paused-after-node`: threads for which that node's routes already fired (the route is persisted);
 * - `finished`: threads that are not paused;
 * - `any`: every thread, except where the finding is about one state key and only a stored value suffers.
 */
import { getRule } from "../catalogue.js";
import type { Finding } from "../types.js";
import type { RuleId } from "../rules/index.js";
import type { Subject } from "../subject.js";
import { isPaused, type ThreadPosition } from "./position.js";

/** What the verdict needs to know about the version the thread would move to. */
export interface EndangerContext {
  /**
   * The target version keeps a static `interruptBefore`: a channel only the old graph had that changed
   * since the thread's last resume then re-fires the breakpoint forever (M8, rows 14j, 14k, 14o).
   */
  staticInterruptBefore?: boolean;
}

/** The part of a finding the verdict reads: the rule, the severity, the subject and the meta. */
export type FindingLike = Pick<Finding, "ruleId" | "severity" | "subject" | "meta">;

/** Rules about one state key whose harm needs a value stored in that key. */
const NEEDS_STORED_VALUE: ReadonlySet<RuleId> = new Set<RuleId>([
  "state-key-removed",
  "state-key-renamed",
  "reducer-added",
  "reducer-changed",
  "type-changed-with-reducer",
  "type-narrowed",
  "type-source-changed",
]);

/** Rules whose harm is a stale route out of the node the subject starts from. */
const ROUTING: ReadonlySet<RuleId> = new Set<RuleId>([
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

const INTERRUPTS: ReadonlySet<RuleId> = new Set<RuleId>(["interrupt-added", "interrupt-removed", "interrupt-changed", "interrupt-reordered"]);

/** The node a subject is about (a node, one of its fields, one of its targets), if any. */
function nodeOf(subject: Subject): string | undefined {
  return subject.kind === "node" || subject.kind === "node-field" || subject.kind === "node-target" ? subject.node : undefined;
}

/** The node whose routes a subject is about: an edge's or a router's source, or a node's own targets. */
function routeSourceOf(subject: Subject): string | undefined {
  if (subject.kind === "edge" || subject.kind === "branch" || subject.kind === "branch-target") return subject.from;
  return nodeOf(subject);
}

/**
 * LangGraph names a join barrier `join:<source>+<source>…:<to>`, unescaped, so a name with `+` cannot
 * be read back exactly: `node` counts as a source when it appears between `+` or `:` bounds. This
 * over-approximates (a thread is endangered, never wrongly spared) for names that contain `+`.
 */
function joinNamesSource(channel: string, node: string): boolean {
  if (!channel.startsWith("join:")) return false;
  const body = `+${channel.slice("join:".length)}`;
  return body.includes(`+${node}+`) || body.includes(`+${node}:`);
}

/** True when `finding` (breaking or risky) puts the thread at `position` in danger if it moves on. */
export function endangers(finding: FindingLike, position: ThreadPosition, context: EndangerContext = {}): boolean {
  if (finding.severity === "safe" || !position.exists) return false;
  const subject = finding.subject;
  if (subject.kind === "nested") {
    // Inside subgraph node `sub`: only a thread paused in it has a child checkpoint to lose.
    if (!position.pausedIn.includes(subject.node)) return false;
    const child = position.subgraphs[subject.node];
    return child === undefined || endangers({ ...finding, subject: subject.subject }, child, {});
  }
  const meta = finding.meta as Record<string, unknown>;
  const inNode = (node: string) => position.pausedIn.includes(node);
  const atNode = (node: string) =>
    inNode(node) || position.pending.includes(node) || position.finishedSiblings.includes(node) || position.sends.includes(node);
  const holds = (channel: string) => position.channels.includes(channel);
  const reFires = (channel: string) => context.staticInterruptBefore === true && position.changedSinceResume.includes(channel);
  const firedFrom = (from: string | undefined) => (from === undefined ? isPaused(position) : position.firedFrom.includes(from));
  const rule = finding.ruleId;
  const node = nodeOf(subject);

  if ((rule === "node-removed" || rule === "node-renamed") && node !== undefined) {
    // Rows 1a-3f, 7a/7d, 13a (paused in or waiting for it), 4e/4f (finished beside it), 18d (a barrier
    // waiting for its name), 14j/14o (a static breakpoint and its trigger changed since the last resume).
    if (atNode(node)) return true;
    if (position.channels.some((c) => joinNamesSource(c, node))) return true;
    return reFires(`branch:to:${node}`);
  }
  if (subject.kind === "state-key") {
    const key = subject.key;
    if (NEEDS_STORED_VALUE.has(rule)) return holds(key) || reFires(key);
    // Old threads read undefined for a new key, or see a default that differs from the one they had;
    // a thread that stored its own value reads that value on either version (rows 10a-10c, 11d).
    if (rule === "state-key-added" || rule === "default-changed") return !holds(key);
  }
  if (rule === "join-changed" || rule === "join-order-changed") {
    if (subject.kind !== "join") return isPaused(position);
    const { sources, to } = subject;
    const channel = `join:${sources.join("+")}:${to}`; // LangGraph's own name for the barrier
    // A half-filled barrier (5e, 5f), or a finished sibling's saved write into it (18d).
    if (holds(channel) || reFires(channel) || sources.some((s) => position.finishedSiblings.includes(s))) return true;
    // A join added over plain edges: a thread whose plain edge already fired waits for a barrier that never fills.
    return meta.change === "added" && (atNode(to) || sources.some((s) => position.firedFrom.includes(s)));
  }
  if (INTERRUPTS.has(rule)) {
    if (subject.kind !== "interrupts") return isPaused(position);
    // Answers are matched by position (M9, rows 12e, 18a-18c): only the node's paused call and the
    // answered ones before it are at stake; a change after them is asked fresh.
    const owner = subject.owner;
    // Functional API: the entrypoint's calls, or a task's own calls, replay on any paused run.
    if (owner.kind !== "node") return isPaused(position);
    if (!inNode(owner.node)) return false;
    return subject.index === undefined || subject.index <= (position.answered[owner.node] ?? 0);
  }
  // Functional API: a paused run replays its tasks.
  if (subject.kind === "entrypoint" || subject.kind === "task" || subject.kind === "nondeterministic") return isPaused(position);
  if (rule === "node-kind-changed" && node !== undefined) return inNode(node);
  if (ROUTING.has(rule)) return firedFrom(routeSourceOf(subject));

  switch (getRule(rule)?.exposure ?? "any") {
    case "paused-in-node":
      if (node !== undefined) return inNode(node) || position.pending.includes(node);
      return isPaused(position);
    case "paused-after-node":
      return firedFrom(routeSourceOf(subject));
    case "finished":
      return !isPaused(position);
    default:
      return true;
  }
}

/** Rule ids of the breaking or risky findings that endanger the thread, sorted, without duplicates. */
export function endangeringRules(findings: readonly FindingLike[], position: ThreadPosition, context: EndangerContext = {}): RuleId[] {
  return [...new Set(findings.filter((f) => endangers(f, position, context)).map((f) => f.ruleId))].sort();
}
