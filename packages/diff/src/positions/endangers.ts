/**
 * The one decision of issue 9: what does one diff finding do to a thread that stands at one position?
 * The host asks it for real threads (positions read from checkpoints); the diff verdict asks it for every
 * position a thread of the before graph can be saved in (static positions) and keeps the worst answer.
 * Pure, so each case is unit-tested on hand-written positions (packages/host/test/host-endangers.test.ts).
 *
 * A rule states what its finding needs through its id, typed subject and meta; this module is the only
 * place that reads a position. A safe finding endangers no one; a thread with no checkpoint has nothing
 * to endanger. The severity returned is never above the finding's own.
 */
import { END, START, type GraphSnapshot, type NodeSnapshot } from "@langgraph-compat/snapshot";
import { reachable, successors } from "../graph-walk.js";
import { overwrites } from "../stored-value.js";
import { getRule } from "../catalogue.js";
import type { Finding, Outcome } from "../types.js";
import type { RuleId } from "../rules/index.js";
import type { Subject } from "../subject.js";
import { isPaused, parseJoin, type ThreadPosition } from "./position.js";
import { stampKeepsRoute } from "./stamps.js";

/** What the verdict needs to know about the version the thread would move to. */
export interface EndangerContext {
  /**
   * The target version keeps a static `interruptBefore`: a channel only the old graph had that changed
   * since the thread's last resume then re-fires the breakpoint forever (M8, rows 14j, 14k, 14o).
   */
  staticInterruptBefore?: boolean;
  /**
   * The graph the thread moves to. With it, a lost state key endangers a thread only when a node of that
   * graph reads the key after resume (or on a finished thread's next turn) before any node writes it;
   * without it, any stored value is assumed to be read.
   */
  after?: GraphSnapshot;
  /** The graph the thread stands in (its routes out of a node, for the version-stamp pattern). */
  before?: GraphSnapshot;
  /** A node's name in `after` (undefined when it is gone); identity when absent. */
  nodeName?: (before: string) => string | undefined;
  /** The context inside subgraph node `node` (its before name), for nested findings. */
  child?: (node: string) => EndangerContext | undefined;
}

/** The part of a finding the verdict reads: the rule, the severity (its ceiling), the subject and the meta. */
export type FindingLike = Pick<Finding, "ruleId" | "severity" | "subject" | "meta">;

/** What a finding does to a thread at one position. */
export interface Endangerment {
  severity: "breaking" | "risky";
  outcome: Outcome;
  /** Rows of docs/semantics.md the case rests on. */
  rows: string[];
  /** The endangered thread state in words, e.g. "threads paused in `review`". */
  state: string;
}

/** Rules about one state key whose harm needs a value stored in that key. */
const NEEDS_STORED_VALUE: ReadonlySet<RuleId> = new Set<RuleId>([
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
]);

const INTERRUPTS: ReadonlySet<RuleId> = new Set<RuleId>(["interrupt-added", "interrupt-removed", "interrupt-changed", "interrupt-reordered"]);

const q = (name: string) => `\`${name}\``;

/** The node a subject is about (a node, one of its fields, one of its targets), if any. */
function nodeOf(subject: Subject): string | undefined {
  return subject.kind === "node" || subject.kind === "node-field" || subject.kind === "node-target" ? subject.node : undefined;
}

/** The node whose routes a subject is about: an edge's or a router's source, or a node's own targets. */
function routeSourceOf(subject: Subject, meta: Record<string, unknown> = {}): string | undefined {
  // A rule names the source by its before name (`meta.source`) when the source was renamed.
  if (typeof meta.source === "string") return meta.source;
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

/**
 * The first node of `graph` that may read `key` before a node surely overwrites it, running from `starts`
 * (a paused node re-runs from its start). A node whose state escapes where the extractor cannot follow it
 * (reads `*`), prebuilt and unknown nodes, and a subgraph sharing the key may read anything. Undefined when
 * none does. The one walk behind lost values, moved readers and unset optional keys.
 */
export function readBeforeWrite(graph: GraphSnapshot, starts: readonly string[], key: string): string | undefined {
  const next = successors(graph);
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name) || name === END) continue;
    seen.add(name);
    const node = graph.nodes[name];
    if (node !== undefined) {
      if (mayRead(node, key)) return name;
      if (overwrites(graph, node, key)) continue;
    }
    queue.push(...(next.get(name) ?? []));
  }
  return undefined;
}

