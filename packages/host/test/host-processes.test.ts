/**
 * The host in processes of its own, on the real `@langchain/langgraph` with the real PostgresSaver and a
 * PostgresPinStore on one database: SIGKILLed in the middle of runs and during a deploy, then restarted; and two
 * hosts resuming 200 threads at once from both sides while one of them deploys. Everything is asserted from the
 * checkpoints (each node writes `version:node` into the thread's state) and the store, not from logs:
 * - a thread's checkpoint history never forks (no two runs of one thread at once, in any process);
 * - a thread never goes back to an older version, and a thread paused in the node the new version removed
 *   finishes on the old one;
 * - no step is committed twice, and every thread finishes (none lost).
 */
import { randomBytes } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { PostgresPinStore } from "../src/index.js";
import { dropDatabase, postgresForTests } from "../../threads/test/postgres-server.js";
import { realHostFolder, startHost, type HostProcess } from "./real-host.js";

const { server, suite, address, sql } = await postgresForTests("host-processes.test.ts");
const databases: string[] = [];

/** A fresh database with the saver's and the host's tables (the explicit setup and migrate steps). */
async function database(): Promise<string> {
  const name = `lgc_host_proc_${randomBytes(5).toString("hex")}`;
  await sql("postgres", `CREATE DATABASE ${name}`);
  databases.push(name);
  const url = `postgres://postgres@${address}/${name}`;
  const saver = PostgresSaver.fromConnString(url);
  await saver.setup();
  await saver.end();
  const pins = new PostgresPinStore({ connectionString: url });
  await pins.migrate();
  await pins.close();
  return url;
}

type Values = { notes?: string[]; __interrupt__?: Array<{ value: unknown }> };

/** Drives `thread` to the end through `host`: answers whatever it waits for, continues a run a crash cut short. */
async function finish(host: HostProcess, thread: string): Promise<string[]> {
  for (let i = 0; i < 8; i++) {
    const state = await host.call<{ next: string[]; tasks: Array<{ interrupts: unknown[] }>; values: Values }>("getState", { thread });
    const waiting = state.tasks.some((t) => t.interrupts.length > 0);
    if (!waiting && state.next.length === 0 && (state.values.notes ?? []).length > 0) return state.values.notes!;
    await host.call("invoke", waiting ? { thread, resume: "ok" } : { thread, input: state.values.notes === undefined ? {} : null });
  }
  throw new Error(`${thread} did not finish`);
}

/** Checks one thread's checkpoints and final notes against the invariants above. */
async function checkThread(saver: PostgresSaver, thread: string, notes: string[]): Promise<void> {
  const children = new Map<string, number>();
  for await (const tuple of saver.list({ configurable: { thread_id: thread, checkpoint_ns: "" } })) {
    const parent = tuple.parentConfig?.configurable?.checkpoint_id as string | undefined;
    if (parent !== undefined) children.set(parent, (children.get(parent) ?? 0) + 1);
  }
  expect([...children.values()].every((n) => n === 1), `${thread}: forked history`).toBe(true);
  expect(new Set(notes).size, `${thread}: a step committed twice: ${notes.join(", ")}`).toBe(notes.length);
  const versions = notes.map((n) => n.split(":")[0]!);
  expect([...versions].sort(), `${thread}: back to an older version: ${notes.join(", ")}`).toEqual(versions);
  expect(notes.filter((n) => n.includes(":publish:")).length, `${thread}: ${notes.join(", ")}`).toBe(1);
  // Paused in review on v1 means finishing on v1: v2 has no review, and moving would halt the thread.
  if (notes.includes("v1:review")) expect(notes.at(-1)!.startsWith("v1:publish:"), `${thread}: ${notes.join(", ")}`).toBe(true);
}

