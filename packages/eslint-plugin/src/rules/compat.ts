/**
 * `compat` and `compat-risky`: the findings of `langgraph-compat check` (the project against its committed
 * `langgraph-compat.snapshot.json`) whose location is in the linted file, on the node there. `compat` reports
 * the breaking ones and `compat-risky` the risky ones, so a config maps them to `error` and `warn`. The check
 * itself, kept between lints, is in `project-check.ts`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SNAPSHOT_FILE } from "@langgraph-compat/snapshot";
import { createRule } from "../util.js";
import { nodeIn } from "../locate.js";
import { aliasFix } from "../alias-fix.js";
import { entryFiles, findingsForFile, lintTarget } from "../project-check.js";
import type { EditorFinding } from "../check-types.js";

type MessageIds = "finding" | "unavailable" | "keepAlias";

function makeRule(name: "compat" | "compat-risky", severity: EditorFinding["severity"]) {
  return createRule<[], MessageIds>({
    name,
    meta: {
      type: "problem",
      docs: { description: `Report the ${severity} findings of \`langgraph-compat check\` where the change is`, recommended: severity === "breaking" ? "error" : "warn" },
      schema: [],
      hasSuggestions: true,
      messages: {
        finding: "{{message}} [{{ruleId}}]{{endangers}}",
        keepAlias: 'Keep "{{from}}" registered and reachable next to "{{to}}", with the same function and routes (row 2c)',
        unavailable: "langgraph-compat: the check could not run: {{error}}",
      },
    },
    defaultOptions: [],
    create(context) {
      const { file, projectDir } = lintTarget(context);
      // Without a snapshot there is nothing to compare with: these rules report nothing (the docs say how to make one).
      if (projectDir === undefined || !existsSync(join(projectDir, SNAPSHOT_FILE))) return {};
      return {
        Program(program) {
          const response = findingsForFile(context, projectDir, file);
          if (response.error !== undefined) {
            // One message, on the files langgraph.json names as graph entries, never a crash of the lint run.
            if (name === "compat" && entryFiles(projectDir).has(file)) context.report({ loc: { start: { line: 1, column: 0 }, end: { line: 1, column: context.sourceCode.lines[0].length } }, messageId: "unavailable", data: { error: response.error } });
            return;
          }
          for (const f of response.findings) {
            const at = f.severity === severity ? nodeIn(projectDir, file, context.sourceCode, f.location) : undefined;
            if (at === undefined) continue;
            const plan = f.alias;
            const fix = plan && aliasFix(context.sourceCode, at.node, plan, plan.branches.map((b) => nodeIn(projectDir, file, context.sourceCode, b)?.node));
            context.report({
              loc: at.loc,
              messageId: "finding",
              data: { message: f.message, ruleId: f.ruleId, endangers: f.endangered.length > 0 ? `; endangers: ${f.endangered.join("; ")}` : "" },
              suggest: fix && plan ? [{ messageId: "keepAlias", data: { from: plan.from, to: plan.to }, fix }] : [],
            });
          }
        },
      };
    },
  });
}

export const compat = makeRule("compat", "breaking");
export const compatRisky = makeRule("compat-risky", "risky");
