/**
 * The JSON Schema of `langgraph-compat.config.json`, for editor completion (`"$schema"` in the file). The
 * loader (`parseConfig`) stays the authority: it also checks what a schema cannot (a rename to the same name,
 * real calendar dates). Generated from the catalogue, so it lists every rule id; `config.schema.json` in this
 * package is this value, kept in sync by a test.
 */
import { listRules } from "./catalogue.js";

export function configSchema(): object {
  const ruleIds = listRules().map((r) => r.id);
  const renameMap = { type: "object", additionalProperties: { type: "object", additionalProperties: { type: "string", minLength: 1 } } };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://unpkg.com/@langgraph-compat/diff/config.schema.json",
    title: "langgraph-compat.config.json",
    description: "Per-rule levels, declared renames, ignores, accepted findings, extra graphs and thread matching for langgraph-compat.",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      rules: {
        description: "Level per rule id: `off` keeps a finding but marks it safe, with the reason.",
        type: "object",
        propertyNames: { enum: ruleIds },
        additionalProperties: { enum: ["breaking", "risky", "safe", "off"] },
      },
      renames: {
        description: "Renames you vouch for, by graph id (or `<graph>/nodes/<subgraph node>`): old name -> new name.",
        type: "object",
        additionalProperties: false,
        properties: { nodes: renameMap, stateKeys: renameMap },
      },
      ignore: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["ruleId", "path", "reason"],
          properties: {
            ruleId: { description: "A rule id, or `*` for any rule.", enum: ["*", ...ruleIds] },
            path: { description: "A glob over finding paths, e.g. `nodes/legacy*`.", type: "string", minLength: 1 },
            graph: { description: "Only findings of this graph id.", type: "string" },
            reason: { description: "Why it is fine to ignore.", type: "string", minLength: 1 },
            expires: { description: "From this day on (YYYY-MM-DD) the ignore no longer applies.", type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
          },
        },
      },
      accepted: {
        type: "array",
        items: {
          type: "object",
          required: ["fingerprint", "reason"],
          properties: {
            fingerprint: { description: "The 16 hex digits shown for the finding (`#...` in the text report).", type: "string", pattern: "^[0-9a-f]{16}$" },
            reason: { type: "string", minLength: 1 },
          },
        },
      },
      graphs: {
        description: 'Graphs built in factories or classes, as "FILE:EXPORT" (FILE relative to the project).',
        type: "array",
        items: { type: "string", pattern: "^.+\\.[cm]?[jt]sx?:[\\w$]+(\\.[\\w$]+)?$" },
      },
      threads: {
        description: "check --threads and threads: how stored threads are matched to graphs, and whether a finding that endangers none of them is lowered.",
        type: "object",
        additionalProperties: false,
        properties: {
          lower: { description: "As --threads-lower: lower a finding that endangers none of the stored threads to safe (off by default: the stored threads can change before the deploy).", type: "boolean" },
          graph: { description: "As --threads-graph: threads whose checkpoint metadata names no graph belong to this graph id.", type: "string", minLength: 1 },
          match: { description: "Per graph id, a regular expression its thread ids match; tried before graph.", type: "object", additionalProperties: { type: "string" } },
        },
      },
    },
  };
}