/** A stored value of `key` is lost (removed or renamed): how badly, for this thread. */
function lostValue(key: string, afterKey: string, position: ThreadPosition, context: EndangerContext): Omit<Endangerment, "severity"> & { severity: "breaking" | "risky" } {
  const paused = isPaused(position);
  const where = paused ? "threads paused holding" : "finished threads holding";
  if (context.after === undefined) return { severity: "breaking", outcome: "silent-data-loss", rows: ["9a", "9b"], state: `${where} a value in ${q(key)}` };
  const map = context.nodeName ?? ((n: string) => n);
  const starts = paused
    ? [...position.pausedIn, ...position.pending, ...position.sends].map(map).filter((n): n is string => n !== undefined)
    : [START];
  const reader = readBeforeWrite(context.after, starts, afterKey);
  if (reader !== undefined)
    return {
      severity: "breaking",
      outcome: "silent-data-loss",
      rows: paused ? ["9a", "9b"] : ["9b", "17c"],
      state: `${where} a value in ${q(key)} (${q(reader)} reads ${q(afterKey)} ${paused ? "after resume" : "on the next turn"} before anything writes it)`,
    };
  return { severity: "risky", outcome: "silent-data-loss", rows: ["9a", "17b"], state: `${where} a value in ${q(key)} (dropped, no node reads it first)` };
}

/** A key that stands for "any key" in a node's reads or writes (the extractor's ANY_KEY). */
const ANY_KEY = "*";

/** Unresolved elements that hide only routes and node names, not breakpoints or state. */
const HIDDEN_ROUTES: ReadonlySet<string> = new Set(["node-name", "node", "edge", "router-target", "goto-target", "send-target"]);

/** Unresolved control flow: a target v2 computes at run time may be any node. */
const DYNAMIC_FLOW: ReadonlySet<string> = new Set(["edge", "router-target", "goto-target", "send-target"]);

/** A subgraph node that shares `key` with its parent (or whose nested graph is unknown) reads and writes it. */
const sharesKey = (n: NodeSnapshot, key: string) => n.kind === "subgraph" && (n.subgraph === undefined || n.subgraph.state.form === "unknown" || key in n.subgraph.state.channels);
/** A node whose reads, writes and pauses we do not know: unknown, or prebuilt (a ToolNode whose tools were all read is known). */
const opaque = (n: NodeSnapshot) => (n.kind === "prebuilt" && n.toolsFollowed !== true) || n.kind === "unknown";
const mayRead = (n: NodeSnapshot, key: string) => n.reads.includes(key) || n.reads.includes(ANY_KEY) || opaque(n) || sharesKey(n, key);
const mayWrite = (n: NodeSnapshot, key: string) => n.writes.includes(key) || n.writes.includes(ANY_KEY) || opaque(n) || sharesKey(n, key);
/**
 * An optional key added in v2 (row 10a): old threads hold no value. Its type admits undefined, so that
 * harms an old thread only where a thread of v2 would hold a value and the old one is read as if it had
 * none: some node of v2 may write the key (on this turn before the pause, or on an earlier turn), and after
 * resume, or on a finished thread's next turn from START, a node reads it before any node writes it.
 * Where nothing reads it first, the old thread writes its own value before anyone looks; where no node
 * writes it, v2 threads read undefined there too. Control flow v2 cannot resolve may reach any reader.
 */
