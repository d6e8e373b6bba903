/**
 * `interrupt()` (mechanism M9). Each task counts its `interrupt()` calls; call number n returns the
 * n-th resume value saved for that task, or else takes the thread's pending NULL-task resume value
 * (the one a `Command({ resume })` without an id stores). Only when neither exists does the task
 * pause. Nothing about the question itself is compared: answers are matched purely by position.
 */
import { interruptId } from "./algo.js";
import { RESUME } from "./constants.js";
import { GraphInterrupt, GraphValueError } from "./errors.js";
import { taskScope } from "./loop.js";

/** Pauses the current node with `value` as the question, or returns the answer when resuming. */
export function interrupt<Value = unknown, Resume = any>(value: Value): Resume {
  const scope = taskScope.getStore();
  if (scope === undefined) throw new Error("Called interrupt() outside the context of a graph.");
  if (scope.loop.saver === undefined) throw new GraphValueError("No checkpointer set");
  const { scratchpad, task } = scope;
  scratchpad.interruptCounter += 1;
  const index = scratchpad.interruptCounter;
  if (index < scratchpad.resume.length) {
    task.writes.push([RESUME, scratchpad.resume.slice(0, index + 1)]);
    return scratchpad.resume[index] as Resume;
  }
  if (scratchpad.nullResume !== undefined) {
    const answer = scratchpad.consumeNullResume();
    scratchpad.resume.push(answer);
    task.writes.push([RESUME, [...scratchpad.resume]]);
    return answer as Resume;
  }
  throw new GraphInterrupt([{ id: interruptId(task.ns, scratchpad.resume.length), value }]);
}
