/**
 * GraphHost on the real `@langchain/langgraph` 1.7.3 with the real PostgresSaver and a PostgresPinStore, on the
 * machine's PostgreSQL (a fresh database per run): a mixed population (paused in different nodes, finished, in
 * flight), a breaking deploy that pins exactly the endangered threads, a safe one that moves everyone, and every
 * thread's runs equal to a control run of the same calls on the versions the host ran them on.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Command, MemorySaver } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { GraphHost, PostgresPinStore, type GraphVersion, type HostedGraph } from "../src/index.js";
import { dropDatabase, postgresForTests } from "../../threads/test/postgres-server.js";
import { realHostFolder, type RealVersion } from "./real-host.js";
import { readFileSync } from "node:fs";

const { server, suite, address, sql } = await postgresForTests("host-real.test.ts");
const DB = `lgc_host_real_${randomBytes(5).toString("hex")}`;
const url = `postgres://postgres@${address}/${DB}`;

/** A version of graph `agent` from the scratch folder, its module imported here (same real package as the test). */
async function version(v: RealVersion): Promise<GraphVersion & { make(cp: unknown): HostedGraph }> {
  const mod = (await import(/* @vite-ignore */ v.module)) as { make(cp: unknown): HostedGraph };
  return { id: v.id, graphId: "agent", snapshot: JSON.parse(readFileSync(v.snapshot, "utf8")), build: (cp) => mod.make(cp), make: mod.make };
}

const interrupts = (out: unknown) => ((out as { __interrupt__?: Array<{ value: unknown }> }).__interrupt__ ?? []).map((i) => i.value);
const notes = (out: unknown) => (out as { notes: string[] }).notes;
/** A run's output without the interrupt ids, which are derived from checkpoint ids (new on every saver). */
const comparable = (out: unknown) => ({ ...(out as object), __interrupt__: interrupts(out) });