function optionalKeyUnset(key: string, position: ThreadPosition, context: EndangerContext): Endangerment | undefined {
  if ((position.mustChannels ?? position.channels).includes(key)) return undefined;
  const paused = isPaused(position);
  const where = paused ? "threads paused" : "finished threads";
  const after = context.after;
  if (after === undefined) return { severity: "risky", outcome: "wrong-value", rows: ["10a"], state: `${where} with no value of their own in ${q(key)}` };
  const dynamic = after.unresolved.some((u) => DYNAMIC_FLOW.has(u.kind));
  const live = reachable(successors(after), [START]);
  const writers = Object.values(after.nodes)
    .filter((n) => mayWrite(n, key) && (dynamic || live.has(n.name)))
    .map((n) => n.name)
    .sort();
  if (writers.length === 0) return undefined;
  const map = context.nodeName ?? ((n: string) => n);
  const starts = paused
    ? [...position.pausedIn, ...position.pending, ...position.sends].map(map).filter((n): n is string => n !== undefined)
    : [START];
  const reader = dynamic
    ? Object.values(after.nodes).find((n) => mayRead(n, key))?.name
    : readBeforeWrite(after, starts, key);
  if (reader === undefined) return undefined;
  const by = `old ones read undefined where v2 threads may hold what ${writers.map(q).join(", ")} wrote`;
  return {
    severity: "risky",
    outcome: "wrong-value",
    rows: ["10a"],
    state: paused
      ? `threads paused before ${q(reader)} reads ${q(key)}: ${by}`
      : `finished threads whose next turn reads ${q(key)} in ${q(reader)} before anything writes it: ${by}`,
  };
}

/**
 * A one-way decision of `from` (a path-map router, or Commands that each name one node) whose target the
 * thread has already entered: paused inside it, with no target of `from` still to run, in a barrier, or
 * sent to. v1 chose one target and the thread is in it; v2, choosing one too, could only have chosen
 * another instead, not one more beside it, so the thread finishes what it started (class 2: a held route
 * matters only while its target has not started, rows 6c, 6d). Edges are not one-way (a new edge fans
 * out beside the old target, 15f), so they are never spared here.
 */
function routeConsumed(rule: RuleId, from: string, position: ThreadPosition, context: EndangerContext): boolean {
  const before = context.before;
  const after = context.after;
  if (before === undefined || after === undefined) return false;
  if (before.unresolved.some((u) => DYNAMIC_FLOW.has(u.kind) && (u.node === undefined || u.node === from))) return false;
  const name = context.nodeName?.(from) ?? from;
  if (rule === "branch-changed") {
    const oneWay = (g: GraphSnapshot, at: string) => {
      const branches = g.branches.filter((b) => b.from === at);
      return branches.length === 1 && branches[0].pathMap !== undefined && (branches[0].sendTargets.length === 0 || branches[0].oneValue === true);
    };
    if (!oneWay(before, from) || !oneWay(after, name)) return false;
  } else if (rule === "goto-targets-changed") {
    if (before.nodes[from]?.singleGoto !== true || after.nodes[name]?.singleGoto !== true) return false;
  } else return false;
  const targets = new Set<string>([
    ...before.edges.filter((e) => e.from === from).map((e) => e.to),
    ...before.branches.filter((b) => b.from === from).flatMap((b) => [...b.targets, ...b.sendTargets]),
    ...(before.nodes[from] === undefined ? [] : [...before.nodes[from].gotos, ...(before.nodes[from].ends ?? []), ...before.nodes[from].sends]),
    ...before.joins.filter((j) => j.sources.includes(from)).map((j) => j.to),
  ]);
  const entered = [...targets].some((t) => position.pausedIn.includes(t));
  const waiting = [...targets].some((t) => position.pending.includes(t) || position.sends.includes(t)) || position.channels.some((c) => joinNamesSource(c, from));
  return entered && !waiting;
}

