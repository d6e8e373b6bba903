/**
 * The engine: runs every rule over two snapshots, recursing into subgraphs, then re-levels the findings
 * with the config passes. Pure: it reads nothing but its arguments.
 */
import { fingerprint, type GraphSnapshot, type Snapshot } from "@langgraph-compat/snapshot";
import type { CompatConfig } from "./config.js";
import type { Rule } from "./define-rule.js";
import { canonicalJson, matchGraphs, sameShape, type DeclaredRenames } from "./match.js";
import { applyConfig } from "./passes.js";
import type { EndangerContext } from "./positions/endangers.js";
import { staticPositions } from "./positions/static.js";
import { contextOf } from "./positions/context.js";
import { applyVerdict, withEndangered, type PositionSet } from "./positions/verdict.js";
import { rules, type RuleId } from "./rules/index.js";
import { compareChannelTypes, type TypeComparison } from "./schema-compare.js";
import { formatPath, nestSubject } from "./subject.js";
import { REPORT_FORMAT_VERSION, SEVERITIES, type ChannelTypeView, type DiffResult, type Finding, type GraphContext, type Report, type Residual, type Severity } from "./types.js";

export interface DiffOptions {
  config?: CompatConfig;
  /** The day ignore expiry dates are compared with; defaults to now. */
  now?: Date;
}

const allRules = Object.values(rules) as Rule[];

/** The residual each finding's rule declared: read by the verdict pass, never part of the output. */
type Residuals = WeakMap<Finding, Residual>;

function toFinding(rule: Rule, graph: string, within: readonly string[], report: Report, residuals?: Residuals): Finding {
  const subject = nestSubject(within, report.subject);
  const path = formatPath(subject);
  const severity: Severity = report.severity ?? rule.severity;
  const ruleId = rule.id as RuleId;
  const finding: Finding = { ruleId, severity, graph, subject, path, meta: report.meta, fingerprint: fingerprint(ruleId, path) };
  if (report.before) finding.before = report.before;
  if (report.after) finding.after = report.after;
  if (report.reasons?.length) finding.reasons = [...report.reasons];
  if (report.residual && residuals) residuals.set(finding, report.residual);
  return finding;
}

function declaredFor(config: CompatConfig | undefined, key: string): DeclaredRenames {
  return { nodes: config?.renames?.nodes?.[key] ?? {}, stateKeys: config?.renames?.stateKeys?.[key] ?? {} };
}

async function diffGraph(
  graph: string,
  within: readonly string[],
  before: GraphSnapshot,
  after: GraphSnapshot,
  options: DiffOptions,
  typeCache: Map<string, Promise<TypeComparison>>,
  residuals: Residuals,
): Promise<{ findings: Finding[]; context: EndangerContext; positions: () => PositionSet }> {
  // Graphs equal but for locations (the common case in a large project) cannot produce a finding:
  // no rule looks at a location except to attach it to a finding.
  // A graph the extractor could not follow at all is reported every time, even unchanged: silence would
  // read as "no breaking change" for code that was never checked.
  let computed: PositionSet | undefined;
  const positions = () => (computed ??= staticPositions(before));
  if (sameShape(before, after) && !after.unresolved.some((u) => u.kind === "graph")) return { findings: [], context: {}, positions };
  // Renames of a subgraph's nodes are declared under `<graph>/<path of the subgraph node>`.
  const renameKey = within.length === 0 ? graph : `${graph}/${formatPath(nestSubject(within.slice(0, -1), { kind: "node", node: within[within.length - 1] }))}`;
  const ctx: GraphContext = {
    graph,
    within,
    before,
    after,
    match: matchGraphs(before, after, declaredFor(options.config, renameKey)),
    positions,
    compareTypes(b: ChannelTypeView, a: ChannelTypeView) {
      const key = canonicalJson([b.type, b.optional, b.nullable, a.type, a.optional, a.nullable]);
      let pending = typeCache.get(key);
      if (!pending) typeCache.set(key, (pending = compareChannelTypes(b, a)));
      return pending;
    },
  };
  const findings: Finding[] = [];
  for (const rule of allRules) {
    if (rule.scope !== "graph") continue;
    for (const report of await rule.check(ctx)) findings.push(toFinding(rule, graph, within, report, residuals));
  }
  // Subgraphs kept under the same name are diffed in place, including a graph invoked from inside a
  // function node (row 13d); a removed or renamed one is its parent's finding.
  const children = new Map<string, EndangerContext>();
  for (const [b, a] of ctx.match.nodes.kept) {
    if (b.subgraph && a.subgraph) {
      const inner = await diffGraph(graph, [...within, b.name], b.subgraph, a.subgraph, options, typeCache, residuals);
      findings.push(...inner.findings);
      children.set(b.name, inner.context);
    }
  }
  // What endangers needs to know of the version a thread moves to, at this level of subgraphs.
  return { findings, context: contextOf(before, after, ctx.match, children), positions };
}

/** Deterministic order: graph, severity (worst first), path, rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  const by = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    by(a.graph, b.graph) ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    by(a.path, b.path) ||
    by(a.ruleId, b.ruleId)
  );
}

/** Count findings per severity. */
export function summarize(findings: readonly Finding[]): DiffResult["summary"] {
  const summary = { breaking: 0, risky: 0, safe: 0 };
  for (const f of findings) summary[f.severity]++;
  return summary;
}

/**
 * Classify every change between two snapshots as breaking, risky or safe.
 *
 * Graphs are paired by id. Each rule of the catalogue runs once per graph pair and once per nested
 * subgraph pair; then the config passes (declared renames, rule overrides, ignores, accepted
 * fingerprints) re-level findings, recording why, without dropping any.
 *
 * @example
 * const result = await diffSnapshots(loadSnapshot("old.json"), loadSnapshot("new.json"));
 * if (result.summary.breaking > 0) console.log(renderText(result));
 */
export async function diffSnapshots(before: Snapshot, after: Snapshot, options: DiffOptions = {}): Promise<DiffResult> {
  const findings: Finding[] = [];
  for (const rule of allRules) {
    if (rule.scope !== "snapshot") continue;
    for (const report of rule.check({ before, after })) findings.push(toFinding(rule, report.graph, [], report));
  }
  const typeCache = new Map<string, Promise<TypeComparison>>();
  for (const id of Object.keys(before.graphs).sort()) {
    const b = before.graphs[id];
    const a = after.graphs[id];
    if (!a || a.kind !== b.kind) continue; // graph-removed / graph-kind-changed report these
    const residuals: Residuals = new WeakMap();
    const { findings: found, context, positions } = await diffGraph(id, [], b, a, options, typeCache, residuals);
    if (found.length === 0) continue;
    // The verdict over the positions of the before graph, computed once; subgraph positions nest inside them.
    findings.push(...applyVerdict(found, { before: b, positions: positions(), context, residualOf: (f) => residuals.get(f) }));
  }
  const relevelled = withEndangered(applyConfig(findings, options.config, options.now ?? new Date()));
  relevelled.sort(compareFindings);
  return { formatVersion: REPORT_FORMAT_VERSION, findings: relevelled, summary: summarize(relevelled) };
}
