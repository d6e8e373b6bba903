/** Zod and StateSchema rows (9c, 10*): values are validated only when written, and only the keys written (M7). */
import { expect } from "vitest";
import { z } from "zod";
import { outcome, type Harness, type LG, type Scenario, sorted } from "../harness.js";

type Fields = Record<string, z.ZodTypeAny>;

function schema(lg: LG, fields: Fields) {
  return z.object({
    log: lg.withLangGraph(z.array(z.string()), { reducer: { fn: (a: string[], b: string[]) => a.concat(b) }, default: () => [] }),
    ...fields,
  });
}

const v1Fields = (): Fields => ({ note: z.string().nullable(), mode: z.string(), score: z.number() });
const narrowed = (): Fields => ({ note: z.string(), mode: z.enum(["low", "high"]), score: z.number().int() });

/** START -> prep -> ask (interrupt) -> finish -> END; `finish` returns `finish(state)`. */
function flow(lg: LG, h: Harness, fields: Fields, finish: (s: any) => Record<string, unknown>) {
  return new lg.StateGraph(schema(lg, fields))
    .addNode("prep", () => (h.ran("prep"), { note: null, mode: "medium", score: 2.5 }))
    .addNode("ask", () => (h.ran("ask"), { log: [`ask:${lg.interrupt("ok?")}`] }))
    .addNode("finish", (s: any) => (h.ran("finish"), finish(s)))
    .addEdge(lg.START, "prep")
    .addEdge("prep", "ask")
    .addEdge("ask", "finish")
    .addEdge("finish", lg.END)
    .compile({ checkpointer: h.saver });
}

/** What finish saw, as a log line. */
const seen = (...keys: string[]) => (s: any) => ({ log: [keys.map((k) => `${k}=${JSON.stringify(s[k]) ?? "undefined"}`).join(" ")] });

async function paused(lg: LG, h: Harness) {
  const config = h.thread();
  await h.invoke(flow(lg, h, v1Fields(), seen()), { log: [] }, config);
  return config;
}

const resume = (lg: LG) => new lg.Command({ resume: "yes" });

export const zodScenarios: Scenario[] = [
  {
    row: "9c",
    title: "zod: remove a key holding data: the node reads undefined",
    async run(lg, h) {
      const config = await paused(lg, h);
      const { note: _note, ...rest } = v1Fields();
      return h.invoke(flow(lg, h, rest, seen("note")), resume(lg), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain("note=undefined");
    },
  },
  {
    row: "10b",
    title: "zod: add a required field: the node reads undefined, nothing validates the old checkpoint",
    async run(lg, h) {
      const config = await paused(lg, h);
      return h.invoke(flow(lg, h, { ...v1Fields(), priority: z.string() }, seen("priority")), resume(lg), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain("priority=undefined");
    },
  },
  {
    row: "10c",
    title: "zod: a plain .default() is not a channel default: old threads read undefined",
    async run(lg, h) {
      const config = await paused(lg, h);
      return h.invoke(flow(lg, h, { ...v1Fields(), priority: z.string().default("normal") }, seen("priority")), resume(lg), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain("priority=undefined");
    },
  },
  {
    row: "10d",
    title: "zod: a withLangGraph default is applied on old threads",
    async run(lg, h) {
      const config = await paused(lg, h);
      const priority = lg.withLangGraph(z.string(), { default: () => "normal" });
      return h.invoke(flow(lg, h, { ...v1Fields(), priority }, seen("priority")), resume(lg), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain('priority="normal"');
    },
  },
  {
    row: "10f",
    title: "zod: narrowed types, no node writes them: old invalid values flow into nodes",
    async run(lg, h) {
      const config = await paused(lg, h);
      return h.invoke(flow(lg, h, narrowed(), seen("note", "mode", "score")), resume(lg), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain('note=null mode="medium" score=2.5');
    },
  },
  {
    row: "10g",
    title: "zod: a node writes the old value back: validation error at node output, the thread sticks there",
    async run(lg, h) {
      const config = await paused(lg, h);
      return h.invoke(flow(lg, h, narrowed(), (s) => ({ note: s.note })), resume(lg), config);
    },
    documented(o) {
      expect(o.threw).toBe("ZodError");
      expect(o.next).toEqual(["finish"]);
    },
  },
  {
    row: "10h",
    title: "zod: a node writes only unrelated valid keys: works (only written keys are validated)",
    async run(lg, h) {
      const config = await paused(lg, h);
      return h.invoke(flow(lg, h, narrowed(), () => ({ log: ["finished"] })), resume(lg), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain("finished");
    },
  },
  {
    row: "10i",
    title: "zod: Command({ resume, update }) invalid under v2: throws before anything runs, the thread stays paused",
    async run(lg, h) {
      const config = await paused(lg, h);
      return h.invoke(flow(lg, h, narrowed(), seen()), new lg.Command({ resume: "yes", update: { mode: "medium" } }), config);
    },
    documented(o) {
      expect(o.threw).toBe("ZodError");
      expect(sorted(o.ran)).toEqual([]);
      expect(o.next).toEqual(["ask"]);
    },
  },
  {
    row: "10k",
    title: "zod: a new run on an old thread without a new required field works (partial input validation)",
    async run(lg, h) {
      const config = h.thread();
      const v1 = flow(lg, h, v1Fields(), seen());
      await h.invoke(v1, { log: [] }, config);
      await h.invoke(v1, resume(lg), config);
      const v2 = flow(lg, h, { ...v1Fields(), priority: z.string() }, seen("priority"));
      return h.invoke(v2, { log: ["turn2"] }, config);
    },
    documented(o) {
      expect(o.threw).toBeUndefined();
      expect(o.interrupts).toEqual({ ask: ["ok?"] });
    },
  },
  {
    row: "10e",
    title: "StateSchema: a field default reaches old threads",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(stateSchemaFlow(lg, h, {}, seen()), { log: [] }, config);
      return h.invoke(stateSchemaFlow(lg, h, { priority: z.string().default("normal") }, seen("priority")), resume(lg), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain('priority="normal"');
    },
  },
  {
    row: "10j",
    title: "StateSchema: narrowed field, a node writes the old null back: 'Validation failed for field'",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(stateSchemaFlow(lg, h, {}, seen()), { log: [] }, config);
      return h.invoke(stateSchemaFlow(lg, h, { note: z.string() }, (s) => ({ note: s.note })), resume(lg), config);
    },
    documented(o) {
      expect(o.threw).toBe("Error");
      expect(o.next).toEqual(["finish"]);
    },
  },
];

/** The same flow over a `StateSchema`; `fields` override or extend note (nullable) and mode. */
function stateSchemaFlow(lg: LG, h: Harness, fields: Fields, finish: (s: any) => Record<string, unknown>) {
  const State = new lg.StateSchema({
    log: new lg.ReducedValue(z.array(z.string()).default([]), { reducer: (a: string[], b: string[]) => a.concat(b) }),
    note: z.string().nullable(),
    mode: z.string(),
    ...fields,
  });
  return new lg.StateGraph(State)
    .addNode("prep", () => (h.ran("prep"), { note: null, mode: "medium" }))
    .addNode("ask", () => (h.ran("ask"), { log: [`ask:${lg.interrupt("ok?")}`] }))
    .addNode("finish", (s: any) => (h.ran("finish"), finish(s)))
    .addEdge(lg.START, "prep")
    .addEdge("prep", "ask")
    .addEdge("ask", "finish")
    .addEdge("finish", lg.END)
    .compile({ checkpointer: h.saver });
}