/** What `finding` does to a thread at `position` before the severity cap; undefined when nothing. */
function judge(finding: FindingLike, position: ThreadPosition, context: EndangerContext): Endangerment | undefined {
  const subject = finding.subject;
  const rule = finding.ruleId;
  const info = getRule(rule);
  const own = (state: string): Endangerment => ({
    severity: finding.severity === "breaking" ? "breaking" : "risky",
    outcome: info?.outcome ?? "none",
    rows: [...(info?.semanticsRows ?? [])],
    state,
  });
  if (subject.kind === "nested") {
    // Inside subgraph node `sub`: only a thread paused in it has a child checkpoint to lose.
    if (!position.pausedIn.includes(subject.node)) return undefined;
    const child = position.subgraphs[subject.node];
    if (child === undefined) return own(`threads paused inside subgraph ${q(subject.node)}`);
    const inner = judge({ ...finding, subject: subject.subject }, child, context.child?.(subject.node) ?? {});
    return inner && { ...inner, state: `${inner.state}, inside subgraph ${q(subject.node)}` };
  }
  const meta = finding.meta as Record<string, unknown>;
  const inNode = (node: string) => position.pausedIn.includes(node);
  const holds = (channel: string) => position.channels.includes(channel);
  const reFires = (channel: string) => context.staticInterruptBefore === true && position.changedSinceResume.includes(channel);
  const node = nodeOf(subject);
  const stuck = (channel: string, what: string): Endangerment => ({
    severity: "breaking",
    outcome: "stuck",
    rows: ["14j", "14k", "14n", "14o"],
    state: `threads that wrote ${q(channel)} since their last resume (${what}), under a kept static interruptBefore`,
  });

  if ((rule === "node-removed" || rule === "node-renamed") && node !== undefined) {
    const halt = (rows: string[], state: string): Endangerment => ({ severity: "breaking", outcome: "silent-halt", rows, state });
    if (inNode(node)) return halt(["1a", "2a", "13a"], `threads paused in ${q(node)}`);
    if (position.pending.includes(node)) return halt(["3a", "6c", "8a"], `threads waiting to run ${q(node)}`);
    if (position.sends.includes(node)) return halt(["7a", "7d"], `threads with a pending Send to ${q(node)}`);
    if (position.finishedSiblings.includes(node))
      return { severity: "breaking", outcome: "silent-data-loss", rows: ["4e", "4f"], state: `threads paused beside ${q(node)}, whose writes wait to be replayed` };
    const barrier = position.channels.find((c) => joinNamesSource(c, node));
    if (barrier !== undefined) return halt(["18d"], `threads whose join barrier ${q(barrier)} waits for ${q(node)}`);
    if (reFires(`branch:to:${node}`)) return stuck(`branch:to:${node}`, `${q(node)} ran`);
    return undefined;
  }
  if (rule === "node-kind-changed" && node !== undefined) {
    return inNode(node) ? { ...own(`threads paused inside ${q(node)}`), rows: ["13a"] } : undefined;
  }
  if (subject.kind === "state-key") {
    const key = subject.key;
    if (rule === "state-key-removed" || rule === "state-key-renamed") {
      if (reFires(key)) return stuck(key, `${q(key)} was written`);
      if (!holds(key)) return undefined;
      const afterKey = rule === "state-key-renamed" && typeof meta.to === "string" ? meta.to : key;
      return lostValue(key, afterKey, position, context);
    }
    // Readers moved from old keys to the new key `key`: a thread holding a value in an old key loses it to
    // them exactly as to a rename (9b, 17c) when its next reader reads `key` before anything writes it. The
    // old key's own fate (kept, or removed and dropped) is its own rule's; here only that read counts.
    if (rule === "state-key-readers-moved") {
      const from = Array.isArray(meta.from) ? (meta.from as string[]) : [];
      for (const old of from.filter(holds)) {
        const lost = lostValue(old, key, position, context);
        if (lost.severity === "breaking") return lost;
      }
      return undefined;
    }
    if (NEEDS_STORED_VALUE.has(rule)) {
      if (reFires(key)) return stuck(key, `${q(key)} was written`);
      return holds(key) ? own(`threads holding a value in ${q(key)}`) : undefined;
    }
    if (rule === "state-key-added" && meta.optional === true) return optionalKeyUnset(key, position, context);
    // Old threads read undefined for a new key, or see a default that differs from the one they had;
    // a thread that stored its own value reads that value on either version (rows 10a-10c, 11d).
    // An abstract position lists what MAY hold a value; only what surely holds one spares the thread.
    if (rule === "state-key-added" || rule === "default-changed")
      return (position.mustChannels ?? position.channels).includes(key) ? undefined : own(`threads with no value of their own in ${q(key)}`);
  }
  if (rule === "join-changed" || rule === "join-order-changed") {
    const breaking = rule === "join-order-changed" ? "breaking" : "risky";
    if (subject.kind !== "join") return isPaused(position) ? own("paused threads") : undefined;
    const { sources, to } = subject;
    const channel = `join:${sources.join("+")}:${to}`; // LangGraph's own name for the barrier
    const half = (state: string, rows: string[]): Endangerment => ({ severity: breaking, outcome: "silent-halt", rows, state });
    if (reFires(channel)) return stuck(channel, "its barrier was written");
    // A half-filled barrier (5e, 5f), or a finished sibling's saved write into it (18d).
    if (holds(channel)) return half(`threads with the barrier ${q(channel)} half-filled`, ["5e", "5f"]);
    const sibling = sources.find((s) => position.finishedSiblings.includes(s));
    if (sibling !== undefined) return half(`threads paused beside ${q(sibling)}, whose write to the barrier waits`, ["5e", "18d"]);
    // A join added over plain edges: a thread whose plain edge already fired waits for a barrier that never fills.
    if (meta.change === "added") {
      const fired = sources.find((s) => position.firedFrom.includes(s));
      if (position.pending.includes(to) || inNode(to) || fired !== undefined)
        return half(`threads paused with a plain edge into ${q(to)} fired`, ["5f"]);
    }
    return undefined;
  }
  if (INTERRUPTS.has(rule)) {
    if (subject.kind !== "interrupts") return isPaused(position) ? own("paused threads") : undefined;
    // Answers are matched by position (M9, rows 12e, 18a-18c): only the node's paused call and the
    // answered ones before it are at stake; a change after them is asked fresh.
    const owner = subject.owner;
    // Functional API: the entrypoint's calls, or a task's own calls, replay on any paused run.
    if (owner.kind !== "node") return isPaused(position) ? own("paused runs") : undefined;
    if (!inNode(owner.node)) return undefined;
    const answered = position.answered[owner.node] ?? 0;
    if (subject.index !== undefined && subject.index > answered) return undefined;
    return own(`threads paused in ${q(owner.node)} at interrupt() #${answered + 1}`);
  }
  // Functional API: a paused run replays its tasks.
  if (subject.kind === "entrypoint" || subject.kind === "task" || subject.kind === "nondeterministic")
    return isPaused(position) ? own("paused runs (their tasks replay)") : undefined;
  if (ROUTING.has(rule)) {
    const from = routeSourceOf(subject, meta);
    if (from === undefined) return isPaused(position) ? own("paused threads") : undefined;
    // The routes of `from` are persisted when they fired towards a node still to run, or when `from`
    // finished beside the pause: its saved writes, routes included, are replayed as v1 made them (5d, 4e).
    const beside = position.finishedSiblings.includes(from);
    if (!position.firedFrom.includes(from) && !beside) return undefined;
    // A version stamp the thread carries sends it, on v2 too, down the very route it holds (class 19).
    if (stampKeepsRoute(finding, from, position, context.before, context.after, context.nodeName ?? ((n) => n))) return undefined;
    const stale = rule === "edge-removed" || rule === "edge-rerouted";
    // A source paused in or about to run takes its routes afresh on resume, as v2 draws them (only a target
    // an earlier run of it left pending keeps an old route).
    if (!stale && (inNode(from) || position.pending.includes(from))) return undefined;
    if (!beside && routeConsumed(rule, from, position, context)) return undefined;
    if (stale && subject.kind === "edge") {
      // Only a thread whose very edge fired and whose target is still to run keeps the old route (5d, 5h).
      const to = subject.to;
      const waiting = beside || position.pending.includes(to) || inNode(to) || position.sends.includes(to);
      return waiting ? own(`threads paused with ${q(`${from} -> ${to}`)} fired`) : undefined;
    }
    // A new route's target the thread already waits for, by a trigger v2 keeps, runs anyway: nothing is
    // skipped (15f needs a skip). A barrier v2 no longer has triggers nothing.
    if (rule === "edge-added" && subject.kind === "edge") {
      const to = subject.to;
      const kept = new Set((context.after?.joins ?? []).map((j) => `join:${j.sources.join("+")}:${j.to}`));
      const dropsBarrier = position.channels.some((c) => parseJoin(c)?.to === to && (context.after === undefined || !kept.has(c)));
      if (inNode(to) || (position.pending.includes(to) && !dropsBarrier)) return undefined;
    }
    // A router whose body is unchanged names the routes v2 would no longer take: only those are stale (6d).
    if (rule === "branch-changed" && Array.isArray(meta.staleTargets)) {
      const held = (meta.staleTargets as string[]).find((t) => position.pending.includes(t) || inNode(t) || position.sends.includes(t));
      return held === undefined ? undefined : own(`threads paused with the route ${q(`${from} -> ${held}`)} held`);
    }
    return own(beside ? `threads paused beside ${q(from)}, whose routes are replayed as saved` : `threads paused after ${q(from)}'s routes fired`);
  }
  if (rule === "unresolved-element" && typeof meta.kind === "string" && HIDDEN_ROUTES.has(meta.kind) && !isPaused(position)) {
    // A finished thread's next turn starts at START and runs v2's graph as a fresh thread would (17a,
    // 17d); it differs from one only in its stored values. A target computed at run time can then hurt it
    // only by naming a node v2 no longer has (6a), read from a value v1 stored: so only when v2 removed or
    // renamed a node. A breakpoint is not in this set: a new one stops finished threads too (17e).
    const gone = context.before !== undefined && context.after !== undefined ? Object.keys(context.before.nodes).filter((n) => !(n in context.after!.nodes)) : undefined;
    if (gone !== undefined && gone.length === 0) return undefined;
    return own(gone === undefined ? "every thread" : `finished threads whose stored values may name ${gone.map(q).join(", ")}, gone in v2`);
  }
  switch (info?.exposure ?? "any") {
    case "paused-in-node":
      if (node !== undefined) return inNode(node) || position.pending.includes(node) ? own(`threads paused in or before ${q(node)}`) : undefined;
      return isPaused(position) ? own("paused threads") : undefined;
    case "paused-after-node": {
      const from = routeSourceOf(subject, meta);
      const fired = from === undefined ? isPaused(position) : position.firedFrom.includes(from);
      return fired ? own(from === undefined ? "paused threads" : `threads paused after ${q(from)}'s routes fired`) : undefined;
    }
    case "finished":
      return isPaused(position) ? undefined : own("finished threads on their next turn");
    default:
      return own("every thread");
  }
}

/**
 * What `finding` (breaking or risky) does to the thread at `position` if it moves on: undefined when
 * nothing, else the severity (never above the finding's), the outcome, the semantics rows and the
 * endangered thread state in words.
 */
export function endangers(finding: FindingLike, position: ThreadPosition, context: EndangerContext = {}): Endangerment | undefined {
  if (finding.severity === "safe" || !position.exists) return undefined;
  const found = judge(finding, position, context);
  if (found === undefined) return undefined;
  return finding.severity === "risky" && found.severity === "breaking" ? { ...found, severity: "risky" } : found;
}

/** True when `finding` puts the thread at `position` in danger: the host's per-thread yes or no. */
export function isEndangered(finding: FindingLike, position: ThreadPosition, context: EndangerContext = {}): boolean {
  return endangers(finding, position, context) !== undefined;
}

/** Rule ids of the breaking or risky findings that endanger the thread, sorted, without duplicates. */
export function endangeringRules(findings: readonly FindingLike[], position: ThreadPosition, context: EndangerContext = {}): RuleId[] {
  return [...new Set(findings.filter((f) => isEndangered(f, position, context)).map((f) => f.ruleId))].sort();
}
