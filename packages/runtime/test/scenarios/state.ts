/** Rows about state keys, reducers and defaults changing under a thread (9*, 10a, 11*, 17*). */
import { expect } from "vitest";
import { outcome, type Harness, type LG, type Scenario, sorted } from "../harness.js";

const append = (a: unknown[], b: unknown[]) => a.concat(b);

type Keys = Record<string, "last" | "append" | { reducer: (a: any, b: any) => unknown; default?: () => unknown }>;

function schema(lg: LG, keys: Keys) {
  const spec: Record<string, unknown> = { log: lg.Annotation({ reducer: append, default: () => [] }) };
  for (const [k, kind] of Object.entries(keys)) {
    if (kind === "last") spec[k] = lg.Annotation();
    else if (kind === "append") spec[k] = lg.Annotation({ reducer: append, default: () => [] });
    else spec[k] = lg.Annotation(kind);
  }
  return lg.Annotation.Root(spec);
}

/**
 * START -> prep -> ask (interrupt) -> done -> END. `prep` returns `prepWrites`; `done` computes its
 * update from the state it reads.
 */
function flow(lg: LG, h: Harness, keys: Keys, prepWrites: Record<string, unknown>, done: (s: any) => Record<string, unknown>) {
  return new lg.StateGraph(schema(lg, keys))
    .addNode("prep", () => (h.ran("prep"), prepWrites))
    .addNode("ask", () => (h.ran("ask"), { log: [`ask:${lg.interrupt("ok?")}`] }))
    .addNode("done", (s: any) => (h.ran("done"), done(s)))
    .addEdge(lg.START, "prep")
    .addEdge("prep", "ask")
    .addEdge("ask", "done")
    .addEdge("done", lg.END)
    .compile({ checkpointer: h.saver });
}

/** Two parallel writers of `items` after `ask`: START -> ask -> (w1, w2) -> END. */
function parallelWriters(lg: LG, h: Harness, items: "last" | "append") {
  return new lg.StateGraph(schema(lg, { items }))
    .addNode("ask", () => (h.ran("ask"), { log: [`ask:${lg.interrupt("ok?")}`] }))
    .addNode("w1", () => (h.ran("w1"), { items: ["from-w1"] }))
    .addNode("w2", () => (h.ran("w2"), { items: ["from-w2"] }))
    .addEdge(lg.START, "ask")
    .addEdge("ask", "w1")
    .addEdge("ask", "w2")
    .addEdge("w1", lg.END)
    .addEdge("w2", lg.END)
    .compile({ checkpointer: h.saver });
}

/** A finished sibling (`side`) writing `items` in the paused superstep, and `ask` writing it on resume. */
function siblingWriters(lg: LG, h: Harness, items: "last" | "append") {
  return new lg.StateGraph(schema(lg, { items }))
    .addNode("ask", () => (h.ran("ask"), { items: [`ask:${lg.interrupt("ok?")}`] }))
    .addNode("side", () => (h.ran("side"), { items: ["side"] }))
    .addEdge(lg.START, "ask")
    .addEdge(lg.START, "side")
    .addEdge("ask", lg.END)
    .addEdge("side", lg.END)
    .compile({ checkpointer: h.saver });
}

/** One-node graph for finished-thread rows: START -> <name> -> END. */
function single(lg: LG, h: Harness, keys: Keys, name: string, update: (s: any) => Record<string, unknown>) {
  return new lg.StateGraph(schema(lg, keys))
    .addNode(name, (s: any) => (h.ran(name), update(s)))
    .addEdge(lg.START, name)
    .addEdge(name, lg.END)
    .compile({ checkpointer: h.saver });
}

async function pausedRun(h: Harness, g: any) {
  const config = h.thread();
  await h.invoke(g, { log: [] }, config);
  return config;
}

const readDraft = (key: string) => (s: any) => ({ log: [`${key}:${String(s[key])}`] });