suite("GraphHost on the real @langchain/langgraph and PostgresSaver", () => {
  let saver: PostgresSaver;
  let pins: PostgresPinStore;
  beforeAll(async () => {
    await sql("postgres", `CREATE DATABASE ${DB}`);
    saver = PostgresSaver.fromConnString(url);
    await saver.setup();
    pins = new PostgresPinStore({ connectionString: url });
    await pins.migrate();
  }, 60_000);
  afterAll(async () => {
    await saver?.end();
    await pins?.close();
    if (!("skip" in server)) {
      await dropDatabase(address, DB);
      server.stop();
    }
  });

  it("pins exactly the endangered threads, moves the rest, and runs each call as a control run on its version", { timeout: 120_000 }, async () => {
    const folder = realHostFolder([["v1", true], ["v2", false], ["v3", false]]);
    const [v1, v2, v3] = await Promise.all(folder.versions.map(version));
    const host = new GraphHost({ checkpointer: saver, pins });
    /** Every call made through the host, per thread, with the version it ran on. */
    const calls = new Map<string, Array<{ version: string; input: unknown; output: unknown }>>();
    const versionOf = async (id: string) => (await host.threads()).find((t) => t.threadId === id)?.version;
    const call = async (id: string, input: unknown) => {
      const before = (await versionOf(id)) ?? (await host.versions()).at(-1)!;
      const output = await host.invoke(id, input);
      calls.set(id, [...(calls.get(id) ?? []), { version: before, input, output }]);
      return output;
    };

    expect(await host.deploy(v1!)).toEqual({ ok: true, version: "v1", pinned: [] });
    // A: paused in clarify. B: paused in review. C: finished. D: in flight (slow in write) during the deploy.
    expect(interrupts(await call("A", {}))).toEqual(["topic?"]);
    await call("B", {});
    expect(interrupts(await call("B", new Command({ resume: "cats" })))).toEqual(["approve?"]);
    await call("C", {});
    await call("C", new Command({ resume: "dogs" }));
    expect(notes(await call("C", new Command({ resume: "yes" })))).toEqual(["v1:prep", "v1:clarify", "v1:write", "v1:review", "v1:publish:yes"]);
    await call("D", {});
    process.env.SLOW_MS = "400";
    const running = call("D", new Command({ resume: "slow" }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const deployed = await host.deploy(v2!);
    delete process.env.SLOW_MS;
    expect(deployed.ok && deployed.pinned.map((t) => [t.threadId, t.version, t.pinReason])).toEqual([["B", "v1", ["edge-rerouted", "node-removed"]]]);
    const byId = async () => Object.fromEntries((await host.threads()).map((t) => [t.threadId, t]));
    expect(await byId()).toMatchObject({
      A: { version: "v2", status: "paused", pausedAt: ["clarify"], pinReason: [] },
      B: { version: "v1", status: "paused", pausedAt: ["review"], pinReason: ["edge-rerouted", "node-removed"] },
      C: { version: "v2", status: "finished" },
      D: { version: "v1", status: "running" },
    });
    // D's run started on v1 and ends on v1, in review, which v2 removed: pinned there.
    expect(interrupts(await running)).toEqual(["approve?"]);
    expect((await byId()).D).toMatchObject({ version: "v1", status: "paused", pausedAt: ["review"], pinReason: ["edge-rerouted", "node-removed"] });
    // The pin is durable: a second host on the same database sees it.
    const other = new GraphHost({ checkpointer: saver, pins, graphId: "agent" });
    expect((await other.threads()).map((t) => [t.threadId, t.version, t.pinReason])).toEqual((await host.threads()).map((t) => [t.threadId, t.version, t.pinReason]));

    // New threads start on v2; a moved thread reruns its paused node on v2 (an interrupted node runs again on
    // resume); pinned threads finish on v1 (nothing halts), then move on.
    expect(interrupts(await call("E", {}))).toEqual(["topic?"]);
    expect(notes(await call("A", new Command({ resume: "birds" })))).toEqual(["v1:prep", "v2:clarify", "v2:write", "v2:publish:undefined"]);
    expect(notes(await call("B", new Command({ resume: "ok" })))).toEqual(["v1:prep", "v1:clarify", "v1:write", "v1:review", "v1:publish:ok"]);
    expect(notes(await call("D", new Command({ resume: "fine" })))).toEqual(["v1:prep", "v1:clarify", "v1:write", "v1:review", "v1:publish:fine"]);
    for (const id of ["A", "B", "C", "D"]) expect((await byId())[id]).toMatchObject({ version: "v2", status: "finished", pinReason: [] });

    // A safe change: everyone moves, paused or finished.
    await call("F", {});
    expect(await host.deploy(v3!)).toEqual({ ok: true, version: "v3", pinned: [] });
    expect((await host.threads()).map((t) => t.version)).toEqual(["v3", "v3", "v3", "v3", "v3", "v3"]);
    expect(notes(await call("F", new Command({ resume: "fish" })))).toEqual(["v2:prep", "v3:clarify", "v3:write", "v3:publish:undefined"]);
    expect((await host.audit()).map((e) => [e.action, e.version])).toEqual([["deploy", "v1"], ["deploy", "v2"], ["deploy", "v3"], ["retire", "v1"]]);

    // The control: each thread's calls replayed on a fresh saver, each on the graph of the version the host ran it on.
    const graphs = { v1, v2, v3 } as Record<string, { make(cp: unknown): HostedGraph }>;
    for (const [id, made] of calls) {
      const control = new MemorySaver();
      for (const { version: v, input, output } of made) {
        const replayed = await graphs[v]!.make(control).invoke(input, { configurable: { thread_id: id } });
        expect(comparable(replayed), `${id} on ${v}`).toEqual(comparable(output));
      }
    }
  });
  it("streams a run under the thread's lock; leaving the stream early releases it", { timeout: 60_000 }, async () => {
    const [v1] = await Promise.all(realHostFolder([["s1", true]]).versions.map(version));
    const host = new GraphHost({ checkpointer: saver, pins });
    // Another graph id, so this host shares the database with the first test's without sharing its versions.
    const snapshot = { ...v1!.snapshot, graphs: { streamed: { ...v1!.snapshot.graphs.agent!, id: "streamed" } } };
    expect(await host.deploy({ ...v1!, graphId: "streamed", snapshot })).toMatchObject({ ok: true });
    const chunks: unknown[] = [];
    for await (const chunk of host.stream("S", {}, { streamMode: "updates" })) chunks.push(chunk);
    expect(chunks.map((c) => Object.keys(c as object)[0])).toEqual(["prep", "__interrupt__"]);
    // Leave after the first chunk: the run stops there, and the thread is free for the next call.
    for await (const chunk of host.stream("S", new Command({ resume: "t" }), { streamMode: "updates" })) {
      expect(Object.keys(chunk as object)).toEqual(["clarify"]);
      break;
    }
    const out = await host.invoke("S", null);
    expect(interrupts(out)).toEqual(["approve?"]);
  });
});
