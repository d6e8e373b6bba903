import { describe, expect, it } from "vitest";
import type { ChannelSnapshot } from "@langgraph-compat/snapshot";
import { branch, chain, channel, diff, graph, interrupt, node, triples } from "./helpers.js";

/**
 * An optional key added in v2 (row 10a): its type admits undefined, yet an old thread that reads undefined
 * where a v2 thread at the same point would hold a value runs differently. The verdict decides it over the
 * positions of v1: risky when a v2 node writes the key and, after a resume or on a finished thread's next
 * turn, a node reads it before anything writes it; safe otherwise, with the proof named.
 */
const rules = channel("rules", { optional: true });
const base = [channel("question"), channel("answer")];

/** prepare -> ask (interrupt) -> finish, with the given reads and writes of each node. */
function g(channels: ChannelSnapshot[], io: Record<string, { reads?: string[]; writes?: string[] }> = {}) {
  return graph({
    nodes: [
      node("prepare", { reads: ["question"], ...io.prepare }),
      node("ask", { interrupts: [interrupt("q")], writes: ["answer"], ...io.ask }),
      node("finish", { reads: ["answer"], ...io.finish }),
    ],
    edges: chain("prepare", "ask", "finish"),
    channels,
  });
}

const before = g(base);

describe("state-key-added: an optional key", () => {
  it("written before the pause and read after it is risky: old paused threads read undefined (10a)", async () => {
    const after = g([...base, rules], { prepare: { reads: ["question"], writes: ["rules"] }, finish: { reads: ["answer", "rules"] } });
    const result = await diff(before, after);
    const added = result.findings.find((f) => f.ruleId === "state-key-added");
    expect([added?.severity, added?.path]).toEqual(["risky", "state/rules"]);
    expect(added?.endangered).toContain(
      'threads paused before `finish` reads `rules`: old ones read undefined where v2 threads may hold what `prepare` wrote',
    );
  });

  it("written by the paused node itself, which re-runs on resume before the reader, is safe", async () => {
    const after = g([...base, rules], { ask: { writes: ["answer", "rules"], alwaysWrites: ["answer", "rules"] }, finish: { reads: ["answer", "rules"] } });
    const result = await diff(before, after);
    const added = result.findings.find((f) => f.ruleId === "state-key-added");
    expect(added?.severity).toBe("safe");
    expect(added?.reasons?.at(-1)).toMatch(/^lowered to safe: the key is optional and no old thread reads undefined where a v2 thread would hold a value/);
  });

  it("written by no node is safe: v2 threads read undefined there too", async () => {
    expect(await triples(before, g([...base, rules], { finish: { reads: ["answer", "rules"] } }))).toContainEqual(["state-key-added", "safe", "state/rules"]);
  });

  it("read on a finished thread's next turn before it is written is risky, even with no pause point (10a)", async () => {
    // No interrupt: the only position is a finished thread. `prepare` reads what the last turn's `finish` wrote.
    const flat = (io: Record<string, { reads?: string[]; writes?: string[]; alwaysWrites?: string[] }>, channels: ChannelSnapshot[]) =>
      graph({ nodes: [node("prepare", io.prepare), node("finish", io.finish)], edges: chain("prepare", "finish"), channels });
    const v1 = flat({ prepare: { reads: ["question"] }, finish: {} }, base);
    const v2 = flat({ prepare: { reads: ["question", "rules"] }, finish: { writes: ["rules"] } }, [...base, rules]);
    const added = (await diff(v1, v2)).findings.find((f) => f.ruleId === "state-key-added");
    expect(added?.severity).toBe("risky");
    expect(added?.endangered).toEqual([
      'finished threads whose next turn reads `rules` in `prepare` before anything writes it: old ones read undefined where v2 threads may hold what `finish` wrote',
    ]);
    // The near miss: the same key written first and read after, in one run, endangers no one.
    const ok = flat({ prepare: { reads: ["question"], writes: ["rules"], alwaysWrites: ["rules"] }, finish: { reads: ["rules"] } }, [...base, rules]);
    expect(await triples(v1, ok)).toContainEqual(["state-key-added", "safe", "state/rules"]);
  });

  it("a router target v2 computes at run time may reach any reader", async () => {
    const after = graph({
      nodes: [
        node("prepare", { reads: ["question"], writes: ["rules"] }),
        node("ask", { interrupts: [interrupt("q")], writes: ["answer", "rules"] }),
        node("finish", { reads: ["answer", "rules"] }),
      ],
      edges: chain("prepare", "ask"),
      branches: [branch("ask", ["finish"])],
      channels: [...base, rules],
      unresolved: [{ kind: "router-target", reason: "target is computed at run time", text: "state.next", node: "ask", location: { file: "src/graph.ts", line: 1, column: 1 } }],
    });
    const added = (await diff(before, after)).findings.find((f) => f.ruleId === "state-key-added");
    expect(added?.severity).toBe("risky");
  });

  it("a key whose only writer a zod .default() stands in for stays risky (10c): new threads get the default", async () => {
    const zod = channel("rules", { optional: true, default: { kind: "zod", fingerprint: "d" } });
    expect(await triples(before, g([...base, zod]))).toContainEqual(["state-key-added", "risky", "state/rules"]);
  });
});