export const stateScenarios: Scenario[] = [
  {
    row: "9a",
    title: "remove a state key holding data: the node reads undefined, the value is gone",
    async run(lg, h) {
      const config = await pausedRun(h, flow(lg, h, { draft: "last" }, { draft: "d1" }, readDraft("draft")));
      return h.invoke(flow(lg, h, {}, {}, readDraft("draft")), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain("draft:undefined");
      expect(o.values.draft).toBeUndefined();
    },
  },
  {
    row: "9b",
    title: "rename a state key draft -> draftText: the new key is undefined, the old value dropped",
    async run(lg, h) {
      const config = await pausedRun(h, flow(lg, h, { draft: "last" }, { draft: "d1" }, readDraft("draft")));
      return h.invoke(flow(lg, h, { draftText: "last" }, {}, readDraft("draftText")), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain("draftText:undefined");
    },
  },
  {
    row: "9d",
    title: "a finished sibling's pending write targets a key removed in v2: dropped",
    async run(lg, h) {
      const config = await pausedRun(h, siblingWriters(lg, h, "append"));
      const v2 = new lg.StateGraph(schema(lg, {}))
        .addNode("ask", () => (h.ran("ask"), { log: [`ask:${lg.interrupt("ok?")}`] }))
        .addNode("side", () => (h.ran("side"), { log: ["side"] }))
        .addEdge(lg.START, "ask")
        .addEdge(lg.START, "side")
        .addEdge("ask", lg.END)
        .addEdge("side", lg.END)
        .compile({ checkpointer: h.saver });
      return h.invoke(v2, new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.items).toBeUndefined();
      expect(sorted(o.ran)).toEqual(["ask"]);
    },
  },
  {
    row: "10a",
    title: "Annotation: add a field with no default: the node reads undefined",
    async run(lg, h) {
      const config = await pausedRun(h, flow(lg, h, {}, {}, () => ({})));
      return h.invoke(flow(lg, h, { priority: "last" }, {}, readDraft("priority")), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain("priority:undefined");
    },
  },
  {
    row: "11a",
    title: "LastValue -> append reducer while nodes return the full list: duplicates",
    async run(lg, h) {
      const full = (s: any) => ({ items: [...s.items, "b"] });
      const config = await pausedRun(h, flow(lg, h, { items: "last" }, { items: ["a"] }, full));
      return h.invoke(flow(lg, h, { items: "append" }, { items: ["a"] }, full), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.items).toEqual(["a", "a", "b"]);
    },
  },
  {
    row: "11b",
    title: "append reducer -> LastValue while nodes return deltas: history replaced",
    async run(lg, h) {
      const delta = () => ({ items: ["b"] });
      const config = await pausedRun(h, flow(lg, h, { items: "append" }, { items: ["a"] }, delta));
      return h.invoke(flow(lg, h, { items: "last" }, { items: ["a"] }, delta), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.items).toEqual(["b"]);
    },
  },
  {
    row: "11c",
    title: "reducer append -> replace: history replaced",
    async run(lg, h) {
      const delta = () => ({ items: ["b"] });
      const config = await pausedRun(h, flow(lg, h, { items: "append" }, { items: ["a"] }, delta));
      const replace = { reducer: (_a: unknown, b: unknown) => b, default: () => [] };
      return h.invoke(flow(lg, h, { items: replace }, { items: ["a"] }, delta), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.items).toEqual(["b"]);
    },
  },
  {
    row: "11d",
    title: "change a reducer default: old threads keep the old default, new threads get the new one",
    async run(lg, h) {
      const tags = (d: string) => ({ tags: { reducer: append, default: () => [d] } });
      const readTags = (s: any) => ({ log: [`tags:${s.tags.join(",")}`] });
      const config = await pausedRun(h, flow(lg, h, tags("v1"), {}, readTags));
      const v2 = flow(lg, h, tags("v2"), {}, readTags);
      const old = await h.invoke(v2, new lg.Command({ resume: "yes" }), config);
      const fresh = h.thread();
      await h.invoke(v2, { log: [] }, fresh);
      await h.invoke(v2, new lg.Command({ resume: "yes" }), fresh);
      return old;
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.tags).toEqual(["v1"]);
    },
  },
  {
    row: "11e",
    title: "LastValue<string> 'a' -> reducer a.concat(b): 'ab'",
    async run(lg, h) {
      const config = await pausedRun(h, flow(lg, h, { note: "last" }, { note: "a" }, () => ({ note: ["b"] })));
      const concat = { reducer: (a: any, b: any) => a.concat(b), default: () => [] };
      return h.invoke(flow(lg, h, { note: concat }, { note: "a" }, () => ({ note: ["b"] })), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.note).toBe("ab");
    },
  },
  {
    row: "11e2",
    title: "same with an array-only reducer: TypeError, and getState throws from then on",
    async run(lg, h) {
      const config = await pausedRun(h, flow(lg, h, { note: "last" }, { note: "a" }, () => ({ note: ["b"] })));
      const mapper = { reducer: (a: any, b: any) => [...a.map((x: unknown) => x), ...b], default: () => [] };
      return h.invoke(flow(lg, h, { note: mapper }, { note: "a" }, () => ({ note: ["b"] })), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      expect(o.threw).toBe("TypeError");
      expect(o.next).toEqual({ threw: "TypeError" });
    },
  },
  {
    row: "11f",
    title: "reducer removed; two parallel nodes write the key after resume: InvalidUpdateError, getState throws",
    async run(lg, h) {
      const config = await pausedRun(h, parallelWriters(lg, h, "append"));
      const v2 = parallelWriters(lg, h, "last");
      const first = await h.invoke(v2, new lg.Command({ resume: "yes" }), config);
      await h.invoke(v2, null, config);
      return first;
    },
    documented(o) {
      expect(o.threw).toBe("InvalidUpdateError");
      expect(o.next).toEqual({ threw: "InvalidUpdateError" });
    },
  },
  {
    row: "11g",
    title: "reducer removed; a finished sibling's write and the resumed node's write land together",
    async run(lg, h) {
      const config = await pausedRun(h, siblingWriters(lg, h, "append"));
      const v2 = siblingWriters(lg, h, "last");
      await h.observe(v2, config, async () => undefined);
      return h.invoke(v2, new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      expect(o.threw).toBe("InvalidUpdateError");
    },
  },
  {
    row: "17a",
    title: "thread finished; rename all nodes; a new turn works",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(single(lg, h, {}, "first", () => ({ log: ["first"] })), { log: [] }, config);
      return h.invoke(single(lg, h, {}, "renamed", () => ({ log: ["renamed"] })), { log: ["turn2"] }, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toEqual(["first", "turn2", "renamed"]);
    },
  },
  {
    row: "17b",
    title: "thread finished; remove a key holding data; a new turn works, the value is dropped",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(single(lg, h, { draft: "last" }, "n", () => ({ draft: "d1" })), { log: [] }, config);
      return h.invoke(single(lg, h, {}, "n", readDraft("draft")), { log: [] }, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.draft).toBeUndefined();
    },
  },
  {
    row: "17c",
    title: "thread finished; remove the reducer of an accumulating key: history overwritten",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(single(lg, h, { items: "append" }, "n", () => ({ items: ["t1"] })), { log: [] }, config);
      return h.invoke(single(lg, h, { items: "last" }, "n", () => ({ items: ["t2"] })), { log: [] }, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.items).toEqual(["t2"]);
    },
  },
  {
    row: "17d",
    title: "thread finished; add a node; a new turn works",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(single(lg, h, {}, "n", () => ({ log: ["n"] })), { log: [] }, config);
      const v2 = new lg.StateGraph(schema(lg, {}))
        .addNode("n", () => (h.ran("n"), { log: ["n"] }))
        .addNode("added", () => (h.ran("added"), { log: ["added"] }))
        .addEdge(lg.START, "n")
        .addEdge("n", "added")
        .addEdge("added", lg.END)
        .compile({ checkpointer: h.saver });
      return h.invoke(v2, { log: [] }, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["added", "n"]);
    },
  },
];
