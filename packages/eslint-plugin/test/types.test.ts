/**
 * The typed exports work in an `eslint.config.ts` checked against ESLint's own types: the configs, the plugin
 * object and `RuleName`, with no cast. Type-checked with the TypeScript compiler against the built `.d.ts`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const built = join(import.meta.dirname, "..", "dist", "index.js");

describe("typed exports", () => {
  it("type-check in an eslint.config.ts against eslint's Linter.Config", () => {
    const dir = tempDir("lgc-eslint-types-");
    const file = join(dir, "eslint.config.ts");
    writeFileSync(
      file,
      `import plugin, { configs, type RuleName } from ${JSON.stringify(built)};
import type { Linter } from "eslint";
const picked: RuleName = "zod-default";
const config: Linter.Config[] = [
  configs.recommended,
  configs.strict,
  { plugins: { "langgraph-compat": plugin }, rules: { [\`langgraph-compat/\${picked}\`]: "error" } },
];
// @ts-expect-error: not a rule of this plugin
const wrong: RuleName = "no-such-rule";
export default [config, wrong];
`,
    );
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      typeRoots: [],
      types: [],
      paths: { eslint: [join(import.meta.dirname, "..", "node_modules", "eslint")] },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
    expect(problems).toEqual([]);
  });
});
