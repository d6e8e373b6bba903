/**
 * default-changed (rows 10c, 11d): old threads keep the default written into their first checkpoint, so a
 * changed default is risky, and the message says which kind of default it was and became.
 * config-schema-changed (row 15a): configuration is passed on every call and never checkpointed, so any
 * change is safe; the message lists the config keys removed, added and changed.
 */
import { describe, expect, it } from "vitest";
import type { ChannelDefault, GraphSnapshot, JsonSchema, Location } from "@langgraph-compat/snapshot";
import { chain, channel, graph, interrupt, node } from "./helpers.js";
import { seen, seenOf, touched } from "./rules-state-helpers.js";

const at = (line: number): Location => ({ file: "src/state.ts", line, column: 1 });

describe("default-changed", () => {
  const g = (d: ChannelDefault, line = 4) =>
    graph({
      nodes: [node("ask", { interrupts: [interrupt("q")] }), node("w", { writes: ["k"], reads: ["k"] })],
      edges: chain("ask", "w"),
      channels: [channel("k", { default: d, location: at(line) })],
    });
  const none: ChannelDefault = { kind: "none" };
  const chan = (fp: string): ChannelDefault => ({ kind: "channel", fingerprint: fp });
  const zod = (fp: string): ChannelDefault => ({ kind: "zod", fingerprint: fp });
  const messages = async (b: ChannelDefault, a: ChannelDefault) => (await seenOf("default-changed", g(b), g(a))).map((f) => f.message);

  it("a channel default that appears is safe on state/<key>/default (nothing old was saved: rows 10d, 10e) and points at the key", async () => {
    expect(await seen(g(none, 4), g(chan("() => []"), 6))).toEqual([
      {
        ruleId: "default-changed",
        severity: "safe",
        path: "state/k/default",
        message: `state key "k" gained a channel default; old threads that never wrote it get it too`,
        reasons: ["lowered to safe: the key had no default, so old threads saved none, and the new channel default is applied to them too (rows 10d, 10e)"],
        before: at(4),
        after: at(6),
      },
    ]);
  });

  it("the message says old and new when a default of the same kind changed, else the two kinds", async () => {
    expect(await messages(chan("a"), chan("b"))).toEqual([`default of state key "k" changed (old channel default -> new channel default); old threads keep the old default`]);
    expect(await messages(zod("a"), zod("b"))).toEqual([`default of state key "k" changed (old zod .default() -> new zod .default()); old threads keep the old default`]);
    expect(await messages(zod("a"), none)).toEqual([`default of state key "k" changed (zod .default() -> none); old threads keep the old default`]);
    expect(await messages(chan("a"), zod("a"))).toEqual([`default of state key "k" changed (channel default -> zod .default()); old threads keep the old default`]);
    // A saved default outlives its removal (11d), and a zod .default() is never applied to old threads (10c).
    expect(await seen(g(chan("a")), g(none))).toMatchObject([{ severity: "risky", reasons: [] }]);
    expect(await seen(g(none), g(zod("a")))).toMatchObject([{ severity: "risky", reasons: [] }]);
  });

  it("the same default is no change", async () => {
    expect(await seenOf("default-changed", g(chan("a")), touched(g(chan("a"))))).toEqual([]);
    expect(await seenOf("default-changed", g(zod("a")), touched(g(zod("a"))))).toEqual([]);
    expect(await seenOf("default-changed", g(none), touched(g(none)))).toEqual([]);
  });
});

describe("config-schema-changed", () => {
  const str: JsonSchema = { type: "string" };
  const num: JsonSchema = { type: "number" };
  const g = (config: Record<string, JsonSchema> | undefined, line = 2): GraphSnapshot => {
    const built = graph({ nodes: [node("a")], edges: chain("a"), channels: [channel("topic")] });
    if (config) built.state.config = config;
    built.state.location = at(line);
    return built;
  };

  it("keys removed, added and changed are listed, each sorted; safe on state/config at the state declaration", async () => {
    const before = g({ model: str, zeta: str, alpha: str, temperature: num, keep: str }, 2);
    const after = g({ model: num, temperature: str, keep: str, beta: str, apiBase: str }, 8);
    expect(await seen(before, after)).toEqual([
      {
        ruleId: "config-schema-changed",
        severity: "safe",
        path: "state/config",
        message: "config schema changed; removed alpha, zeta; added apiBase, beta; changed model, temperature",
        reasons: [],
        before: at(2),
        after: at(8),
      },
    ]);
  });

  it("only the parts that happened are named", async () => {
    const msg = async (b: Record<string, JsonSchema> | undefined, a: Record<string, JsonSchema> | undefined) =>
      (await seenOf("config-schema-changed", g(b), g(a))).map((f) => f.message);
    expect(await msg(undefined, { model: str })).toEqual(["config schema changed; added model"]);
    expect(await msg({ model: str }, undefined)).toEqual(["config schema changed; removed model"]);
    expect(await msg({ model: str, k: str }, { model: num, k: str })).toEqual(["config schema changed; changed model"]);
    expect(await msg({ zeta: str, alpha: str }, { zeta: num, alpha: num })).toEqual(["config schema changed; changed alpha, zeta"]);
  });

  it("the same config schema, or none on either side, is no change", async () => {
    expect(await seenOf("config-schema-changed", g({ model: str }), touched(g({ model: str })))).toEqual([]);
    expect(await seenOf("config-schema-changed", g(undefined), touched(g(undefined)))).toEqual([]);
    expect(await seen(g(undefined), g({}))).toEqual([]);
  });
});
