/**
 * The runtime as a drop-in for `@langchain/langgraph` by package name: a project whose
 * node_modules/@langchain/langgraph is this package (linked, as `link:` does, or copied, as an `npm:` alias
 * installs it) runs its own graph file, which imports `@langchain/langgraph`, `/zod` and `/web`, in a
 * plain `node` child process. The child imports the built package, so the package is built first.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import * as realZod from "@langchain/langgraph/zod";
import * as main from "../src/index.js";
import * as web from "../src/web.js";
import * as zodEntry from "../src/zod-entry.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const runtimeDir = join(root, "packages/runtime");
const pkg = JSON.parse(readFileSync(join(runtimeDir, "package.json"), "utf8"));

/** A user's graph file, written against the real package's subpaths; strict mode is asked for per call. */
const GRAPH = `
import { Command, END, START, StateGraph, interrupt } from "@langchain/langgraph";
import { withLangGraph } from "@langchain/langgraph/zod";
import { MemorySaver, PendingInterruptLostError } from "@langchain/langgraph/web";
import { z } from "zod";

const State = z.object({
  log: withLangGraph(z.array(z.string()), { reducer: { fn: (a, b) => a.concat(b) }, default: () => [] }),
  answer: z.string().optional(),
});
const saver = new MemorySaver();
const build = (askNode) =>
  new StateGraph(State)
    .addNode("prep", () => ({ log: ["prep"] }))
    .addNode(askNode, () => ({ answer: interrupt("approve?"), log: [askNode] }))
    .addEdge(START, "prep")
    .addEdge("prep", askNode)
    .addEdge(askNode, END)
    .compile({ checkpointer: saver });
const on = (thread_id) => ({ configurable: { thread_id }, strict: true });

const graph = build("ask");
const paused = await graph.invoke({}, on("t1"));
const resumed = await graph.invoke(new Command({ resume: "yes" }), on("t1"));

await graph.invoke({}, on("t2"));
let lost;
try {
  await build("approval").invoke(new Command({ resume: "yes" }), on("t2"));
} catch (error) {
  lost = { typed: error instanceof PendingInterruptLostError, node: error.node };
}
console.log(JSON.stringify({ paused: { log: paused.log, interrupts: paused.__interrupt__.map((i) => i.value) }, resumed, lost }));
`;

/** A scratch project whose `@langchain/langgraph` is this package, laid out as `link:` or an `npm:` alias would. */
function scratchProject(layout: "linked" | "copied"): string {
  const dir = tempDir("lgc-drop-in-");
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, "@langchain"), { recursive: true });
  mkdirSync(join(modules, "@langgraph-compat"), { recursive: true });
  const aliased = join(modules, "@langchain/langgraph");
  if (layout === "linked") symlinkSync(runtimeDir, aliased, "dir");
  else for (const entry of ["package.json", "dist"]) cpSync(join(runtimeDir, entry), join(aliased, entry), { recursive: true });
  symlinkSync(join(root, "packages/snapshot"), join(modules, "@langgraph-compat/snapshot"), "dir");
  symlinkSync(realpathSync(join(runtimeDir, "node_modules/zod")), join(modules, "zod"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  writeFileSync(join(dir, "graph.mjs"), GRAPH);
  writeFileSync(join(dir, "prebuilt.mjs"), `import "@langchain/langgraph/prebuilt";\n`);
  return dir;
}

function runNode(dir: string, file: string) {
  return spawnSync(process.execPath, [file], { cwd: dir, encoding: "utf8" });
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-b", "packages/runtime"], { cwd: root });
});

describe.each(["linked", "copied"] as const)("a project whose @langchain/langgraph is this package (%s)", (layout) => {
  it("runs its graph from the main, /zod and /web entries: pause, resume, and strict mode's typed error", () => {
    const dir = scratchProject(layout);
    const run = runNode(dir, "graph.mjs");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      paused: { log: ["prep"], interrupts: ["approve?"] },
      resumed: { log: ["prep", "ask"], answer: "yes" },
      // The error class of /web is the one the main entry's graph throws: one module, not two copies.
      lost: { typed: true, node: "ask" },
    });
  });

  it("fails clearly on a subpath it does not provide", () => {
    const run = runNode(scratchProject(layout), "prebuilt.mjs");
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("ERR_PACKAGE_PATH_NOT_EXPORTED");
    expect(run.stderr).toContain(`Package subpath './prebuilt' is not defined by "exports"`);
  });
});

describe("the exports map", () => {
  it("lists exactly the subpaths the README documents", () => {
    expect(Object.keys(pkg.exports)).toEqual([".", "./web", "./zod", "./package.json"]);
  });

  it.each(Object.keys(pkg.exports))("%s points at files the build made, from a source entry", (subpath) => {
    const target = pkg.exports[subpath];
    const files: string[] = typeof target === "string" ? [target] : [target.types, target.default];
    for (const file of files) expect(existsSync(join(runtimeDir, file)), `${subpath} -> ${file}`).toBe(true);
    if (typeof target === "string") return;
    expect(Object.keys(target)).toEqual(["types", "default"]);
    const source = target.default.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts");
    expect(existsSync(join(runtimeDir, source)), `${subpath} -> ${source}`).toBe(true);
    expect(pkg.files).toContain("dist");
  });
});

describe("the subpath entries", () => {
  it("/web has the main entry's exports, as LangGraph's /web has its main entry's", () => {
    expect(Object.keys(web).sort()).toEqual(Object.keys(main).sort());
  });

  it("/zod exports only names LangGraph's /zod exports too, the same objects as the main entry", () => {
    expect(Object.keys(zodEntry)).toEqual(["withLangGraph"]);
    for (const name of Object.keys(zodEntry)) expect(Object.keys(realZod)).toContain(name);
    expect(zodEntry.withLangGraph).toBe(main.withLangGraph);
  });
});
