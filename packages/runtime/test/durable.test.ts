/**
 * The SQLite saver keeps a thread across processes: one child process pauses it, a second one
 * resumes it. The children import the built package, so the package is built first.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Annotation, Command, END, START, SqliteSaver, StateGraph, interrupt } from "../src/index.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const child = fileURLToPath(new URL("./fixtures/durable-child.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "lgc-runtime-"));

function runChild(dbPath: string, phase: "pause" | "resume") {
  return JSON.parse(execFileSync(process.execPath, [child, dbPath, phase], { encoding: "utf8" }));
}

describe("SqliteSaver", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-b", "packages/runtime"], { cwd: root });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a thread paused in one process resumes in another", () => {
    const db = join(dir, "threads.sqlite");
    const paused = runChild(db, "pause");
    expect(paused.result.__interrupt__).toHaveLength(1);
    expect(paused.result.__interrupt__[0].value).toBe("approve?");
    expect(paused.next).toEqual(["ask"]);
    expect(paused.interrupts).toEqual(["approve?"]);
    const resumed = runChild(db, "resume");
    expect(resumed.pid).not.toBe(paused.pid);
    expect(resumed.result.answer).toBe("yes");
    expect(resumed.result.log).toEqual([`prep@${paused.pid}`, `ask@${resumed.pid}`, `done@${resumed.pid}`]);
    expect(resumed.next).toEqual([]);
    expect(resumed.interrupts).toEqual([]);
  });

  it("keeps history and pending writes like MemorySaver", async () => {
    const saver = new SqliteSaver(join(dir, "history.sqlite"));
    const State = Annotation.Root({ answer: Annotation<string> });
    const graph = new StateGraph(State)
      .addNode("ask", () => ({ answer: interrupt("q") as string }))
      .addEdge(START, "ask")
      .addEdge("ask", END)
      .compile({ checkpointer: saver });
    const config = { configurable: { thread_id: "h" } };
    await graph.invoke({ answer: "none" }, config);
    await graph.invoke(new Command({ resume: "a" }), config);
    const history = [];
    for await (const snapshot of graph.getStateHistory(config)) history.push({ next: snapshot.next, values: snapshot.values, source: snapshot.metadata?.source });
    expect(history).toEqual([
      { next: [], values: { answer: "a" }, source: "loop" },
      { next: ["ask"], values: { answer: "none" }, source: "loop" },
      { next: ["__start__"], values: {}, source: "input" },
    ]);
    saver.close();
  });
});
