/**
 * Naming graphs (issue 9, class 20): `--graph FILE:EXPORT` on `snapshot` and `check`, the config's `graphs`
 * list, how they combine with langgraph.json and discovery, and the one-message errors for bad names and
 * for a project where nothing is found.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { cli } from "./helpers.js";

const AGENT = `import { Annotation, START, StateGraph, interrupt } from "@langchain/langgraph";
export class Agent {
  private graphState = Annotation.Root({ topic: Annotation<string>() });
  private ask = async (state: { topic: string }) => ({ topic: interrupt(state.topic) });
  createWorkflow() {
    const workflow = new StateGraph(this.graphState).addNode("ask", this.ask);
    workflow.addEdge(START, "ask");
    return workflow;
  }
}
`;
const FACTORY = `import { Annotation, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ n: Annotation<number>() });
export function buildGraph(name: string) {
  return new StateGraph(State).addNode("count", async () => ({ n: 1 })).addEdge(START, "count").addNode(name, async () => ({})).compile();
}
`;
const OTHER = `import { Annotation, START, StateGraph } from "@langchain/langgraph";
export function buildGraph() {
  return new StateGraph(Annotation.Root({ x: Annotation<string>() })).addNode("other", async () => ({})).addEdge(START, "other").compile();
}
`;
const COMPILED = `import { Annotation, START, StateGraph } from "@langchain/langgraph";
export const graph = new StateGraph(Annotation.Root({ v: Annotation<string>() })).addNode("only", async () => ({})).addEdge(START, "only").compile();
`;

function project(files: Record<string, string>): string {
  const dir = tempDir("lgc-graphs-");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function snapshotIds(dir: string, ...args: string[]): Promise<string[]> {
  const result = await cli("snapshot", "--project", dir, ...args);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return Object.keys(JSON.parse(readFileSync(join(dir, "langgraph-compat.snapshot.json"), "utf8")).graphs).sort();
}

/** Exit 2, nothing on stdout, one line on stderr matching `pattern`, no stack. */
async function expectOneLineError(args: string[], pattern: RegExp): Promise<void> {
  const result = await cli(...args);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/);
}

describe("--graph FILE:EXPORT", () => {
  it("extracts a class method and a factory, by export name, and replaces langgraph.json", async () => {
    const dir = project({
      "src/agent.ts": AGENT,
      "src/factory.ts": FACTORY,
      "src/compiled.ts": COMPILED,
      "langgraph.json": JSON.stringify({ graphs: { main: "./src/compiled.ts:graph" } }),
    });
    expect(await snapshotIds(dir, "--graph", "src/agent.ts:Agent.createWorkflow", "--graph", "src/factory.ts:buildGraph")).toEqual([
      "Agent.createWorkflow",
      "buildGraph",
    ]);
    const snapshot = JSON.parse(readFileSync(join(dir, "langgraph-compat.snapshot.json"), "utf8"));
    const agent = snapshot.graphs["Agent.createWorkflow"];
    expect(Object.keys(agent.nodes)).toEqual(["ask"]);
    expect(agent.nodes.ask.interrupts).toHaveLength(1);
    expect(Object.keys(agent.state.channels)).toEqual(["topic"]);
    // The factory's parameter names a node: an unresolved element, not a dropped node or a crash.
    expect(snapshot.graphs.buildGraph.unresolved.map((u: { kind: string }) => u.kind)).toEqual(["node-name"]);
    // Without --graph, langgraph.json decides.
    expect(await snapshotIds(dir)).toEqual(["main"]);
  });

  it("names two exports of the same name FILE:EXPORT", async () => {
    const dir = project({ "src/factory.ts": FACTORY, "src/other.ts": OTHER });
    expect(await snapshotIds(dir, "--graph", "src/factory.ts:buildGraph", "--graph", "src/other.ts:buildGraph")).toEqual([
      "src/factory.ts:buildGraph",
      "src/other.ts:buildGraph",
    ]);
  });

  it("checks a named graph against the snapshot made with the same names", async () => {
    const dir = project({ "src/agent.ts": AGENT });
    const name = ["--graph", "src/agent.ts:Agent.createWorkflow"];
    await snapshotIds(dir, ...name);
    const same = await cli("check", "--project", dir, ...name, "--format", "json");
    expect(same.stderr).toBe("");
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).findings).toEqual([]);
    writeFileSync(join(dir, "src/agent.ts"), AGENT.replace('addNode("ask", this.ask)', 'addNode("question", this.ask)').replace('START, "ask"', 'START, "question"'));
    const changed = await cli("check", "--project", dir, ...name, "--format", "json");
    expect(changed.code).toBe(1);
    expect(JSON.parse(changed.stdout).findings.map((f: { ruleId: string; graph: string }) => `${f.graph} ${f.ruleId}`)).toContain(
      "Agent.createWorkflow node-renamed",
    );
  });

  it("rejects a missing file, a missing export, a class without a member and a malformed name in one line", async () => {
    const dir = project({ "src/agent.ts": AGENT });
    await expectOneLineError(["snapshot", "--project", dir, "--graph", "src/nope.ts:graph"], /--graph src\/nope\.ts:graph: file src\/nope\.ts not found/);
    await expectOneLineError(["snapshot", "--project", dir, "--graph", "src/agent.ts:Nope"], /--graph src\/agent\.ts:Nope: src\/agent\.ts has no export "Nope"/);
    await expectOneLineError(["snapshot", "--project", dir, "--graph", "src/agent.ts:Agent.nope"], /has no export "Agent\.nope"/);
    await expectOneLineError(["snapshot", "--project", dir, "--graph", "src/agent.ts:Agent"], /Agent is a class; name the member that builds the graph, e\.g\. Agent\.\w+/);
    await expectOneLineError(["check", "--project", dir, "--graph", "src/agent.ts"], /--graph src\/agent\.ts: expected FILE:EXPORT/);
  });
});

