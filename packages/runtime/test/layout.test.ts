/**
 * The package layout (issue 9, "Where the code lives"): the reference runtime stands on the snapshot types
 * alone, so it can be published and used without the analyzer. The host (@langgraph-compat/host) sits above
 * both. Test-only uses of diff/extract (the rule proofs) are devDependencies.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const runtimeDir = fileURLToPath(new URL("..", import.meta.url));
const json = (path: string) => JSON.parse(readFileSync(path, "utf8"));

/** Every `@langgraph-compat/*` package named in `from "..."` or `import("...")` of the .ts files under `dir`. */
function ourImports(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), "utf8");
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)["'](@langgraph-compat\/[^"'/]+)/g)) found.add(m[1]);
  }
  return found;
}

describe("the reference runtime depends on nothing of ours but the snapshot types", () => {
  const pkg = json(join(runtimeDir, "package.json"));

  it("package.json: no @langgraph-compat dependency (runtime, peer or optional) other than snapshot", () => {
    const ours = [pkg.dependencies, pkg.peerDependencies, pkg.optionalDependencies]
      .flatMap((deps) => Object.keys(deps ?? {}))
      .filter((name) => name.startsWith("@langgraph-compat/"));
    expect(ours).toEqual(["@langgraph-compat/snapshot"]);
  });

  it("src imports no @langgraph-compat package other than snapshot", () => {
    const others = [...ourImports(join(runtimeDir, "src"))].filter((name) => name !== "@langgraph-compat/snapshot");
    expect(others).toEqual([]);
  });

  it("tsconfig.json references only the snapshot project", () => {
    const tsconfig = json(join(runtimeDir, "tsconfig.json"));
    expect(tsconfig.references).toEqual([{ path: "../snapshot" }]);
  });
});

describe("the host stands above the runtime, the diff and the thread reader", () => {
  const hostDir = join(runtimeDir, "..", "host");

  it("depends on runtime, diff, threads and snapshot, and nothing depends on it but the CLI", () => {
    expect(Object.keys(json(join(hostDir, "package.json")).dependencies).sort()).toEqual([
      "@langgraph-compat/diff",
      "@langgraph-compat/runtime",
      "@langgraph-compat/snapshot",
      "@langgraph-compat/threads",
    ]);
    const packages = join(runtimeDir, "..");
    const dependents = readdirSync(packages).filter((name) => {
      const deps = json(join(packages, name, "package.json")).dependencies ?? {};
      return "@langgraph-compat/host" in deps;
    });
    expect(dependents).toEqual(["cli"]);
  });
});

describe("positions and endangers are pure: diff and extract know nothing of a runtime or the host", () => {
  it.each(["diff", "extract"])("%s/src imports only @langgraph-compat/snapshot of ours", (name) => {
    expect([...ourImports(join(runtimeDir, "..", name, "src"))]).toEqual(["@langgraph-compat/snapshot"]);
  });
});

describe("threads stands on the snapshot and the diff only", () => {
  const threadsDir = join(runtimeDir, "..", "threads");

  it("reads checkpoints without the runtime, the extractor or the host", () => {
    expect(Object.keys(json(join(threadsDir, "package.json")).dependencies).sort()).toEqual(["@langgraph-compat/diff", "@langgraph-compat/snapshot"]);
    expect([...ourImports(join(threadsDir, "src"))].sort()).toEqual(["@langgraph-compat/diff", "@langgraph-compat/snapshot"]);
  });
});
