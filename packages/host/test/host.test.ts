/**
 * GraphHost on mixed populations (issue 5, Proof): threads paused at different nodes, finished and running
 * ones; a breaking deploy pins exactly the endangered threads, a safe one moves everyone forward. The
 * snapshots come from the extractor and the findings from the real diff, so the verdict is the real one.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Command, MemorySaver } from "@langgraph-compat/runtime";
import { GraphHost, MemoryPinStore, type ThreadInfo } from "../src/index.js";
import { within } from "./pins-contract.js";
import { gate, reviewGraph, versionFromSource } from "./host-helpers.js";

const byId = (infos: ThreadInfo[]) => Object.fromEntries(infos.map((t) => [t.threadId, t]));
const notes = (out: unknown) => (out as { notes: string[] }).notes;
const interrupts = (out: unknown) => ((out as { __interrupt__?: { value: unknown }[] }).__interrupt__ ?? []).map((i) => i.value);

afterEach(() => {
  delete (globalThis as { __hostGate?: unknown }).__hostGate;
});

describe("GraphHost: breaking then safe deploy over a mixed population", () => {
  it("removing node review pins only the threads paused at review; all other threads move on", async () => {
    const v1 = await versionFromSource("v1", reviewGraph());
    const v2 = await versionFromSource("v2", reviewGraph({ review: false }));
    const v3 = await versionFromSource("v3", reviewGraph({ review: false, published: "published" }));
    const host = new GraphHost({ checkpointer: new MemorySaver() });
    expect(await host.deploy(v1)).toEqual({ ok: true, version: "v1", pinned: [] });

    // A: paused in clarify. B: paused in review. C: finished. D: running (held in write) during the deploy.
    expect(interrupts(await host.invoke("A", {}))).toEqual(["topic?"]);
    await host.invoke("B", {});
    expect(interrupts(await host.invoke("B", new Command({ resume: "cats" })))).toEqual(["approve?"]);
    await host.invoke("C", {});
    await host.invoke("C", new Command({ resume: "dogs" }));
    expect(notes(await host.invoke("C", new Command({ resume: "yes" })))).toEqual(["prep", "clarify", "write", "review", "publish:yes"]);
    await host.invoke("D", {});
    const held = gate("slow");
    const running = host.invoke("D", new Command({ resume: "slow" }));
    await held.entered;
    expect(byId(await host.threads()).D.status).toBe("running");

    const deployed = await host.deploy(v2);
    expect(deployed.ok).toBe(true);
    if (!deployed.ok) return;
    expect(deployed.pinned.map((t) => [t.threadId, t.version, t.pinReason])).toEqual([["B", "v1", ["edge-rerouted", "node-removed"]]]);
    let threads = byId(await host.threads());
    expect(threads.A).toEqual({ threadId: "A", version: "v2", status: "paused", pausedAt: ["clarify"], pinReason: [] });
    expect(threads.B).toEqual({ threadId: "B", version: "v1", status: "paused", pausedAt: ["review"], pinReason: ["edge-rerouted", "node-removed"] });
    expect(threads.C).toMatchObject({ version: "v2", status: "finished", pausedAt: [], pinReason: [] });
    expect(threads.D).toMatchObject({ version: "v1", status: "running" });

    // D's run started on v1 and finishes on v1: it reaches review, which v2 no longer has; then it is pinned there.
    held.release();
    expect(interrupts(await running)).toEqual(["approve?"]);
    threads = byId(await host.threads());
    expect(threads.D).toEqual({ threadId: "D", version: "v1", status: "paused", pausedAt: ["review"], pinReason: ["edge-rerouted", "node-removed"] });

    // New threads start on v2.
    await host.invoke("E", {});
    expect(byId(await host.threads()).E).toMatchObject({ version: "v2", pausedAt: ["clarify"] });

    // Resumes: moved threads run the v2 flow, pinned ones resume correctly on v1 (nothing halts silently).
    expect(notes(await host.invoke("A", new Command({ resume: "birds" })))).toEqual(["prep", "clarify", "write", "publish:undefined"]);
    expect(notes(await host.invoke("B", new Command({ resume: "ok" })))).toEqual(["prep", "clarify", "write", "review", "publish:ok"]);
    expect(notes(await host.invoke("D", new Command({ resume: "fine" })))).toEqual(["prep", "clarify", "write", "review", "publish:fine"]);
    const stateB = (await host.getState("B")) as { values: { verdict: string; draft: string } };
    expect(stateB.values).toMatchObject({ verdict: "ok", draft: "draft:cats" });
    // Finished, B and D are no longer endangered by the removal: they move on.
    threads = byId(await host.threads());
    for (const id of ["A", "B", "C", "D"]) expect(threads[id]).toMatchObject({ version: "v2", status: "finished", pinReason: [] });
    expect((await host.versions())).toEqual(["v1", "v2"]); // v1 stays as the rollback target

    // A safe change (publish's body): every thread moves forward, paused or finished; v1 is retired.
    await host.invoke("F", {});
    const safe = await host.deploy(v3);
    expect(safe).toEqual({ ok: true, version: "v3", pinned: [] });
    expect((await host.threads()).map((t) => [t.threadId, t.version])).toEqual(["A", "B", "C", "D", "E", "F"].map((id) => [id, "v3"]));
    expect((await host.versions())).toEqual(["v2", "v3"]);
    expect(notes(await host.invoke("F", new Command({ resume: "fish" })))).toEqual(["prep", "clarify", "write", "published:undefined"]);
    expect(notes(await host.invoke("B", { topic: "again" }))).toEqual(["prep", "clarify", "write", "review", "publish:ok", "prep"]);
  });

  it("a thread moved by mistake would halt: the pinned verdict is the one that keeps B's answer", async () => {
    // Control for the test above: resuming B's position directly on v2 ends silently (row 1a).
    const v1 = await versionFromSource("c1", reviewGraph());
    const v2 = await versionFromSource("c2", reviewGraph({ review: false }));
    const saver = new MemorySaver();
    const g1 = await v1.build(saver);
    const g2 = await v2.build(saver);
    const config = { configurable: { thread_id: "B" } };
    await g1.invoke({}, config);
    await g1.invoke(new Command({ resume: "cats" }), config);
    const out = await g2.invoke(new Command({ resume: "ok" }), config);
    expect(notes(out)).toEqual(["prep", "clarify", "write"]);
    expect(interrupts(out)).toEqual([]);
  });
});

describe("GraphHost: a deploy does not wait for runs of another host", () => {
  it("a thread running in another host sharing the store is left to its next call, which pins it where the change hurts it", async () => {
    const v1 = await versionFromSource("v1", reviewGraph());
    const v2 = await versionFromSource("v2", reviewGraph({ review: false }));
    const [checkpointer, pins] = [new MemorySaver(), new MemoryPinStore()];
    const a = new GraphHost({ checkpointer, pins, name: "a" });
    const b = new GraphHost({ checkpointer, pins, name: "b" });
    expect((await a.deploy(v1)).ok).toBe(true);
    for (const v of [v1, v2]) expect(await b.load(v)).toEqual({ ok: true });
    await b.invoke("D", {});
    const held = gate("slow");
    const running = b.invoke("D", new Command({ resume: "slow" }));
    await held.entered;
    // Host a deploys the breaking change while D runs in host b: the deploy ends without waiting for that run.
    const deployed = await within(a.deploy(v2), "a's deploy while b runs D");
    expect(deployed.ok).toBe(true);
    expect((await pins.pin("agent", "D"))?.version).toBe("v1");
    held.release();
    // D's run began on v1 and ends on v1, paused in review (which v2 removed); b read the state before the deploy.
    expect(interrupts(await running)).toEqual(["approve?"]);
    // Its next call, from either host, decides it first: paused in review, it stays on v1, pinned, and finishes there.
    expect(notes(await a.invoke("D", new Command({ resume: "ok" })))).toEqual(["prep", "clarify", "write", "review", "publish:ok"]);
    expect((await a.audit()).map((e) => [e.action, e.version, e.by])).toEqual([["deploy", "v1", "a"], ["deploy", "v2", "a"]]);
    // Finished, nothing endangers it any more: it has moved to v2.
    expect((await pins.pin("agent", "D"))?.version).toBe("v2");
  });
});

describe("GraphHost: rollback", () => {
  it("moves threads back only when the findings from the new version to the old one spare them", async () => {
    const v1 = await versionFromSource("r1", reviewGraph());
    const v2 = await versionFromSource("r2", reviewGraph({ review: "approve" }));
    const host = new GraphHost({ checkpointer: new MemorySaver() });
    await host.deploy(v1);
    await host.invoke("X", {}); // paused in clarify: moves to r2 at the deploy
    await host.invoke("Z", {});
    await host.invoke("Z", new Command({ resume: "z" })); // paused in review: pinned on r1
    const deployed = await host.deploy(v2);
    expect(deployed.ok && deployed.pinned.map((t) => [t.threadId, t.pinReason])).toEqual([["Z", ["node-renamed"]]]);
    await host.invoke("Y", {});
    await host.invoke("Y", new Command({ resume: "y" })); // a new thread, paused in approve on r2
    expect(byId(await host.threads()).Y).toMatchObject({ version: "r2", pausedAt: ["approve"] });
    expect(byId(await host.threads()).X).toMatchObject({ version: "r2", pausedAt: ["clarify"] });

    await host.rollback();
    let threads = byId(await host.threads());
    expect(threads.X).toMatchObject({ version: "r1", pinReason: [] });
    expect(threads.Y).toMatchObject({ version: "r2", pausedAt: ["approve"], pinReason: ["node-renamed"] });
    expect(threads.Z).toMatchObject({ version: "r1", pinReason: [] });
    expect((await host.versions())).toEqual(["r1", "r2"]);

    // New threads start on r1 again; Y finishes on r2, then goes back and r2 is retired.
    await host.invoke("W", {});
    expect(byId(await host.threads()).W.version).toBe("r1");
    expect(notes(await host.invoke("Y", new Command({ resume: "yes" })))).toEqual(["prep", "clarify", "write", "review", "publish:yes"]);
    threads = byId(await host.threads());
    expect(threads.Y).toMatchObject({ version: "r1", status: "finished", pinReason: [] });
    expect((await host.versions())).toEqual(["r1"]);
    // X, back on r1, runs r1's flow through review.
    expect(interrupts(await host.invoke("X", new Command({ resume: "x" })))).toEqual(["approve?"]);
    expect(notes(await host.invoke("Z", new Command({ resume: "ok" })))).toEqual(["prep", "clarify", "write", "review", "publish:ok"]);
    await expect(host.rollback()).rejects.toThrow(/no previous version/);
  });
});

describe("GraphHost: canary, failed deploys", () => {
  it("starts a fraction of new threads on the canary until promote()", async () => {
    const v1 = await versionFromSource("k1", reviewGraph());
    const v2 = await versionFromSource("k2", reviewGraph({ published: "shipped" }));
    const draws = [0.2, 0.8, 0.4, 0.9];
    const host = new GraphHost({ checkpointer: new MemorySaver(), canary: 0.5, random: () => draws.shift() ?? 0 });
    await host.deploy(v1);
    await host.invoke("old", {});
    await host.deploy(v2);
    for (const id of ["n1", "n2", "n3", "n4"]) await host.invoke(id, {});
    const threads = byId(await host.threads());
    expect(["old", "n1", "n2", "n3", "n4"].map((id) => threads[id].version)).toEqual(["k1", "k2", "k1", "k2", "k1"]);
    // During the canary, existing threads stay on the base; resuming them does not move them.
    await host.invoke("old", new Command({ resume: "t" }));
    expect(byId(await host.threads()).old.version).toBe("k1");

    await host.promote();
    await host.settled();
    expect((await host.threads()).every((t) => t.version === "k2")).toBe(true);
    await host.invoke("n5", {});
    expect(byId(await host.threads()).n5.version).toBe("k2");
    expect(draws).toEqual([]); // promoted: no more draws
    expect(await host.createThread("n6")).toEqual({ threadId: "n6", version: "k2", status: "new", pausedAt: [], pinReason: [] });
  });

  it("a second canary takes over the first: its threads follow the canary, the base's stay on the base", async () => {
    const v1 = await versionFromSource("q1", reviewGraph());
    const v2 = await versionFromSource("q2", reviewGraph({ published: "shipped" }));
    const v3 = await versionFromSource("q3", reviewGraph({ published: "released" }));
    const draws = [0.1, 0.9];
    const host = new GraphHost({ checkpointer: new MemorySaver(), canary: 0.5, random: () => draws.shift() ?? 0.99 });
    await host.deploy(v1);
    await host.deploy(v2);
    await host.invoke("onCanary", {});
    await host.invoke("onBase", {});
    await host.deploy(v3);
    expect((await host.threads()).map((t) => [t.threadId, t.version])).toEqual([["onBase", "q1"], ["onCanary", "q3"]]);
    expect((await host.versions())).toEqual(["q1", "q2", "q3"]); // q2: the rollback target
    await host.rollback(); // ends the canary: q2 is the newest, onCanary goes back to it (safe)
    expect((await host.threads()).map((t) => [t.threadId, t.version])).toEqual([["onBase", "q2"], ["onCanary", "q2"]]);
    expect((await host.versions())).toEqual(["q1", "q2"]);
  });

  it("runs on one thread are serialised; a second invoke waits for the first", async () => {
    const host = new GraphHost({ checkpointer: new MemorySaver() });
    await host.deploy(await versionFromSource("s1", reviewGraph()));
    await host.invoke("T", {});
    const held = gate("slow");
    const first = host.invoke("T", new Command({ resume: "slow" }));
    await held.entered;
    const second = host.invoke("T", new Command({ resume: "yes" }));
    expect((await host.threads())[0].status).toBe("running");
    held.release();
    expect(interrupts(await first)).toEqual(["approve?"]);
    expect(notes(await second)).toEqual(["prep", "clarify", "write", "review", "publish:yes"]);
    expect((await host.threads())[0]).toMatchObject({ status: "finished", pausedAt: [] });
  });

  it("a failed build or a foreign graph id leave the current version active", async () => {
    const v1 = await versionFromSource("f1", reviewGraph());
    const v2 = await versionFromSource("f2", reviewGraph({ review: false }));
    const host = new GraphHost({ checkpointer: new MemorySaver() });
    await host.deploy(v1);
    await host.invoke("A", {});
    const broken = {
      ...v2,
      build: () => {
        throw new SyntaxError("Unexpected token ')'");
      },
    };
    expect(await host.deploy(broken)).toEqual({ ok: false, error: "Unexpected token ')'" });
    expect(await host.deploy({ ...v2, graphId: "other" })).toMatchObject({ ok: false, error: expect.stringContaining('"other"') });
    expect(await host.deploy(v1)).toEqual({ ok: true, version: "f1", pinned: [] }); // the newest again: no change
    expect(await host.deploy({ ...v2, build: () => ({}) as never })).toMatchObject({ ok: false });
    expect((await host.versions())).toEqual(["f1"]);
    await host.invoke("B", {});
    expect((await host.threads()).map((t) => t.version)).toEqual(["f1", "f1"]);
    expect(await host.deploy(v2)).toMatchObject({ ok: true, version: "f2" });
  });

  it("re-deploying a held version (an edit undone) makes it the newest again, by the same verdict", async () => {
    const v1 = await versionFromSource("u1", reviewGraph());
    const v2 = await versionFromSource("u2", reviewGraph({ review: false }));
    const host = new GraphHost({ checkpointer: new MemorySaver() });
    await host.deploy(v1);
    await host.invoke("B", {});
    await host.invoke("B", new Command({ resume: "cats" })); // paused in review: pinned by u2
    await host.deploy(v2);
    await host.invoke("N", {}); // a new thread on u2, paused in clarify
    expect((await host.threads()).map((t) => [t.threadId, t.version])).toEqual([["B", "u1"], ["N", "u2"]]);
    expect(await host.deploy(v1)).toEqual({ ok: true, version: "u1", pinned: [] });
    expect((await host.threads()).map((t) => [t.threadId, t.version, t.pinReason])).toEqual([["B", "u1", []], ["N", "u1", []]]);
    expect(notes(await host.invoke("B", new Command({ resume: "ok" })))).toEqual(["prep", "clarify", "write", "review", "publish:ok"]);
  });
});
