/**
 * The vitest config Stryker uses: the root config, narrowed to the tests that exercise packages/diff and
 * packages/extract. The dev/runtime/CLI-spawning tests are slow and never load those sources through the
 * alias, so leaving them out keeps a mutation run small enough for a 2-core machine.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "../vitest.config.ts";

const repo = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  ...base,
  root: repo,
  test: {
    ...base.test,
    // Keep typescript/ts-morph loaded between mutant runs: re-importing them per mutant tripled the run time.
    // Stryker switches mutants at run time, so the cached modules never hold a stale mutant.
    isolate: false,
    // `pnpm mutation <pkg> --no-goldens` leaves out the diff golden cases: every rule line runs in most of the
    // 182 cases, so with them each surviving rule mutant costs a full golden run (minutes on a loaded machine).
    include: [
      "packages/diff/test/**/*.test.ts",
      "packages/extract/test/**/*.test.ts",
      ...(process.env.MUTATION_NO_GOLDENS === "1" ? [] : ["packages/cli/test/diff-golden.test.ts"]),
    ],
  },
});
