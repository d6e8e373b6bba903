/**
 * The dev loader: how a project's imports resolve, how TypeScript is transpiled, and (through the built CLI)
 * that a project using extensionless imports, `./x.js` imports, a `paths` alias, `MessagesAnnotation` and an
 * uncompiled builder export runs on the reference runtime.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ModuleResolver } from "@langgraph-compat/extract";
import { isProjectFile, isUncoveredLangGraph, resolveSourceFile } from "../src/dev/resolve-ts.js";
import { transpile } from "../src/dev/hooks.js";
import { messagesStateReducer } from "../src/dev/langgraph.js";
import { isWatchedSource } from "../src/dev/watch.js";
import { api, buildCli, startDevProcess, type DevProcess } from "./dev-helpers.js";
import { cli } from "./helpers.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/support-desk/v1/", import.meta.url));

describe("dev loader resolution", () => {
  it("maps ./x.js, extensionless and tsconfig paths imports to TypeScript sources", () => {
    expect(resolveSourceFile(join(EXAMPLE, "src/state.js"))).toBe(join(EXAMPLE, "src/state.ts"));
    expect(resolveSourceFile(join(EXAMPLE, "src/nodes/review"))).toBe(join(EXAMPLE, "src/nodes/review.ts"));
    expect(resolveSourceFile(join(EXAMPLE, "src/graph.ts"))).toBe(join(EXAMPLE, "src/graph.ts"));
    expect(resolveSourceFile(join(EXAMPLE, "src/missing.js"))).toBeUndefined();
    const modules = new ModuleResolver(EXAMPLE);
    const from = join(EXAMPLE, "src/graph.ts");
    expect(modules.resolve("@/state.js", from)).toBe(join(EXAMPLE, "src/state.ts"));
    expect(modules.resolve("@/nodes/research", from)).toBe(join(EXAMPLE, "src/nodes/research.ts"));
    expect(modules.resolve("./nodes/review", from)).toBe(join(EXAMPLE, "src/nodes/review.ts"));
    expect(modules.resolve("zod", from)).toBeUndefined();
    expect(isProjectFile(EXAMPLE, join(EXAMPLE, "src/graph.ts"))).toBe(true);
    expect(isProjectFile(EXAMPLE, join(EXAMPLE, "node_modules/x/index.ts"))).toBe(false);
    expect(isProjectFile(EXAMPLE, "/elsewhere/graph.ts")).toBe(false);
    expect(isUncoveredLangGraph("@langchain/langgraph/prebuilt")).toBe(true);
    expect(isUncoveredLangGraph("@langchain/langgraph")).toBe(false);
    expect(isUncoveredLangGraph("@langchain/core/messages")).toBe(false);
  });

  it("transpiles TypeScript to ESM and reports a syntax error on one line with its position", () => {
    const out = transpile("/p/a.ts", `import type { X } from "./x.js";\nexport enum E { A = "a" }\nexport const f = (x: X): string => E.A;\n`);
    expect(out).not.toContain("import type");
    expect(out).toContain("export var E");
    expect(() => transpile("/p/b.ts", "export const a = 1;\nconst broken = ;\n")).toThrow(/^\/p\/b\.ts:2:16: Expression expected\.$/);
  });

  it("watches sources and config files, not build output", () => {
    expect(isWatchedSource("src/graph.ts")).toBe(true);
    expect(isWatchedSource("tsconfig.json")).toBe(true);
    expect(isWatchedSource("src/types.d.ts")).toBe(false);
    expect(isWatchedSource("node_modules/a/index.js")).toBe(false);
    expect(isWatchedSource("dist/graph.js")).toBe(false);
    expect(isWatchedSource("notes.md")).toBe(false);
  });

  it("merges messages by id like LangGraph's messages reducer", () => {
    const merged = messagesStateReducer([{ id: "1", content: "a" }, { id: "2", content: "b" }], [{ id: "1", content: "A" }, { content: "c" }]);
    expect(merged).toEqual([{ id: "1", content: "A" }, { id: "2", content: "b" }, { content: "c" }]);
    expect(messagesStateReducer(merged, { id: "2", type: "remove" })).toEqual([{ id: "1", content: "A" }, { content: "c" }]);
  });
});

describe("dev on a project with aliases and a builder export", () => {
  let root: string;
  let project: string;
  let dev: DevProcess | undefined;
  beforeAll(() => {
    buildCli();
    root = mkdtempSync(join(tmpdir(), "lgc-dev-loader-"));
    project = join(root, "app");
    mkdirSync(join(project, "src/lib"), { recursive: true });
    mkdirSync(join(root, "shared"));
    // A TypeScript source outside the project, reached through an alias, with a `./x.js` import of its own.
    writeFileSync(join(root, "shared/topic.ts"), `export { TOPIC } from "./names.js";\n`);
    writeFileSync(join(root, "shared/names.ts"), `export const TOPIC: string = "billing";\n`);
    const file = (path: string, text: string) => writeFileSync(join(project, path), text);
    file("langgraph.json", JSON.stringify({ graphs: { agent: "./src/agent.ts:builder", other: "./src/agent.ts:compiled" } }));
    file("tsconfig.json", JSON.stringify({ compilerOptions: { module: "NodeNext", strict: true, paths: { "~lib/*": ["./src/lib/*"], "~shared/*": ["../shared/*"] } } }));
    file("src/lib/label.ts", `export const label = (n: number): string => \`#\${n}\`;\n`);
    file("src/helpers.ts", `export const greet = (who: string) => "hello " + who;\n`);
    file("src/more.ts", `export { TOPIC } from "~shared/topic";\n`);
    file(
      "src/agent.ts",
      [
        `import { Annotation, MessagesAnnotation, StateGraph, START, END, MemorySaver } from "@langchain/langgraph";`,
        `import { label } from "~lib/label";`,
        `import { greet } from "./helpers";`,
        `import { TOPIC } from "./more.js";`,
        `const State = Annotation.Root({ ...MessagesAnnotation.spec, count: Annotation<number>() });`,
        `export const builder = new StateGraph(State)`,
        `  .addNode("answer", (s: typeof State.State) => ({ messages: [{ role: "ai", content: greet(label(s.count)) + " " + TOPIC }] }))`,
        `  .addEdge(START, "answer").addEdge("answer", END);`,
        `export const compiled = builder.compile({ checkpointer: new MemorySaver() });`,
        ``,
      ].join("\n"),
    );
  });
  afterAll(async () => {
    await dev?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("needs --graph when langgraph.json lists several", async () => {
    const result = await cli("dev", "--project", project, "--port", "0");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/several graphs \("agent", "other"\); pick one with --graph ID\n$/);
  });

  it("runs the builder export, compiled with the host's checkpointer", async () => {
    dev = await startDevProcess(project, ["--graph", "agent"]);
    const { json } = await api(dev.url, "POST", "/threads");
    const run = await api(dev.url, "POST", `/threads/${json.thread_id}/runs`, { input: { count: 7, messages: [{ role: "user", content: "hi" }] } });
    expect(run.status, JSON.stringify(run.json)).toBe(200);
    expect(run.json.values.messages.at(-1)).toEqual({ role: "ai", content: "hello #7 billing" });
    const state = await api(dev.url, "GET", `/threads/${json.thread_id}/state`);
    expect(state.json.values.count).toBe(7);
  });
});
