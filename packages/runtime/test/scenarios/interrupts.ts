/** Rows about nodes paused in `interrupt()`: removal, rename, and changed interrupt calls (1*, 2*, 18*). */
import { expect } from "vitest";
import { node, outcome, type Harness, type LG, type Scenario, sorted } from "../harness.js";

const append = (a: string[], b: string[]) => a.concat(b);

function state(lg: LG) {
  return lg.Annotation.Root({
    log: lg.Annotation({ reducer: append, default: () => [] }),
    answer: lg.Annotation(),
    name: lg.Annotation(),
    email: lg.Annotation(),
    age: lg.Annotation(),
  });
}

/** A node that asks `question` through interrupt() and records the answer. */
function asker(lg: LG, h: Harness, name: string, withInterrupt = true) {
  return () => {
    h.ran(name);
    const answer = withInterrupt ? lg.interrupt("approve?") : "no-question";
    return { answer, log: [name] };
  };
}

/** START -> prep -> <askName> -> done -> END, compiled over the harness saver. */
function linear(lg: LG, h: Harness, askName: string | undefined, opts: { withInterrupt?: boolean; extra?: (g: any) => any } = {}) {
  let g = new lg.StateGraph(state(lg)).addNode("prep", node(h, "prep", { log: ["prep"] }));
  if (askName) g = g.addNode(askName, asker(lg, h, askName, opts.withInterrupt ?? true));
  g = g.addNode("done", node(h, "done", { log: ["done"] })).addEdge(lg.START, "prep");
  if (askName) g = g.addEdge("prep", askName).addEdge(askName, "done");
  else g = g.addEdge("prep", "done");
  g = g.addEdge("done", lg.END);
  if (opts.extra) g = opts.extra(g);
  return g.compile({ checkpointer: h.saver });
}

/** Thread paused in `ask`'s interrupt() under v1. */
async function pausedInAsk(lg: LG, h: Harness) {
  const v1 = linear(lg, h, "ask");
  const config = h.thread();
  await h.invoke(v1, { log: [] }, config);
  return { v1, config };
}

/** A node asking for name then email (v1), or the `questions` given (v2 variants of row 18). */
function form(lg: LG, h: Harness, questions: ("Age?" | "Name?" | "Email?")[]) {
  const key = { "Age?": "age", "Name?": "name", "Email?": "email" } as const;
  const ask = () => {
    h.ran("form");
    const update: Record<string, unknown> = {};
    for (const q of questions) update[key[q]] = lg.interrupt(q);
    return update;
  };
  return new lg.StateGraph(state(lg)).addNode("form", ask).addEdge(lg.START, "form").addEdge("form", lg.END).compile({ checkpointer: h.saver });
}

/** Row 18: thread paused on the second question after answering "Alice". */
async function formPausedOnEmail(lg: LG, h: Harness) {
  const v1 = form(lg, h, ["Name?", "Email?"]);
  const config = h.thread();
  await h.invoke(v1, { log: [] }, config);
  await h.invoke(v1, new lg.Command({ resume: "Alice" }), config);
  return config;
}

