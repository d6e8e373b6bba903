/**
 * Strict mode over the whole differential table: every scenario runs again on our runtime with
 * `strict: true` everywhere. Rows whose outcome LangGraph swallows must now show their typed error;
 * every other row must behave exactly as without strict (no false alarms, also in the v1 phase).
 */
import { describe, expect, it } from "vitest";
import * as ours from "../src/index.js";
import { Harness } from "./harness.js";
import { scenarios } from "./scenarios/index.js";

/** Row -> the strict error its resume raises. */
const loud: Record<string, string> = {
  "1a": "PendingInterruptLostError",
  "1b": "PendingInterruptLostError",
  "1c": "PendingInterruptLostError",
  "1e": "PendingInterruptLostError",
  "1g": "PendingInterruptLostError",
  "2a": "PendingInterruptLostError",
  "2b": "PendingInterruptLostError",
  "3a": "PendingInterruptLostError",
  "3b": "PendingInterruptLostError",
  "3c": "PendingInterruptLostError",
  "3d": "PendingInterruptLostError",
  "3f": "PendingInterruptLostError",
  "4e": "OrphanedWritesError",
  "4f": "OrphanedWritesError",
  "6a": "UnknownChannelWriteError",
  "6c": "PendingInterruptLostError",
  "7a": "UnknownSendTargetError",
  "7b": "UnknownSendTargetError",
  "7d": "UnknownSendTargetError",
  "8a": "PendingInterruptLostError",
  "8c": "UnknownChannelWriteError",
  "8d": "UnknownChannelWriteError",
  "9d": "UnknownChannelWriteError",
  "13a": "PendingInterruptLostError",
  "13b": "PendingInterruptLostError",
  "13c": "PendingInterruptLostError",
  "13d": "PendingInterruptLostError",
  "18d": "OrphanedWritesError",
};

/** Our module with `strict: true` forced on every compile and entrypoint. */
class StrictStateGraph extends ours.StateGraph {
  override compile(options: ours.CompileOptions = {}) {
    return super.compile({ ...options, strict: true });
  }
}
const strictEntrypoint = Object.assign((options: ours.EntrypointOptions, fn: (input: any) => unknown) => ours.entrypoint({ ...options, strict: true }, fn), {
  final: ours.entrypoint.final,
});
const strictLg = { ...ours, StateGraph: StrictStateGraph, entrypoint: strictEntrypoint };

describe("strict mode on every differential row", () => {
  for (const scenario of scenarios) {
    const expected = loud[scenario.row];
    it(`${scenario.row}: ${expected ?? "same as without strict"}`, async () => {
      const plain = new Harness(ours);
      await scenario.run(ours, plain);
      const strict = new Harness(strictLg);
      // Not caught: a strict error escaping an observed call is a crash, and fails the row.
      await scenario.run(strictLg, strict);
      if (expected === undefined) {
        expect(strict.observations).toEqual(plain.observations);
        return;
      }
      // Exactly one call differs: the one LangGraph lets through, which strict turns into the typed error.
      const k = strict.observations.findIndex((o) => o.threw === expected);
      expect(k, JSON.stringify(strict.observations)).toBeGreaterThanOrEqual(0);
      expect(plain.observations[k].threw).toBeUndefined();
      expect(strict.observations.toSpliced(k, 1)).toEqual(plain.observations.toSpliced(k, 1));
    });
  }
});