describe("graphs in langgraph-compat.config.json", () => {
  it("replaces discovery without langgraph.json", async () => {
    const dir = project({
      "src/agent.ts": AGENT,
      "src/compiled.ts": COMPILED,
      "langgraph-compat.config.json": JSON.stringify({ graphs: ["src/agent.ts:Agent.createWorkflow"] }),
    });
    expect(await snapshotIds(dir)).toEqual(["Agent.createWorkflow"]);
    // --graph wins over the config.
    expect(await snapshotIds(dir, "--graph", "src/compiled.ts:graph")).toEqual(["graph"]);
  });

  it("is added to langgraph.json's graphs, and an id in both is an error", async () => {
    const files = {
      "src/agent.ts": AGENT,
      "src/compiled.ts": COMPILED,
      "langgraph.json": JSON.stringify({ graphs: { main: "./src/compiled.ts:graph" } }),
      "langgraph-compat.config.json": JSON.stringify({ graphs: ["src/agent.ts:Agent.createWorkflow"] }),
    };
    expect(await snapshotIds(project(files))).toEqual(["Agent.createWorkflow", "main"]);
    const clash = project({ ...files, "langgraph.json": JSON.stringify({ graphs: { "Agent.createWorkflow": "./src/compiled.ts:graph" } }) });
    await expectOneLineError(["snapshot", "--project", clash], /graph id "Agent\.createWorkflow" is also in langgraph\.json/);
  });

  it("rejects a malformed entry, and a named file that does not exist, naming the entry", async () => {
    const bad = project({ "src/agent.ts": AGENT, "langgraph-compat.config.json": JSON.stringify({ graphs: ["agent"] }) });
    await expectOneLineError(["snapshot", "--project", bad], /graphs\[0\]: expected "FILE:EXPORT"/);
    const missing = project({ "src/agent.ts": AGENT, "langgraph-compat.config.json": JSON.stringify({ graphs: ["src/gone.ts:graph"] }) });
    await expectOneLineError(["snapshot", "--project", missing], /langgraph-compat\.config\.json: graphs\[0\] "src\/gone\.ts:graph": file src\/gone\.ts not found/);
  });
});

describe("check --against-ref with a named graph", () => {
  it("shows a graph whose file does not exist at REF as added, instead of failing", async () => {
    const dir = project({ "src/compiled.ts": COMPILED });
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "v1");
    writeFileSync(join(dir, "src/agent.ts"), AGENT);
    const result = await cli("check", "--project", dir, "--against-ref", "HEAD", "--graph", "src/agent.ts:Agent.createWorkflow", "--graph", "src/compiled.ts:graph", "--format", "json");
    expect(result.stderr).toBe("");
    const findings = JSON.parse(result.stdout).findings.map((f: { ruleId: string; graph: string }) => `${f.graph} ${f.ruleId}`);
    expect(findings).toEqual(["Agent.createWorkflow graph-added"]);
  });
});

describe("no graphs found", () => {
  it("lists the files and exports looked at, and why each is not a graph, in one message", async () => {
    const dir = project({
      "src/tools.ts": `import type { StateGraph } from "@langchain/langgraph";\nexport function size(g: StateGraph<any>) { return 1; }\nexport const NAME = "x";\n`,
      "src/util.ts": "export const y = 2;\n",
    });
    const result = await cli("snapshot", "--project", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/);
    expect(result.stderr.trim().split("\n")).toEqual([
      `langgraph-compat: ${dir}: no graphs found (no langgraph.json; looked at 2 source files)`,
      "  src/tools.ts: export size: a function that returns no graph we can follow",
      "  src/tools.ts: export NAME: a value that is not a graph we can follow",
      "  no StateGraph, .compile(), entrypoint() or create*Agent() in: src/util.ts",
      '  name the graphs in langgraph.json, with --graph FILE:EXPORT, or under "graphs" in langgraph-compat.config.json',
    ]);
  });
});
