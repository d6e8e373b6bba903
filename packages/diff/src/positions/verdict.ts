/**
 * The verdict pass (issue 9): a finding's severity is the worst that {@link endangers} finds over every
 * position a thread of the BEFORE graph can be saved in, never above the severity the rule reported, plus
 * any position-independent residual the rule declares. When no position is endangered the severity drops,
 * and the reason names what no thread can be. Every breaking or risky finding lists the thread states it
 * endangers (`endangered`).
 */
import { END, START, type GraphSnapshot } from "@langgraph-compat/snapshot";
import { getRule } from "../catalogue.js";
import { reachable, successors } from "../graph-walk.js";
import type { RuleId } from "../rules/index.js";
import type { Finding, Residual, Severity } from "../types.js";
import { endangers, type EndangerContext, type Endangerment } from "./endangers.js";
import { parseJoin, type ThreadPosition } from "./position.js";
import { showStamp, stampKeepsRoute, withStamps } from "./stamps.js";

/** Rules whose harm depends on where a thread stands; the others keep the severity their rule gave. */
const POSITIONAL: ReadonlySet<RuleId> = new Set<RuleId>([
  "node-removed",
  "node-renamed",
  "node-kind-changed",
  "state-key-removed",
  "state-key-renamed",
  "state-key-added",
  "state-key-readers-moved",
  "default-changed",
  "reducer-added",
  "reducer-changed",
  "type-changed-with-reducer",
  "type-narrowed",
  "type-source-changed",
  "join-changed",
  "join-order-changed",
  "interrupt-added",
  "interrupt-removed",
  "interrupt-changed",
  "interrupt-reordered",
  "edge-added",
  "edge-removed",
  "edge-rerouted",
  "branch-added",
  "branch-changed",
  "branch-removed",
  "goto-targets-changed",
  "send-targets-changed",
  "unresolved-element",
]);

/** Rules of the functional API that a functional graph's positions judge (a paused run replays its tasks). */
const FUNCTIONAL: ReadonlySet<RuleId> = new Set<RuleId>([
  "task-removed",
  "task-inserted",
  "task-reordered",
  "task-renamed",
  "same-name-task-reordered",
  "task-arguments-changed",
  "nondeterministic-control-flow",
  "interrupt-added",
  "interrupt-removed",
  "interrupt-changed",
  "interrupt-reordered",
]);

/** The positions of one before graph, as `staticPositions` derives them. */
export interface PositionSet {
  positions: ThreadPosition[];
  /** At the same index: what kind of wait each position is (`finished` for a thread waiting for its next turn). */
  provenance?: ReadonlyArray<{ kind: string }>;
  /** The exploration hit its bound: the set may miss positions, so the worst is assumed. */
  truncated: boolean;
}

/** Everything the verdict needs about one top-level graph pair. */
export interface VerdictInput {
  before: GraphSnapshot;
  positions: PositionSet;
  context: EndangerContext;
  /** The residual each finding's rule declared, if any. */
  residualOf(finding: Finding): Residual | undefined;
}

const q = (name: string) => `"${name}"`;
const rank = (s: Severity) => (s === "breaking" ? 2 : s === "risky" ? 1 : 0);

/** The subject a rule reports inside subgraphs, unwrapped: what the need phrase talks about. */
function innermost(finding: Finding) {
  let subject = finding.subject;
  while (subject.kind === "nested") subject = subject.subject;
  return subject;
}

