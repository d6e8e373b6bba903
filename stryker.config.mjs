// StrykerJS settings shared by `pnpm mutation <package>` (scripts/mutation.mjs sets `mutate` and the report paths).
// Not part of `pnpm test` or CI: a full run takes tens of minutes. See CONTRIBUTING.md, "Mutation testing".
import { fileURLToPath } from "node:url";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // pnpm keeps the runner out of core's own node_modules, where Stryker's "@stryker-mutator/*" lookup searches.
  plugins: [fileURLToPath(import.meta.resolve("@stryker-mutator/vitest-runner"))],
  vitest: { configFile: "stryker/vitest.config.ts", related: false },
  // Run each mutant only against the tests that reached it in the initial run.
  coverageAnalysis: "perTest",
  // Mutants in module-level code (constants, tables) would need every test rerun; they are reported as Ignored.
  ignoreStatic: true,
  // Stryker would prepend `// @ts-nocheck` to every .ts file under a src/ folder, fixtures included, which
  // moves every line the extract goldens record. Vitest does not type-check, so nothing needs it.
  disableTypeChecks: false,
  // The machine has 2 cores shared with other work.
  concurrency: 1,
  // Generous: on a loaded machine a slow run is not a hung mutant, and each timeout restarts the runner.
  timeoutMS: 30000,
  timeoutFactor: 3,
  // Only copy what the tests read into the sandbox.
  ignorePatterns: ["/examples", "/bench", "/packages/runtime/test", "/.stryker-tmp*"],
  reporters: ["clear-text", "progress-append-only", "json", "html"],
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
