/**
 * Functional-API threads on the real runtime: an `entrypoint` with `task` calls and `interrupt()`s, run on the
 * real `@langchain/langgraph` 1.7.3 with the real SqliteSaver, paused at every kind of stop (at an interrupt of
 * the entrypoint after some tasks, inside a task's own interrupt, finished). At every stop the position read
 * from the file alone (the raw SQLite source) equals the one read with the real entrypoint's `getState`.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { ThreadPosition } from "@langgraph-compat/diff";
import { openThreadSource, positionOf } from "@langgraph-compat/threads";
import { real } from "../../runtime/test/modules.js";
import { readRealPosition } from "../../runtime/test/real-position.js";
import { graph } from "../../diff/test/static-graphs.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const at = { file: "wf.ts", line: 1, column: 1 };
const snapshot = graph({
  kind: "functional",
  nodes: {},
  entrypoint: {
    name: "wf",
    location: at,
    body: [
      { kind: "task", name: "a", argsFingerprint: "x", location: at },
      { kind: "interrupt", fingerprint: "first", location: at },
      { kind: "task", name: "b", argsFingerprint: "x", location: at, interrupts: [{ kind: "interrupt", fingerprint: "in b", location: at, via: [] }] },
      { kind: "interrupt", fingerprint: "second", location: at },
      { kind: "task", name: "a", argsFingerprint: "y", location: at },
    ],
  },
});

/** The position of `threadId` read from the file alone, through the raw SQLite source. */
async function readFromFile(db: string, threadId: string): Promise<ThreadPosition> {
  const source = await openThreadSource(`sqlite:${db}`);
  try {
    for await (const thread of source.threads()) {
      if (thread.threadId !== threadId) continue;
      expect(thread.unreadable).toBeUndefined();
      return positionOf(thread.records.get(""), snapshot, (ns) => thread.records.get(ns));
    }
  } finally {
    await source.close();
  }
  throw new Error(`${threadId}: not in ${db}`);
}

describe("functional-API threads read from a real SQLite file", () => {
  it("equal getState's positions: at an interrupt after tasks, inside a task, finished", { timeout: 60_000 }, async () => {
    const { entrypoint, task, interrupt, Command } = real;
    const db = join(tempDir("lgc-threads-functional-"), "checkpoints.db");
    const saver = SqliteSaver.fromConnString(db);
    const a = task("a", async (x: number) => x + 1);
    const b = task("b", async (x: number) => x + Number(interrupt("in b")));
    const wf = entrypoint({ name: "wf", checkpointer: saver }, async (x: number) => {
      const one = await a(x);
      interrupt("first");
      const two = await b(one);
      interrupt("second");
      return a(two);
    });
    const stops: string[] = [];
    for (const threadId of ["f1", "f2"]) {
      let next: unknown = threadId === "f1" ? 1 : 2;
      for (let i = 0; i < 6; i++) {
        await wf.invoke(next, { configurable: { thread_id: threadId } });
        const expected = await readRealPosition(saver as never, wf, threadId, snapshot);
        expect(await readFromFile(db, threadId), `${threadId} stop ${i}`).toEqual(expected);
        stops.push(`${expected.pausedIn.join()}:${expected.tasksDone ?? "-"}`);
        if (expected.pausedIn.length === 0) break;
        const state = await wf.getState({ configurable: { thread_id: threadId } });
        const ids: string[] = state.tasks.flatMap((t: { interrupts: Array<{ id: string }> }) => t.interrupts.map((x) => x.id));
        next = new Command({ resume: Object.fromEntries(ids.map((id) => [id, 5])) });
      }
    }
    // Paused in wf after one task (at "first"), after one task and inside b, after two (at "second"), finished.
    expect(stops).toEqual(["wf:1", "wf:1", "wf:2", ":-", "wf:1", "wf:1", "wf:2", ":-"]);
  });
});
