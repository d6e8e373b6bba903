import type {
  FindingMeta,
  GraphContext,
  Outcome,
  Report,
  RuleInfo,
  Severity,
  SnapshotContext,
  ThreatenedState,
} from "./types.js";

/** A report from a snapshot-scoped rule, which must say which graph it is about. */
export type SnapshotReport<M extends FindingMeta = FindingMeta> = Report & { graph: string; meta: M };

interface RuleCommon<Id extends string, M extends FindingMeta> {
  /** Permanent kebab-case id; equals the file name under `src/rules/`. */
  id: Id;
  /** The default severity: the worst case. Exposure analysis may lower it per finding, with a reason. */
  severity: Severity;
  /** The thread state the change endangers. */
  exposure: ThreatenedState;
  /** What a thread in that state suffers. */
  outcome: Outcome;
  /** Rows of docs/semantics.md the severity rests on, e.g. `["1a", "2a"]`. */
  semanticsRows: readonly string[];
  /** One line: what change this rule reports. */
  summary: string;
  /** One line: how to ship the change safely. */
  fix: string;
  /** Render the finding message from its meta. */
  message(meta: M): string;
}

export interface GraphRuleSpec<Id extends string, M extends FindingMeta> extends RuleCommon<Id, M> {
  scope?: "graph";
  check(ctx: GraphContext): Array<Report & { meta: M }> | Promise<Array<Report & { meta: M }>>;
}

export interface SnapshotRuleSpec<Id extends string, M extends FindingMeta> extends RuleCommon<Id, M> {
  scope: "snapshot";
  check(ctx: SnapshotContext): Array<SnapshotReport<M>>;
}

/** A rule of the catalogue, as the engine runs it. */
export type Rule<Id extends string = string> = RuleInfo & {
  id: Id;
  message(meta: FindingMeta): string;
} & (
    | { scope: "graph"; check(ctx: GraphContext): Report[] | Promise<Report[]> }
    | { scope: "snapshot"; check(ctx: SnapshotContext): SnapshotReport[] }
  );

/**
 * Define a rule. The factory checks the shape at compile time and normalises the scope; the catalogue in
 * `rules/index.ts` lists every rule made with it.
 */
export function defineRule<const Id extends string, M extends FindingMeta>(
  spec: GraphRuleSpec<Id, M> | SnapshotRuleSpec<Id, M>,
): Rule<Id> {
  return { ...spec, scope: spec.scope ?? "graph" } as unknown as Rule<Id>;
}