export const interruptScenarios: Scenario[] = [
  {
    row: "1a",
    title: "remove node paused in interrupt(); resume with Command",
    async run(lg, h) {
      const { config } = await pausedInAsk(lg, h);
      return h.invoke(linear(lg, h, undefined), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.silentHalt(o);
      expect(sorted(o.ran)).toEqual([]);
    },
  },
  {
    row: "1b",
    title: "remove node paused in interrupt(); resume with invoke(null)",
    async run(lg, h) {
      const { config } = await pausedInAsk(lg, h);
      return h.invoke(linear(lg, h, undefined), null, config);
    },
    documented(o) {
      outcome.silentHalt(o);
      expect(sorted(o.ran)).toEqual([]);
    },
  },
  {
    row: "1c",
    title: "after 1a, a new run on the thread works; the stale resume value is not consumed",
    async run(lg, h) {
      const { config } = await pausedInAsk(lg, h);
      const v2 = linear(lg, h, "approval");
      await h.invoke(v2, new lg.Command({ resume: "yes" }), config);
      return h.invoke(v2, { log: ["new"] }, config);
    },
    documented(o) {
      expect(sorted(o.ran)).toEqual(["approval", "prep"]);
      expect(o.interrupts).toEqual({ approval: ["approve?"] });
    },
  },
  {
    row: "1e",
    title: "1a resumed with the internal configurable.__pregel_strict_resume=true: still a silent halt",
    async run(lg, h) {
      const { config } = await pausedInAsk(lg, h);
      const strictResume = { configurable: { ...config.configurable, __pregel_strict_resume: true } };
      return h.observe(linear(lg, h, undefined), config, () => linear(lg, h, undefined).invoke(new lg.Command({ resume: "yes" }), strictResume));
    },
    documented(o) {
      outcome.silentHalt(o);
    },
  },
  {
    row: "1f",
    title: "keep paused node, delete its interrupt() call: it re-runs and finishes, resume ignored",
    async run(lg, h) {
      const { config } = await pausedInAsk(lg, h);
      return h.invoke(linear(lg, h, "ask", { withInterrupt: false }), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["ask", "done"]);
      expect(o.values.answer).toBe("no-question");
    },
  },
  {
    row: "1g",
    title: "after 1a, roll back to v1 and invoke(null): ask gets the value sent to v2",
    async run(lg, h) {
      const { v1, config } = await pausedInAsk(lg, h);
      await h.invoke(linear(lg, h, undefined), new lg.Command({ resume: "yes" }), config);
      return h.invoke(v1, null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.answer).toBe("yes");
    },
  },
  {
    row: "2a",
    title: "rename paused node ask -> approval; resume with Command",
    async run(lg, h) {
      const { config } = await pausedInAsk(lg, h);
      return h.invoke(linear(lg, h, "approval"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.silentHalt(o);
    },
  },
  {
    row: "2b",
    title: "rename paused node ask -> approval; resume with invoke(null)",
    async run(lg, h) {
      const { config } = await pausedInAsk(lg, h);
      return h.invoke(linear(lg, h, "approval"), null, config);
    },
    documented(o) {
      outcome.silentHalt(o);
    },
  },
  {
    row: "2c",
    title: "rename, keeping the old node registered and reachable: old node resumes, new flow continues",
    async run(lg, h) {
      const { config } = await pausedInAsk(lg, h);
      const v2 = new lg.StateGraph(state(lg))
        .addNode("prep", node(h, "prep", { log: ["prep"] }))
        .addNode("ask", asker(lg, h, "ask"))
        .addNode("approval", asker(lg, h, "approval"))
        .addNode("done", node(h, "done", { log: ["done"] }))
        .addEdge(lg.START, "prep")
        .addConditionalEdges("prep", () => "approval", ["approval", "ask"])
        .addEdge("ask", "done")
        .addEdge("approval", "done")
        .addEdge("done", lg.END)
        .compile({ checkpointer: h.saver });
      return h.invoke(v2, new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["ask", "done"]);
      expect(o.values.answer).toBe("yes");
    },
  },
  {
    row: "18ctl",
    title: "two interrupt()s, unchanged: answers land on their questions",
    async run(lg, h) {
      const config = await formPausedOnEmail(lg, h);
      return h.invoke(form(lg, h, ["Name?", "Email?"]), new lg.Command({ resume: "alice@example.com" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values).toMatchObject({ name: "Alice", email: "alice@example.com" });
    },
  },
  {
    row: "18a",
    title: "insert a new interrupt() first: answers shift by one question",
    async run(lg, h) {
      const config = await formPausedOnEmail(lg, h);
      return h.invoke(form(lg, h, ["Age?", "Name?", "Email?"]), new lg.Command({ resume: "alice@example.com" }), config);
    },
    documented(o) {
      expect(o.interrupts).toEqual({ form: ["Email?"] });
      expect(o.result.__interrupt__).toEqual([{ value: "Email?" }]);
    },
  },
  {
    row: "18b",
    title: "swap the two questions: answers swapped",
    async run(lg, h) {
      const config = await formPausedOnEmail(lg, h);
      return h.invoke(form(lg, h, ["Email?", "Name?"]), new lg.Command({ resume: "alice@example.com" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values).toMatchObject({ email: "Alice", name: "alice@example.com" });
    },
  },
  {
    row: "18c",
    title: "remove the answered question: its answer goes to the next one",
    async run(lg, h) {
      const config = await formPausedOnEmail(lg, h);
      return h.invoke(form(lg, h, ["Email?"]), new lg.Command({ resume: "alice@example.com" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values).toMatchObject({ email: "Alice" });
      expect(o.values.name).toBeUndefined();
    },
  },
];
