/**
 * Three answers to "does this change break this stored thread?" must agree, thread by thread, on the example's
 * v1 → v2 over real threads in a real SQLite file: `check --threads` (the exposure count), the host's per-thread
 * decision (`endangeringRules` over the thread's position, what `GraphHost` pins by), and what the real
 * `@langchain/langgraph` does when it resumes the thread on v2.
 */
import { cpSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { Command } from "@langchain/langgraph";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots, endangerContext, endangeringRules, type DiffResult } from "@langgraph-compat/diff";
import type { Snapshot } from "@langgraph-compat/snapshot";
import { ExposureBuilder, openThreadSource, scanThreads } from "@langgraph-compat/threads";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { GRAPH_ID, PLAN, storeThreads, supportDeskV1, supportDeskV2 } from "./support-desk-real.js";

const root = join(import.meta.dirname, "..", "..", "..");
let db: string;
let v1: Snapshot;
let v2: Snapshot;
let result: DiffResult;

beforeAll(async () => {
  db = join(tempDir("lgc-threads-diff-"), "checkpoints.db");
  await storeThreads(supportDeskV1(SqliteSaver.fromConnString(db)));
  const dir = tempDir("lgc-threads-v2-");
  cpSync(join(root, "examples", "support-desk", "v1"), dir, { recursive: true });
  v1 = extractProject({ projectDir: dir });
  cpSync(join(root, "examples", "support-desk", "v2", "src"), join(dir, "src"), { recursive: true });
  v2 = extractProject({ projectDir: dir });
  result = await diffSnapshots(v1, v2);
}, 60_000);

describe("check --threads, the host's decision and the real runtime agree", () => {
  it("on every stored thread of the example", { timeout: 60_000 }, async () => {
    const breaking = result.findings.filter((f) => f.severity === "breaking");
    expect(breaking.map((f) => f.ruleId)).toEqual(["node-renamed"]);
    const context = endangerContext(v1.graphs[GRAPH_ID]!, v2.graphs[GRAPH_ID]!);
    const hostSays = new Map<string, boolean>();
    const exposure = new ExposureBuilder(result, v1, v2, { sample: 100 });
    const source = await openThreadSource(`sqlite:${db}`);
    await scanThreads(source, v1, { graph: GRAPH_ID }, (thread) => {
      exposure.add(thread);
      if (thread.kind === "read") hostSays.set(thread.threadId, endangeringRules(breaking, thread.position, context).length > 0);
    });
    await source.close();
    const counted = new Set(exposure.resultWithThreads().findings.filter((f) => f.severity === "breaking").flatMap((f) => f.threads?.sample ?? []));

    // What really happens: every thread resumed (or, when finished, given a new turn) on v2.
    const graph = supportDeskV2(SqliteSaver.fromConnString(db));
    // What the thread waits for is what v1, which wrote it, says: that is what its user sends next.
    const old = supportDeskV1(SqliteSaver.fromConnString(db));
    const broke = new Map<string, boolean>();
    for (const id of Object.values(PLAN).flat()) {
      const config = { configurable: { thread_id: id } };
      const before = await old.getState(config);
      const paused = before.tasks.some((t: { interrupts: unknown[] }) => t.interrupts.length > 0) || before.next.length > 0;
      const messages = (before.values as { messages: unknown[] }).messages.length;
      await graph.invoke((paused ? new Command({ resume: { approved: true } }) : { messages: [{ role: "user", content: "refund please" }] }) as never, config);
      const after = await graph.getState(config);
      // A thread that moves on gets a reply (or an escalation); a halted one gains nothing and runs no node.
      broke.set(id, (after.values as { messages: unknown[] }).messages.length === messages);
    }

    const ids = Object.values(PLAN).flat().sort();
    expect(ids.filter((id) => broke.get(id))).toEqual([...PLAN.paused, ...PLAN.redrafted].sort());
    expect(ids.filter((id) => hostSays.get(id))).toEqual(ids.filter((id) => broke.get(id)));
    expect(ids.filter((id) => counted.has(id))).toEqual(ids.filter((id) => broke.get(id)));
  });
});
