import { describe, expect, it } from "vitest";
import { chain, channel, graph, interrupt, node, triples } from "./helpers.js";
import type { ChannelSnapshot, StateForm } from "@langgraph-compat/snapshot";

/** prep -> ask (interrupt) -> finish; `finish` reads and writes `readKey`. */
function g(channels: ChannelSnapshot[], opts: { form?: StateForm; reads?: string[]; writes?: string[]; interruptBefore?: string[] } = {}) {
  return graph({
    nodes: [node("prep", { writes: ["draft"] }), node("ask", { interrupts: [interrupt("q")] }), node("finish", { reads: opts.reads ?? [], writes: opts.writes ?? [] })],
    edges: chain("prep", "ask", "finish"),
    channels,
    form: opts.form,
    interruptBefore: opts.interruptBefore,
  });
}

describe("state-key-removed / renamed / added", () => {
  it("removing a key a v2 node still reads after a pause is breaking (9a)", async () => {
    expect(await triples(g([channel("draft"), channel("notes")], { reads: ["notes"] }), g([channel("draft")], { reads: ["notes"] }))).toEqual([
      ["state-key-removed", "breaking", "state/notes"],
    ]);
  });
  it("removing a key only v1 read after a pause is risky: after a resume only v2's code runs (9a, 17b)", async () => {
    expect(await triples(g([channel("draft"), channel("notes")], { reads: ["notes"] }), g([channel("draft")], { reads: [] }))).toEqual([
      ["state-key-removed", "risky", "state/notes"],
    ]);
  });
  it("removing a key nobody reads after a pause is risky (17b)", async () => {
    expect(await triples(g([channel("draft"), channel("notes")]), g([channel("draft")]))).toEqual([["state-key-removed", "risky", "state/notes"]]);
  });
  it("removing a written key with a static interruptBefore is breaking (14k)", async () => {
    const before = g([channel("draft", { type: { type: "number" } }), channel("notes")], { interruptBefore: ["finish"] });
    const after = g([channel("notes")], { interruptBefore: ["finish"] });
    expect(await triples(before, after)).toEqual([["state-key-removed", "breaking", "state/draft"]]);
  });
  it("state-key-renamed pairs same type and reducer (9b)", async () => {
    const before = g([channel("draft", { type: { type: "number" } })], { reads: ["draft"] });
    const after = g([channel("draftText", { type: { type: "number" } })], { reads: ["draftText"] });
    expect(await triples(before, after)).toEqual([["state-key-renamed", "breaking", "state/draft"]]);
  });
  it("state-key-renamed declared in config is risky; undeclared different types are removed + added", async () => {
    const before = g([channel("draft", { type: { type: "number" } })], { reads: ["draft"] });
    const after = g([channel("draftText")], { reads: ["draftText"] });
    // v2 reads only the new key, so the dropped `draft` is read by no one (9a, 17b); but `finish` moved from
    // `draft` to `draftText`, which nothing writes before it after a resume: the value is lost to it (9b).
    expect(await triples(before, after)).toEqual([
      ["state-key-added", "risky", "state/draftText"],
      ["state-key-readers-moved", "breaking", "state/draftText"],
      ["state-key-removed", "risky", "state/draft"],
    ]);
    expect(await triples(before, after, { renames: { stateKeys: { agent: { draft: "draftText" } } } })).toEqual([
      ["state-key-renamed", "risky", "state/draft"],
    ]);
  });
  it("state-key-added: risky without a channel default (10a, 10c), safe with one (10d) or when optional", async () => {
    const before = g([]);
    const after = g([
      channel("plain"),
      channel("zodDefault", { default: { kind: "zod", fingerprint: "d" } }),
      channel("withDefault", { default: { kind: "channel", fingerprint: "d" } }),
      channel("maybe", { optional: true }),
    ]);
    expect(await triples(before, after)).toEqual([
      ["state-key-added", "risky", "state/plain"],
      ["state-key-added", "risky", "state/zodDefault"],
      ["state-key-added", "safe", "state/maybe"],
      ["state-key-added", "safe", "state/withDefault"],
    ].sort((a, b) => (a.join() < b.join() ? -1 : 1)));
  });
});

describe("reducers and defaults", () => {
  const append = { kind: "custom" as const, name: "append", fingerprint: "append-v1" };
  it("reducer-removed is breaking (11b, 11f)", async () => {
    expect(await triples(g([channel("items", { reducer: append })]), g([channel("items")]))).toEqual([["reducer-removed", "breaking", "state/items/reducer"]]);
  });
  it("reducer-added is risky (11a)", async () => {
    expect(await triples(g([channel("items")]), g([channel("items", { reducer: append })]))).toEqual([["reducer-added", "risky", "state/items/reducer"]]);
  });
  it("reducer-replaced is breaking (11c)", async () => {
    const replace = { kind: "custom" as const, name: "replace", fingerprint: "replace-v1" };
    expect(await triples(g([channel("items", { reducer: append })]), g([channel("items", { reducer: replace })]))).toEqual([
      ["reducer-replaced", "breaking", "state/items/reducer"],
    ]);
    expect(await triples(g([channel("m", { reducer: { kind: "known", name: "messagesStateReducer" } })]), g([channel("m", { reducer: append })]))).toEqual([
      ["reducer-replaced", "breaking", "state/m/reducer"],
    ]);
  });
  it("reducer-changed is risky; reducer-ok when only the location moves", async () => {
    expect(await triples(g([channel("items", { reducer: append })]), g([channel("items", { reducer: { ...append, fingerprint: "append-v2" } })]))).toEqual([
      ["reducer-changed", "risky", "state/items/reducer"],
    ]);
    expect(await triples(g([channel("items", { reducer: append })]), g([channel("items", { reducer: { ...append } })]))).toEqual([]);
  });
  it("default-changed is risky (11d)", async () => {
    const before = g([channel("n", { default: { kind: "channel", fingerprint: "1" } })]);
    const after = g([channel("n", { default: { kind: "channel", fingerprint: "2" } })]);
    expect(await triples(before, after)).toEqual([["default-changed", "risky", "state/n/default"]]);
  });
});

