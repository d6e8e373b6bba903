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
import { readRealPosition } from "../../runtime/test/real-position.js";
import { driveWorkflow, workflow, workflowSnapshot } from "../../runtime/test/functional-real.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

/** The position of `threadId` read from the file alone, through the raw SQLite source. */
async function readFromFile(db: string, threadId: string): Promise<ThreadPosition> {
  const source = await openThreadSource(`sqlite:${db}`);
  try {
    for await (const thread of source.threads()) {
      if (thread.threadId !== threadId) continue;
      expect(thread.unreadable).toBeUndefined();
      return positionOf(thread.records.get(""), workflowSnapshot, (ns) => thread.records.get(ns));
    }
  } finally {
    await source.close();
  }
  throw new Error(`${threadId}: not in ${db}`);
}

describe("functional-API threads read from a real SQLite file", () => {
  it("equal getState's positions: at an interrupt after tasks, inside a task, finished", { timeout: 60_000 }, async () => {
    const db = join(tempDir("lgc-threads-functional-"), "checkpoints.db");
    const saver = SqliteSaver.fromConnString(db);
    const wf = workflow(saver);
    const stops: string[] = [];
    for (const [threadId, input] of [["f1", 1], ["f2", 2]] as const) {
      await driveWorkflow(wf, threadId, input, async () => {
        const expected = await readRealPosition(saver as never, wf, threadId, workflowSnapshot);
        expect(await readFromFile(db, threadId), `${threadId} stop ${stops.length}`).toEqual(expected);
        stops.push(`${expected.pausedIn.join()}:${expected.tasksDone ?? "-"}`);
        return expected.pausedIn.length > 0;
      });
    }
    // Paused in wf after one task (at "first"), after one task and inside b, after two (at "second"), finished.
    expect(stops).toEqual(["wf:1", "wf:1", "wf:2", ":-", "wf:1", "wf:1", "wf:2", ":-"]);
  });
});
