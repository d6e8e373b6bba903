import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests import workspace packages from source, so they need no build step.
export default defineConfig({
  resolve: {
    alias: {
      "@langgraph-compat/snapshot": src("snapshot"),
      "@langgraph-compat/extract": src("extract"),
      "@langgraph-compat/diff": src("diff"),
      "@langgraph-compat/runtime": src("runtime"),
      "@langgraph-compat/threads": src("threads"),
      "@langgraph-compat/host": src("host"),
      "@langgraph-compat/eslint-plugin": src("eslint-plugin"),
    },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