suite("the host as processes on one Postgres database", () => {
  const folder = realHostFolder([["v1", true], ["v2", false]]);
  const hosts: HostProcess[] = [];
  const start = async (url: string, name: string, env?: Record<string, string>) => {
    const host = await startHost(folder.dir, url, name, env);
    hosts.push(host);
    return host;
  };
  afterAll(async () => {
    for (const host of hosts) await host.kill().catch(() => undefined);
    if ("skip" in server) return;
    for (const name of databases) await dropDatabase(address, name);
    server.stop();
  });

  it("keeps every pin across SIGKILL in the middle of runs and during a deploy; no thread is lost or run twice", { timeout: 180_000 }, async () => {
    const url = await database();
    const threads = Array.from({ length: 20 }, (_, i) => `r${i}`);
    const first = await start(url, "first", { SLOW_MS: "150" });
    await first.call("deploy", { id: "v1" });
    for (const thread of threads) await first.call("invoke", { thread, input: {} });
    // Half reach review before the crash; the other half are cut short in `write`.
    for (const thread of threads.slice(0, 10)) await first.call("invoke", { thread, resume: "topic" });
    const inFlight = threads.slice(10).map((thread) => first.call("invoke", { thread, resume: "topic" }).catch(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.kill();
    await Promise.all(inFlight);

    const second = await start(url, "second", { SLOW_MS: "20" });
    const deploying = second.call("deploy", { id: "v2" }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await second.kill();
    await deploying;

    const third = await start(url, "third");
    const pins = new PostgresPinStore({ connectionString: url });
    const before = new Map((await pins.pins("agent")).map((p) => [p.threadId, p.version]));
    expect([...before.keys()].sort()).toEqual([...threads].sort());
    const saver = PostgresSaver.fromConnString(url);
    try {
      const newest = (await pins.state("agent")).heads.at(-1);
      let held = 0;
      for (const thread of threads) {
        // The first step after the restart runs on the version the pin says, unless the thread may move: a thread
        // paused in review (which v2 removed) stays on its pinned version; any other moves to the newest.
        const state = await third.call<{ next: string[]; values: Values }>("getState", { thread });
        const expected = state.next.includes("review") ? before.get(thread) : newest;
        if (state.next.includes("review") && before.get(thread) === "v1" && newest === "v2") held++;
        const written = (state.values.notes ?? []).length;
        const notes = await finish(third, thread);
        expect(notes[written]?.split(":")[0], `${thread}: first step after the restart (${notes.join(", ")})`).toBe(expected);
        await checkThread(saver, thread, notes);
        if (notes.includes("v1:review")) expect(notes.at(-1)).toBe("v1:publish:ok");
      }
      // The deploy killed half way landed or not as one transaction; when it did, review-paused threads were held.
      if (newest === "v2") expect(held).toBeGreaterThan(0);
      const after = await pins.pins("agent");
      expect(after.map((p) => p.threadId).sort()).toEqual([...threads].sort());
    } finally {
      await saver.end();
      await pins.close();
    }
  });

  it("two hosts resume 200 threads from both sides during a deploy: no thread runs twice at once or on two versions, none is lost", { timeout: 240_000 }, async () => {
    const url = await database();
    const threads = Array.from({ length: 200 }, (_, i) => `t${i}`);
    const a = await start(url, "a", { SLOW_MS: "5" });
    const b = await start(url, "b", { SLOW_MS: "5" });
    await a.call("deploy", { id: "v1" });
    await Promise.all(threads.map((thread, i) => (i % 2 ? a : b).call("invoke", { thread, input: {} })));
    // Every thread is resumed from both hosts at once (the first answer reaches review, the second answers it),
    // while host a deploys v2, which removes review.
    const wave = threads.flatMap((thread) => [a, b].map((host) => host.call("invoke", { thread, resume: "ok" })));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const deployed = await a.call<{ ok: boolean }>("deploy", { id: "v2" });
    expect(deployed.ok).toBe(true);
    const results = await Promise.allSettled(wave);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const saver = PostgresSaver.fromConnString(url);
    try {
      let pinnedOnV1 = 0;
      for (const [i, thread] of threads.entries()) {
        const notes = await finish(i % 2 ? a : b, thread);
        await checkThread(saver, thread, notes);
        if (notes.includes("v1:review")) pinnedOnV1++;
      }
      // Both kinds happened: threads that reached review before the deploy finished on v1, the others moved.
      expect(pinnedOnV1).toBeGreaterThan(0);
      expect(pinnedOnV1).toBeLessThan(threads.length);
    } finally {
      await saver.end();
    }
  });
});
