/**
 * One fact, one coding: the verdict (the extractor) and `dev` (the loader's resolve hook) read the same
 * file for an import, including when tsconfig `paths` patterns overlap and order would matter.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { extractProject } from "@langgraph-compat/extract";
import { initialize, resolve } from "../src/dev/hooks.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

function project(files: Record<string, string>): string {
  const root = tempDir("lgc-same-file-");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The file dev's resolve hook picks for `specifier` imported from `parentFile` (version 1 of the project). */
async function devResolves(projectDir: string, specifier: string, parentFile: string): Promise<string> {
  await initialize({ projectDir, shimUrl: "file:///shim.js" });
  const parentURL = `${pathToFileURL(parentFile).href}?v=1`;
  const next = async (s: string) => ({ url: `next:${s}` });
  const { url } = await resolve(specifier, { parentURL }, next);
  expect(url, `dev left ${specifier} to Node`).toMatch(/^file:.*\?v=1$/);
  return fileURLToPath(url);
}

describe("overlapping tsconfig paths", () => {
  // "@/*" comes first and also matches "@/nodes/work"; TypeScript takes the longest prefix, "@/nodes/*".
  const dir = project({
    "tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["src/*"], "@/nodes/*": ["alt/*"] } } }),
    "langgraph.json": JSON.stringify({ graphs: { g: "./src/graph.ts:graph" } }),
    "src/graph.ts": [
      `import { Annotation, START, StateGraph } from "@langchain/langgraph";`,
      `import { work } from "@/nodes/work";`,
      `const State = Annotation.Root({ n: Annotation<number>() });`,
      `export const graph = new StateGraph(State).addNode("work", work).addEdge(START, "work").compile();`,
      ``,
    ].join("\n"),
    "src/nodes/work.ts": `export const work = async () => ({ n: 1 });\n`,
    "alt/work.ts": `// the file TypeScript picks\nexport const work = async () => ({ n: 2 });\n`,
  });

  it("the extractor reads alt/work.ts, as tsc does", () => {
    const snapshot = extractProject({ projectDir: dir });
    expect(snapshot.graphs.g.nodes.work.function?.location).toEqual({ file: "alt/work.ts", line: 2, column: 21 });
  });

  it("dev loads the same file", async () => {
    expect(await devResolves(dir, "@/nodes/work", join(dir, "src/graph.ts"))).toBe(join(dir, "alt/work.ts"));
    expect(await devResolves(dir, "@/graph.js", join(dir, "src/graph.ts"))).toBe(join(dir, "src/graph.ts"));
  });
});

describe("workspace packages without node_modules", () => {
  const root = project({
    "pnpm-workspace.yaml": "packages:\n  - apps/*\n  - libs/*\n",
    "libs/state/package.json": JSON.stringify({ name: "@acme/state", exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } } }),
    "libs/state/src/index.ts": `import { Annotation } from "@langchain/langgraph";\nexport const State = Annotation.Root({ n: Annotation<number>() });\n`,
    "apps/a/langgraph.json": JSON.stringify({ graphs: { g: "./src/graph.ts:graph" } }),
    "apps/a/src/graph.ts": `import { START, StateGraph } from "@langchain/langgraph";\nimport { State } from "@acme/state";\nexport const graph = new StateGraph(State).addNode("w", async () => ({})).addEdge(START, "w").compile();\n`,
  });

  it("the extractor and dev both read the package's source, not its missing build output", async () => {
    const app = join(root, "apps/a");
    expect(extractProject({ projectDir: app }).graphs.g.state.location?.file).toBe("../../libs/state/src/index.ts");
    await initialize({ projectDir: app, shimUrl: "file:///shim.js" });
    const { url } = await resolve("@acme/state", { parentURL: `${pathToFileURL(join(app, "src/graph.ts")).href}?v=1` }, async (s) => ({ url: `next:${s}` }));
    // Outside the project: no version query (one copy of shared code).
    expect(url).toBe(pathToFileURL(join(root, "libs/state/src/index.ts")).href);
  });
});