/** What no thread can be when nothing is endangered: the proof named in the lowering reason. */
function need(finding: Finding): string {
  const s = innermost(finding);
  const inside = finding.subject.kind === "nested" ? " (inside the subgraph)" : "";
  switch (finding.ruleId) {
    case "node-removed":
    case "node-renamed":
      if (s.kind === "node") return `no thread can be paused in or waiting for ${q(s.node)}${inside}, beside it, or with a join barrier or static breakpoint that needs it`;
      break;
    case "node-kind-changed":
      if (s.kind === "node") return `no thread can be paused inside ${q(s.node)}${inside}, so nothing nested is lost (row 13a)`;
      break;
    case "state-key-removed":
    case "state-key-renamed":
    case "reducer-added":
    case "reducer-changed":
    case "type-changed-with-reducer":
    case "type-narrowed":
    case "type-source-changed":
      if (s.kind === "state-key") return `no thread can hold a value in ${q(s.key)}${inside}`;
      break;
    case "state-key-readers-moved":
      if (s.kind === "state-key") {
        const from = Array.isArray(finding.meta.from) ? (finding.meta.from as string[]).map(q).join(", ") : "the old keys";
        return `no thread holding a value in ${from}${inside} reaches a node that reads ${q(s.key)} before anything writes it, after a resume or on its next turn (rows 9b, 17c)`;
      }
      break;
    case "state-key-added":
      if (s.kind === "state-key" && finding.meta.optional === true)
        return `the key is optional and no old thread reads undefined where a v2 thread would hold a value: no node of v2 writes ${q(s.key)}${inside}, or none reads it after a resume, or on a finished thread's next turn, before a node writes it (row 10a)`;
    // falls through
    case "default-changed":
      if (s.kind === "state-key") return `every thread already holds its own value in ${q(s.key)}${inside}`;
      break;
    case "join-changed":
    case "join-order-changed":
      if (s.kind === "join") return `no thread can be paused with the barrier of [${s.sources.join(", ")}] -> ${s.to}${inside} half-filled or a source's write waiting (rows 5e, 5f, 18d)`;
      break;
    case "branch-changed":
      if (s.kind === "branch" && Array.isArray(finding.meta.staleTargets)) {
        const stale = (finding.meta.staleTargets as string[]).map(q).join(", ") || "none";
        return `the router of ${q(s.from)}${inside} is unchanged, and no thread can be paused holding one of its routes that v2 would no longer take (to ${stale}) (row 6d)`;
      }
      break;
    case "unresolved-element":
      return `no thread can be paused${inside}, and v2 removes or renames no node: a finished thread's next turn runs v2's routes from START as a fresh thread does, so routes computed at run time cannot name a node that is gone (rows 17a, 17d, 6a)`;
    case "edge-removed":
    case "edge-rerouted":
      if (s.kind === "edge") return `no thread can be paused with ${s.from} -> ${s.to}${inside} fired and ${q(s.to)} still to run, so no old route is persisted (rows 5b, 5c)`;
      break;
  }
  if (s.kind === "task" || s.kind === "entrypoint" || s.kind === "nondeterministic" || (s.kind === "interrupts" && s.owner.kind !== "node"))
    return `the entrypoint${inside} never pauses (no interrupt() in it or its tasks), so no run can be paused with cached task results or answers to replay (rows 12b, 12d, 12e)`;
  if (s.kind === "interrupts" && s.owner.kind === "node")
    return `no thread can be paused in ${q(s.owner.node)}${inside} at or after the changed interrupt() call (rows 12e, 18a)`;
  const from = s.kind === "edge" || s.kind === "branch" || s.kind === "branch-target" ? s.from : s.kind === "node-field" ? s.node : undefined;
  if (from !== undefined)
    return `no thread can be paused with the routes of ${q(from)}${inside} fired: ${q(from)} never runs in the superstep of a pause and is no interruptAfter node, so no old route is persisted (rows 5b, 5c)`;
  return "no thread of the before graph can be in the state it endangers";
}

/**
 * The version-stamp proof (class 19), when it is what spares some position: a thread there would be
 * endangered but for the stamp it carries. Names the pattern, the key and both routes.
 */
function stampProof(finding: Finding, input: VerdictInput): string | undefined {
  for (const p of input.positions.positions) {
    if (p.stamps === undefined || endangers(finding, { ...p, stamps: undefined }, input.context) === undefined) continue;
    const s = innermost(finding);
    const from = typeof finding.meta.source === "string" ? finding.meta.source : "from" in s ? s.from : undefined;
    if (from === undefined) continue;
    const proof = stampKeepsRoute(finding, from, p, input.context.before, input.context.after, input.context.nodeName ?? ((n) => n));
    if (proof === undefined) continue;
    const b = (n: string) => `\`${n}\``;
    return (
      `version stamp ${b(proof.key)} (the docs' versioning pattern): old threads carry ${b(proof.key)} = ${proof.stamps.map(showStamp).join(" or ")} and take the old route ${b(`${proof.branch.from} -> ${proof.oldRoute}`)}; ` +
      `the router of ${b(proof.branch.from)} sends only the new stamp ${showStamp(proof.fresh)}, which ${b(proof.writer)} writes as a thread starts and nothing writes after, to ${b(proof.newRoute)}, ` +
      `so a thread paused with ${b(from)}'s routes fired holds the route v2 gives it`
    );
  }
  return undefined;
}

/** The states a finding endangers when no position was judged (its rule does not depend on positions). */
function defaultStates(finding: Finding): string[] {
  const s = innermost(finding);
  switch (getRule(finding.ruleId)?.exposure ?? "any") {
    case "paused-in-node":
      return [s.kind === "node" ? `threads paused in or before \`${s.node}\`` : "paused threads"];
    case "paused-after-node":
      return ["threads paused after the changed routes fired"];
    case "finished":
      return ["finished threads on their next turn"];
    default:
      return ["every thread of the graph, old and new"];
  }
}

/** The last-writer residual (rows 4a, 4b, 4d, 4g, 16a): updateState without asNode names the last writer. */
function lastWriter(before: GraphSnapshot, node: string, positions: readonly ThreadPosition[]): Endangerment | string {
  const next = successors(before);
  if (!reachable(next, [START]).has(node)) return `${q(node)} is not reachable from START, so no thread ever ran it (row 4a)`;
  if (positions.some((p) => p.firedFrom.includes(node)))
    return { severity: "risky", outcome: "throws", rows: ["4b", "16a"], state: `threads paused right after \`${node}\` ran (updateState without asNode throws)` };
  const out = [
    ...before.edges.filter((e) => e.from === node).map((e) => e.to),
    ...before.branches.filter((b) => b.from === node).flatMap((b) => (b.targets.length === 0 ? [END] : b.targets)),
    ...(before.nodes[node]?.gotos ?? []),
    ...(before.nodes[node]?.ends ?? []),
  ];
  const dynamic = before.unresolved.some((u) => ["router-target", "goto-target", "edge"].includes(u.kind) && (u.node === undefined || u.node === node));
  if (out.length === 0 || out.includes(END) || dynamic)
    return { severity: "risky", outcome: "throws", rows: ["4g"], state: `finished threads whose last writer was \`${node}\` (updateState without asNode throws)` };
  return `${q(node)} never runs right before a pause and never ends a run, so it is no thread's last writer (row 4d)`;
}