describe("types", () => {
  it("narrowing a written zod key is breaking (10g); nullable -> non-nullable counts", async () => {
    const before = g([channel("note", { nullable: true })], { form: "zod", writes: ["note"] });
    const after = g([channel("note")], { form: "zod", writes: ["note"] });
    expect(await triples(before, after)).toEqual([["type-narrowed", "breaking", "state/note/type"]]);
  });
  it("string -> enum is narrowing (10f); risky when no node writes it", async () => {
    const before = g([channel("mode")], { form: "zod" });
    const after = g([channel("mode", { type: { type: "string", enum: ["fast", "slow"] } })], { form: "zod" });
    expect(await triples(before, after)).toEqual([["type-narrowed", "risky", "state/mode/type"]]);
  });
  it("narrowing in an Annotation state is risky: it is never validated (M7)", async () => {
    const before = g([channel("n", { type: { type: "number" } })], { writes: ["n"] });
    const after = g([channel("n", { type: { type: "integer" } })], { writes: ["n"] });
    expect(await triples(before, after)).toEqual([["type-narrowed", "risky", "state/n/type"]]);
  });
  it("removing an enum value narrows, adding one widens", async () => {
    const e = (values: string[]) => channel("mode", { type: { type: "string", enum: values } });
    expect(await triples(g([e(["a", "b"])], { form: "zod", writes: ["mode"] }), g([e(["a"])], { form: "zod", writes: ["mode"] }))).toEqual([
      ["type-narrowed", "breaking", "state/mode/type"],
    ]);
    expect(await triples(g([e(["a"])], { form: "zod", writes: ["mode"] }), g([e(["a", "b"])], { form: "zod", writes: ["mode"] }))).toEqual([
      ["type-widened", "safe", "state/mode/type"],
    ]);
  });
  it("type-widened is safe; enum -> string widens", async () => {
    const before = g([channel("mode", { type: { type: "string", enum: ["a"] } })], { form: "zod" });
    const after = g([channel("mode", { type: { type: ["string", "number"] } })], { form: "zod" });
    expect(await triples(before, after)).toEqual([["type-widened", "safe", "state/mode/type"]]);
  });
  it("type-widened-ok: the same values spelled differently are not a change", async () => {
    const before = g([channel("x", { type: { anyOf: [{ type: "string" }, { type: "number" }] } })], { form: "zod" });
    const after = g([channel("x", { type: { anyOf: [{ type: "number" }, { type: "string" }] } })], { form: "zod" });
    expect(await triples(before, after)).toEqual([]);
  });
  it("type-changed-with-reducer is breaking (11e)", async () => {
    const append = { kind: "custom" as const, name: "concat", fingerprint: "c" };
    const before = g([channel("log", { reducer: append })]);
    const after = g([channel("log", { reducer: append, type: { type: "array", items: { type: "string" } } })]);
    expect(await triples(before, after)).toEqual([["type-changed-with-reducer", "breaking", "state/log/type"]]);
  });
  it("type-source-changed: unmodelled types compare by text", async () => {
    const before = g([channel("x", { type: { "x-source": "Foo" } })]);
    const after = g([channel("x", { type: { "x-source": "Bar" } })]);
    expect(await triples(before, after)).toEqual([["type-source-changed", "risky", "state/x/type"]]);
    expect(await triples(before, g([channel("x", { type: { "x-source": "Foo" } })]))).toEqual([]);
  });
  it("a nested enum inside an object narrows", async () => {
    const obj = (values: string[]) => ({ type: "object", properties: { level: { type: "string", enum: values } }, required: ["level"] });
    const before = g([channel("cfg", { type: obj(["low", "high"]) })], { form: "zod", writes: ["cfg"] });
    const after = g([channel("cfg", { type: obj(["low"]) })], { form: "zod", writes: ["cfg"] });
    expect(await triples(before, after)).toEqual([["type-narrowed", "breaking", "state/cfg/type"]]);
  });
});

describe("reducer-removed message", () => {
  it("names writers that run in parallel (11f)", async () => {
    const { diff } = await import("./helpers.js");
    const { renderMessage } = await import("../src/index.js");
    const { START, END } = await import("./helpers.js");
    const append = { kind: "custom" as const, name: "append", fingerprint: "a" };
    const mk = (reducer?: typeof append) =>
      graph({
        nodes: [node("fan"), node("w1", { writes: ["items"] }), node("w2", { writes: ["items"] })],
        edges: [[START, "fan"], ["fan", "w1"], ["fan", "w2"], ["w1", END], ["w2", END]],
        channels: [channel("items", reducer ? { reducer } : {})],
      });
    const result = await diff(mk(append), mk());
    const f = result.findings.find((x) => x.ruleId === "reducer-removed");
    expect(f && renderMessage(f)).toMatch(/parallel writes by w1, w2 now throw/);
  });
});
