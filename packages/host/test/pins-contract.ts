/**
 * The PinStore contract, one suite run against every store (memory, SQLite, Postgres): what `update`, the
 * versions, pins, audit and retire keep and return, and what `withThreadLock` guarantees within one store.
 * Each test works on a graph id of its own, so the tests share one migrated store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, PinStore } from "../src/pins/index.js";

let graphs = 0;
const freshGraph = () => `graph-${++graphs}-${Math.random().toString(36).slice(2, 8)}`;
const T1 = "2030-01-01T00:00:00.000Z";
const T2 = "2030-01-02T03:04:05.678Z";

export interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}
export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** `promise`, or a rejection naming `what` after `ms`: a deadlock fails the test with a reason instead of its timeout. */
export function within<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting: ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Asserts that per key the events alternate enter, exit (no two holders of one key overlap). */
export function expectNoOverlap(events: Array<{ key: string; kind: "enter" | "exit" }>): void {
  const inside = new Map<string, boolean>();
  for (const { key, kind } of events) {
    expect(inside.get(key) ?? false, `${key}: ${kind} while ${inside.get(key) ? "held" : "free"}`).toBe(kind === "exit");
    inside.set(key, kind === "enter");
  }
}

export function pinStoreContract(name: string, open: () => Promise<PinStore>): void {
  describe(`${name}: the PinStore contract`, () => {
    let store: PinStore;
    beforeAll(async () => {
      store = await open();
      await store.migrate();
      await store.migrate(); // idempotent
      await store.check();
    });
    afterAll(() => store?.close());

    it("state: empty heads for an unknown graph, then what update wrote (canary included); graphs are apart", async () => {
      const [g, other] = [freshGraph(), freshGraph()];
      expect(await store.state(g)).toEqual({ heads: [] });
      const written = { heads: ["v1", "v2"], canary: { version: "v2", base: "v1", fraction: 0.25 } };
      let seen: unknown;
      const returned = await store.update(g, (state) => ((seen = state), { state: written }));
      expect(seen).toEqual({ heads: [] });
      expect(returned).toEqual(written);
      expect(await store.state(g)).toEqual(written);
      expect(await store.state(other)).toEqual({ heads: [] });
      await store.update(g, async (state) => ({ state: { heads: [...state.heads, "v3"] } }));
      expect(await store.state(g)).toEqual({ heads: ["v1", "v2", "v3"] });
    });

    it("update: the state fn gets and the one returned are copies the store does not share", async () => {
      const g = freshGraph();
      await store.update(g, () => ({ state: { heads: ["v1"] } }));
      const returned = await store.update(g, (state) => {
        state.heads.push("mutated");
        return { state: { heads: ["v1", "v2"] } };
      });
      returned.heads.push("mutated");
      (await store.state(g)).heads.push("mutated");
      expect(await store.state(g)).toEqual({ heads: ["v1", "v2"] });
    });

    it("update is atomic: when fn throws (sync or async) state, versions and audit stay as they were and the error is fn's", async () => {
      const g = freshGraph();
      await store.update(g, () => ({ state: { heads: ["v1"] }, versions: [{ id: "v1", deployedAt: T1 }], audit: [{ at: T1, action: "deploy", version: "v1" }] }));
      const before = await Promise.all([store.state(g), store.versions(g), store.audit(g)]);
      const boom = new Error("boom");
      await expect(store.update(g, () => { throw boom; })).rejects.toBe(boom); // prettier-ignore
      await expect(
        store.update(g, async (state) => {
          await new Promise((r) => setTimeout(r, 5));
          if (state.heads.length > 0) throw boom;
          return { state: { heads: ["never"] } };
        }),
      ).rejects.toBe(boom);
      expect(await Promise.all([store.state(g), store.versions(g), store.audit(g)])).toEqual(before);
      // A graph first touched by a failed update has no state, no version and no audit either.
      const untouched = freshGraph();
      await expect(store.update(untouched, () => { throw boom; })).rejects.toBe(boom); // prettier-ignore
      expect([await store.state(untouched), await store.versions(untouched), await store.audit(untouched)]).toEqual([{ heads: [] }, [], []]);
    });

    it("versions: in order of first deploy, 0, 1, 2…; one deployed again keeps its order and time and is no longer retired", async () => {
      const g = freshGraph();
      await store.update(g, () => ({ state: { heads: ["a"] }, versions: [{ id: "a", label: "first", hash: "h1", deployedAt: T1 }] }));
      await store.update(g, () => ({ state: { heads: ["a", "b", "c"] }, versions: [{ id: "b", deployedAt: T2 }, { id: "c", label: "third", deployedAt: T2 }] }));
      expect(await store.versions(g)).toEqual([
        { id: "a", label: "first", hash: "h1", deployedAt: T1, order: 0 },
        { id: "b", deployedAt: T2, order: 1 },
        { id: "c", label: "third", deployedAt: T2, order: 2 },
      ]);
      await store.retire(g, ["a"]);
      await store.update(g, () => ({ state: { heads: ["b", "c", "a"] }, versions: [{ id: "a", label: "again", deployedAt: T2 }] }));
      expect((await store.versions(g))[0]).toEqual({ id: "a", label: "first", hash: "h1", deployedAt: T1, order: 0 });
      expect(await store.versions(freshGraph())).toEqual([]);
    });

    it("pins: setPin inserts or replaces one thread's row; pins() lists a graph's rows in thread id order", async () => {
      const [g, other] = [freshGraph(), freshGraph()];
      expect(await store.pin(g, "t1")).toBeUndefined();
      await store.setPin(g, { threadId: "t2", version: "v1", reason: [], updatedAt: T1 });
      await store.setPin(g, { threadId: "t1", version: "v1", reason: ["node-removed", "edge-rerouted"], updatedAt: T1 });
      await store.setPin(other, { threadId: "t1", version: "x", reason: [], updatedAt: T1 });
      await store.setPin(g, { threadId: "t1", version: "v2", reason: ["state-key-removed"], updatedAt: T2 });
      expect(await store.pin(g, "t1")).toEqual({ threadId: "t1", version: "v2", reason: ["state-key-removed"], updatedAt: T2 });
      expect(await store.pins(g)).toEqual([
        { threadId: "t1", version: "v2", reason: ["state-key-removed"], updatedAt: T2 },
        { threadId: "t2", version: "v1", reason: [], updatedAt: T1 },
      ]);
      await store.setPin(g, { threadId: "Z", version: "v1", reason: [], updatedAt: T1 });
      await store.setPin(g, { threadId: "é", version: "v1", reason: [], updatedAt: T1 });
      expect((await store.pins(g)).map((p) => p.threadId)).toEqual(["Z", "t1", "t2", "é"]);
      expect(await store.pins(other)).toHaveLength(1);
    });

    it("movePins: every row on the given versions moves, reason cleared, in one write; other rows and graphs stay", async () => {
      const [g, other] = [freshGraph(), freshGraph()];
      await store.setPin(g, { threadId: "a", version: "v1", reason: ["node-removed"], updatedAt: T1 });
      await store.setPin(g, { threadId: "b", version: "v2", reason: [], updatedAt: T1 });
      await store.setPin(g, { threadId: "c", version: "v3", reason: [], updatedAt: T1 });
      await store.setPin(other, { threadId: "a", version: "v1", reason: [], updatedAt: T1 });
      expect(await store.movePins(g, ["v1", "v2"], "v3", T2)).toBe(2);
      expect(await store.pins(g)).toEqual([
        { threadId: "a", version: "v3", reason: [], updatedAt: T2 },
        { threadId: "b", version: "v3", reason: [], updatedAt: T2 },
        { threadId: "c", version: "v3", reason: [], updatedAt: T1 },
      ]);
      expect((await store.pin(other, "a"))?.version).toBe("v1");
      expect(await store.movePins(g, ["v9"], "v3", T2)).toBe(0);
    });

    it("thread: the graph's state and the thread's row in one read, either of them absent", async () => {
      const g = freshGraph();
      expect(await store.thread(g, "t1")).toEqual({ state: { heads: [] } });
      await store.setPin(g, { threadId: "t1", version: "v1", reason: ["node-removed"], updatedAt: T1 });
      expect(await store.thread(g, "t1")).toEqual({ state: { heads: [] }, pin: { threadId: "t1", version: "v1", reason: ["node-removed"], updatedAt: T1 } });
      await store.update(g, () => ({ state: { heads: ["v1", "v2"], canary: { version: "v2", base: "v1", fraction: 0.5 } } }));
      expect(await store.thread(g, "t2")).toEqual({ state: { heads: ["v1", "v2"], canary: { version: "v2", base: "v1", fraction: 0.5 } } });
      expect((await store.thread(g, "t1")).pin?.version).toBe("v1");
      // The lock holder gets the same, read once the lock is held: the last holder's write included.
      await store.withThreadLock(g, "t'1", async (now) => {
        expect(now).toEqual({ state: { heads: ["v1", "v2"], canary: { version: "v2", base: "v1", fraction: 0.5 } } });
        await store.setPin(g, { threadId: "t'1", version: "v2", reason: [], updatedAt: T2 });
      });
      expect(await store.withThreadLock(g, "t'1", async (now) => now.pin)).toEqual({ threadId: "t'1", version: "v2", reason: [], updatedAt: T2 });
      // Ids and reasons written into SQL as literals stay exactly what they were.
      const odd = { threadId: "a\\'b\\\\c''", version: "v'2\\", reason: ["it's", "back\\slash"], updatedAt: T2 };
      await store.withThreadLock(g, odd.threadId, async () => store.setPin(g, odd));
      expect(await store.withThreadLock(g, odd.threadId, async (now) => now.pin)).toEqual(odd);
      expect(await store.pin(g, odd.threadId)).toEqual(odd);
    });

    it("withThreadLock with adoptAt: a thread without a row gets one on the newest version, unless a canary runs or nothing is deployed", async () => {
      const g = freshGraph();
      const adopt = (threadId: string) => store.withThreadLock(g, threadId, async (now) => now.pin, { adoptAt: T1 });
      expect(await adopt("before-any-deploy")).toBeUndefined();
      await store.update(g, () => ({ state: { heads: ["v1", "v'2"] } }));
      expect(await adopt("new")).toEqual({ threadId: "new", version: "v'2", reason: [], updatedAt: T1 });
      expect(await store.pin(g, "new")).toEqual({ threadId: "new", version: "v'2", reason: [], updatedAt: T1 });
      // A thread with a row keeps it as it is.
      await store.setPin(g, { threadId: "held", version: "v1", reason: ["node-removed"], updatedAt: T2 });
      expect(await adopt("held")).toEqual({ threadId: "held", version: "v1", reason: ["node-removed"], updatedAt: T2 });
      // During a canary the store adopts nothing: the host draws the version itself.
      await store.update(g, () => ({ state: { heads: ["v1", "v'2"], canary: { version: "v'2", base: "v1", fraction: 0.5 } } }));
      expect(await adopt("during-canary")).toBeUndefined();
      expect(await store.pin(g, "during-canary")).toBeUndefined();
      expect(await store.pin(g, "before-any-deploy")).toBeUndefined();
    });

    it("ifThreadFree: runs fn under the lock when no one holds the thread, else gives { held: false } at once", async () => {
      const g = freshGraph();
      expect(await store.ifThreadFree(g, "t", async (now) => now.pin?.version ?? "no row")).toEqual({ held: true, value: "no row" });
      const [inside, release] = [deferred(), deferred()];
      const holder = store.withThreadLock(g, "t", async () => (inside.resolve(), await release.promise, "holder done"));
      await inside.promise;
      let ran = false;
      expect(await within(store.ifThreadFree(g, "t", async () => (ran = true)), "ifThreadFree on a held thread")).toEqual({ held: false });
      expect(ran).toBe(false);
      // Another thread is free meanwhile.
      expect(await within(store.ifThreadFree(g, "other", async () => "other ran"), "ifThreadFree on another thread")).toEqual({ held: true, value: "other ran" });
      release.resolve();
      expect(await holder).toBe("holder done");
      // Free as soon as the holder's caller has its result (an unlock still on its way is waited for, not reported).
      expect(await within(store.ifThreadFree(g, "t", async () => "right after"), "ifThreadFree right after the holder")).toEqual({ held: true, value: "right after" });
      expect(await within(store.withThreadLock(g, "t", async () => "free"), "the lock after the holder")).toBe("free");
      expect(await store.ifThreadFree(g, "t", async () => "free again")).toEqual({ held: true, value: "free again" });
      const boom = new Error("boom");
      await expect(store.ifThreadFree(g, "t", async () => { throw boom; })).rejects.toBe(boom); // prettier-ignore
      expect(await within(store.withThreadLock(g, "t", async () => "after a throw"), "the lock after ifThreadFree threw")).toBe("after a throw");
    });

    it("audit: oldest first, across updates; with a limit the last entries, still oldest first", async () => {
      const g = freshGraph();
      const entries: AuditEntry[] = [
        { at: T1, action: "deploy", version: "v1", detail: { previous: null, pinned: 0 }, by: "host-a:1" },
        { at: T1, action: "canary", version: "v2", detail: { fraction: 0.1, nested: { list: [1, "two"] } } },
        { at: T2, action: "promote", version: "v2" },
        { at: T2, action: "rollback" },
      ];
      await store.update(g, () => ({ state: { heads: ["v1"] }, audit: entries.slice(0, 2) }));
      await store.update(g, () => ({ state: { heads: ["v1", "v2"] }, audit: entries.slice(2) }));
      expect(await store.audit(g)).toEqual(entries);
      expect(await store.audit(g, 3)).toEqual(entries.slice(1));
      expect(await store.audit(g, 10)).toEqual(entries);
      expect(await store.audit(g, 0)).toEqual([]);
      expect(await store.audit(freshGraph())).toEqual([]);
    });

    it("retire: marks versions retired with one audit entry each, once; unknown ids are ignored", async () => {
      const g = freshGraph();
      const versions = ["v1", "v2", "v3"].map((id) => ({ id, deployedAt: T1 }));
      await store.update(g, () => ({ state: { heads: ["v1", "v2", "v3"] }, versions }));
      await store.retire(g, ["v2", "nope", "v1"], "host-b:2");
      await store.retire(g, ["v1"]);
      const rows = await store.versions(g);
      expect(rows.map((v) => [v.id, v.retiredAt !== undefined])).toEqual([["v1", true], ["v2", true], ["v3", false]]);
      expect(Number.isNaN(Date.parse(rows[0]!.retiredAt!))).toBe(false);
      const audit = await store.audit(g);
      expect(audit.map((a) => [a.action, a.version, a.by])).toEqual([["retire", "v2", "host-b:2"], ["retire", "v1", "host-b:2"]]);
      expect(audit[0]!.at).toBe(rows[1]!.retiredAt);
    });

    it("graphs: the ids holding a deploy history, a version, a pin or an audit entry, by code point; not one a failed update touched", async () => {
      const stem = freshGraph();
      const [deployed, pinned, audited, failed, emptied] = ["é", "Z", "a", "f", "e"].map((suffix) => `${stem}-${suffix}`);
      await store.update(deployed!, () => ({ state: { heads: ["v1"] }, versions: [{ id: "v1", deployedAt: T1 }] }));
      await store.setPin(pinned!, { threadId: "t", version: "v1", reason: [], updatedAt: T1 });
      await store.update(audited!, () => ({ state: { heads: [] }, audit: [{ at: T1, action: "rollback" }] }));
      await expect(store.update(failed!, () => { throw new Error("boom"); })).rejects.toThrow("boom"); // prettier-ignore
      await store.update(emptied!, () => ({ state: { heads: [] } }));
      expect((await store.graphs()).filter((id) => id.startsWith(`${stem}-`))).toEqual([pinned, audited, deployed]);
    });

    it("withThreadLock: one holder per thread at a time, other threads meanwhile, fn's result and error passed through", async () => {
      const g = freshGraph();
      const events: Array<{ key: string; kind: "enter" | "exit" }> = [];
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.withThreadLock(g, `t${i % 3}`, async () => {
            events.push({ key: `t${i % 3}`, kind: "enter" });
            await new Promise((r) => setTimeout(r, 2));
            events.push({ key: `t${i % 3}`, kind: "exit" });
          }),
        ),
      );
      expect(events).toHaveLength(24);
      expectNoOverlap(events);
      // Two threads held at once: each waits inside its lock until the other is inside its own.
      const [x, y] = [deferred(), deferred()];
      const both = Promise.all([
        store.withThreadLock(g, "x", async () => (x.resolve(), await y.promise, "x")),
        store.withThreadLock(g, "y", async () => (y.resolve(), await x.promise, "y")),
      ]);
      expect(await within(both, "two different threads locked at once")).toEqual(["x", "y"]);
      const boom = new Error("boom");
      await expect(store.withThreadLock(g, "x", async () => { throw boom; })).rejects.toBe(boom); // prettier-ignore
      expect(await within(store.withThreadLock(g, "x", async () => "free again"), "the lock after a throw")).toBe("free again");
    });
  });
}