/** Judge one finding over the positions; returns the re-levelled finding. */
function judgeFinding(finding: Finding, input: VerdictInput): Finding {
  const ceiling = finding.severity;
  if (ceiling === "safe") return finding;
  const judged = input.before.kind === "graph" ? POSITIONAL.has(finding.ruleId) : input.before.kind === "functional" && FUNCTIONAL.has(finding.ruleId);
  if (!judged) return { ...finding, endangered: defaultStates(finding) };
  if (input.positions.truncated)
    return {
      ...finding,
      endangered: defaultStates(finding),
      reasons: [...(finding.reasons ?? []), `kept at ${ceiling}: the positions of the before graph were not all explored (bound reached), so the worst is assumed`],
    };
  const hits = input.positions.positions
    .map((p) => endangers(finding, p, input.context))
    .filter((e): e is Endangerment => e !== undefined);
  const residual = input.residualOf(finding);
  let residualHit: Endangerment | undefined;
  let residualNote: string | undefined;
  if (residual?.kind === "last-writer" && finding.subject.kind !== "nested") {
    const r = lastWriter(input.before, residual.node, input.positions.positions);
    if (typeof r === "string") residualNote = r;
    else residualHit = r;
  } else if (residual?.kind === "failed") {
    residualHit = { severity: "risky", outcome: residual.outcome, rows: residual.rows, state: residual.state };
  }
  const all = residualHit ? [...hits, residualHit] : hits;
  const worst: Severity = all.reduce<Severity>((w, e) => (rank(e.severity) > rank(w) ? e.severity : w), "safe");
  const severity: Severity = rank(worst) > rank(ceiling) ? ceiling : worst;
  const endangered = [...new Set(all.map((e) => e.state))].sort();
  if (severity === ceiling) return { ...finding, endangered };
  let reason: string;
  if (hits.some((e) => e.severity === "risky") && severity === "risky") {
    const s = innermost(finding);
    reason =
      s.kind === "state-key" && (finding.ruleId === "state-key-removed" || finding.ruleId === "state-key-renamed")
        ? `lowered to risky: no node of the new graph reads ${q(typeof finding.meta.to === "string" ? finding.meta.to : s.key)} after a resume, or on a finished thread's next turn, before anything writes it; the stored value is still dropped (rows 9a, 17b)`
        : `lowered to risky: no thread can stand where it is worse; at worst ${[...new Set(hits.map((e) => e.state))].sort().join("; ")} (rows ${[...new Set(hits.flatMap((e) => e.rows))].join(", ")})`;
  } else {
    reason = `lowered to ${severity}: ${(severity === "safe" ? stampProof(finding, input) : undefined) ?? need(finding)}`;
    if (residualHit) reason += `; ${residual?.kind === "failed" ? residual.reason : `updateState without asNode still throws on threads whose last writer it was (rows ${residualHit.rows.join(", ")})`}`;
    else if (residualNote) reason += `; ${residualNote}`;
  }
  const out: Finding = { ...finding, severity, reasons: [...(finding.reasons ?? []), reason] };
  if (severity !== "safe") out.endangered = endangered;
  return out;
}

/** Name the endangered states of breaking or risky findings the verdict did not judge (snapshot rules, config raises). */
export function withEndangered(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => (f.severity === "safe" || f.endangered !== undefined ? f : { ...f, endangered: defaultStates(f) }));
}

/**
 * The positions as the verdict reads them. A finished thread's next turn starts from START: a join barrier
 * its last run left full (static positions count its target as pending, for the checkpoint readers) is no
 * task it waits for, and no route of it waits to be taken.
 */
function asJudged(set: PositionSet): PositionSet {
  const positions = set.positions.map((p, i) => {
    if (set.provenance?.[i]?.kind !== "finished" || p.pausedIn.length > 0) return p;
    const lingering = (c: string) => { const j = parseJoin(c); return j !== undefined && p.pending.includes(j.to); };
    return { ...p, pending: [], firedFrom: [], channels: p.channels.filter((c) => !lingering(c)) };
  });
  return { ...set, positions };
}

/** Re-level every finding of one top-level graph pair (subgraph findings included) by its positions. */
export function applyVerdict(findings: readonly Finding[], input: VerdictInput): Finding[] {
  const set = asJudged(input.positions);
  const judged = { ...input, positions: { ...set, positions: withStamps(set.positions, input.before, input.context.after) } };
  return findings.map((f) => judgeFinding(f, judged));
}
