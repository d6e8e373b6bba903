/**
 * Input mapping (pregel/io.js): what a `Command` passed to `invoke` writes. Everything but a resume map
 * is written under NULL_TASK_ID, i.e. as if by no task; that is why a `goto` to a missing node is just
 * a write to a missing channel (M5), and why a resume value without an id waits for the first
 * unanswered `interrupt()` of the next superstep (M9).
 */
import type { PendingWrite } from "./checkpoint.js";
import { NULL_TASK_ID, RESUME, START, TASKS, branchChannel, isSend, type Command } from "./constants.js";

/**
 * Writes of a `Command` passed to `invoke` (pregel/io.js `mapCommand`): goto, update and a plain resume
 * value under NULL_TASK_ID; a resume map is also stored under each of its keys, as LangGraph does.
 */
export function commandWrites(command: Command, pending: PendingWrite[]): PendingWrite[] {
  const writes: PendingWrite[] = [];
  for (const dest of command.goto ?? []) {
    if (isSend(dest)) writes.push([NULL_TASK_ID, TASKS, dest]);
    else writes.push([NULL_TASK_ID, branchChannel(dest), START]);
  }
  if (isResumeMap(command.resume)) {
    for (const [id, value] of Object.entries(command.resume)) {
      const existing = pending.filter(([tid, c]) => tid === id && c === RESUME).map(([, , v]) => v).slice(0, 1);
      writes.push([id, RESUME, [...existing, value]]);
    }
  } else if (command.resume != null) writes.push([NULL_TASK_ID, RESUME, command.resume]);
  const update = command.update ?? {};
  for (const [k, v] of Array.isArray(update) ? update : Object.entries(update)) writes.push([NULL_TASK_ID, k, v]);
  return writes;
}

/** A resume map `{ [interruptId]: value }` addresses interrupts by id instead of position. */
export function isResumeMap(resume: unknown): resume is Record<string, unknown> {
  if (typeof resume !== "object" || resume === null || Array.isArray(resume)) return false;
  const keys = Object.keys(resume);
  return keys.length > 0 && keys.every((k) => /^[0-9a-f]{32}$/.test(k));
}

