export { diffSnapshots, compareFindings, summarize, type DiffOptions } from "./diff.js";
export { mergeResults } from "./merge.js";
export { listRules, getRule } from "./catalogue.js";
export { closestRuleId } from "./suggest.js";
export { renderText, renderJson, renderMessage, renderFix, renderThreads, toJsonReport, type TextOptions, type JsonReport, type JsonFinding } from "./render.js";
export { reportSchema } from "./report-schema.js";
export {
  CONFIG_FILE,
  loadConfig,
  parseConfig,
  isIsoDate,
  type CompatConfig,
  type RuleSetting,
  type DeclaredRenameConfig,
  type IgnoreEntry,
  type AcceptedEntry,
} from "./config.js";
export { applyConfig, declaredRenamesPass, ruleOverridesPass, ignorePass, acceptedPass } from "./passes.js";
export { defineRule, type Rule, type GraphRuleSpec, type SnapshotRuleSpec, type SnapshotReport } from "./define-rule.js";
export { rules, type RuleId } from "./rules/index.js";
export { formatPath, formatOwner, escapeName, nestSubject, type Subject, type NodeField, type StateFacet, type InterruptOwnerSubject } from "./subject.js";
export { matchGraphs, pairBy, canonicalJson, type GraphMatch, type Pairing, type Rename, type DeclaredRenames } from "./match.js";
export { compareChannelTypes, type TypeComparison } from "./schema-compare.js";
export * from "./types.js";
export { NO_POSITION, isPaused, pausePoints, parseJoin, barrierFull, type ThreadPosition } from "./positions/position.js";
export { withCheckpointStamps } from "./positions/stamps.js";
export { parallelWriters, reachable, successors } from "./graph-walk.js";
export { endangerContext } from "./positions/context.js";
export { endangers, isEndangered, endangeringRules, readBeforeWrite, type EndangerContext, type Endangerment, type FindingLike } from "./positions/endangers.js";
export { applyVerdict, withEndangered, type PositionSet, type VerdictInput } from "./positions/verdict.js";
export { staticPositions, type StaticPositions, type StaticProvenance, type StaticOptions } from "./positions/static.js";
export { covers, coverMismatch, inStaticSet } from "./positions/covers.js";
export { firedTowards } from "./positions/static-fired.js";
export { UNBOUNDED } from "./positions/static-model.js";
export { FORMATS, COMMENT_MARKER, renderFormat, renderGithub, renderGitlab, renderJunit, renderMarkdown, renderSarif, type Format, type FormatOptions } from "./formats/index.js";
export { configSchema } from "./config-schema.js";
