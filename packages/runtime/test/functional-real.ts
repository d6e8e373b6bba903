/**
 * One functional-API workflow on the real `@langchain/langgraph`, and its snapshot: task `a`, interrupt "first",
 * task `b` (which interrupts inside), interrupt "second", task `a` again. `driveWorkflow` runs a thread of it to the
 * end, answering each interrupt by id, and hands every stop to the caller. Shared by the tests that read its
 * positions (static coverage here, the graph-free reader in packages/threads).
 */
import { graph } from "../../diff/test/static-graphs.js";
import { real } from "./modules.js";

const at = { file: "wf.ts", line: 1, column: 1 };

/** The workflow's snapshot, as the extractor would write it. */
export const workflowSnapshot = graph({
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

/** The workflow, compiled with `checkpointer`. */
export function workflow(checkpointer: unknown) {
  const { entrypoint, task, interrupt } = real;
  const a = task("a", async (x: number) => x + 1);
  const b = task("b", async (x: number) => x + Number(interrupt("in b")));
  return entrypoint({ name: "wf", checkpointer }, async (x: number) => {
    const one = await a(x);
    interrupt("first");
    const two = await b(one);
    interrupt("second");
    return a(two);
  });
}

/**
 * Runs thread `threadId` of `wf` from `input` until it finishes (at most 6 runs), calling `stop` after each run;
 * `stop` returns whether the thread is still paused. Answers by interrupt id: a bare value would also be taken by
 * the next interrupt of the same run.
 */
export async function driveWorkflow(wf: ReturnType<typeof workflow>, threadId: string, input: number, stop: () => Promise<boolean>): Promise<void> {
  let next: unknown = input;
  for (let i = 0; i < 6; i++) {
    await wf.invoke(next, { configurable: { thread_id: threadId } });
    if (!(await stop())) return;
    const state = await wf.getState({ configurable: { thread_id: threadId } });
    const ids: string[] = state.tasks.flatMap((t: { interrupts: Array<{ id: string }> }) => t.interrupts.map((x) => x.id));
    next = new real.Command({ resume: Object.fromEntries(ids.map((id) => [id, 5])) });
  }
}
