/** Rows about static breakpoints (14*, 17e, 4c) and `updateState` (16*, 4g). M8 and M11. */
import { expect } from "vitest";
import { outcome, type Harness, type LG, type Scenario, sorted } from "../harness.js";

const append = (a: unknown[], b: unknown[]) => a.concat(b);

interface Shape {
  /** Node names in order; edges chain them from START to END. */
  chain: string[];
  interruptBefore?: string[] | "*";
  interruptAfter?: string[] | "*";
  /** Extra state key written by the first node. */
  scratch?: boolean;
  /** Node whose body asks through interrupt(). */
  asks?: string;
}

function build(lg: LG, h: Harness, shape: Shape) {
  const spec: Record<string, unknown> = { log: lg.Annotation({ reducer: append, default: () => [] }), answer: lg.Annotation() };
  if (shape.scratch) spec.scratch = lg.Annotation();
  let g = new lg.StateGraph(lg.Annotation.Root(spec));
  shape.chain.forEach((name, i) => {
    g = g.addNode(name, () => {
      h.ran(name);
      const update: Record<string, unknown> = { log: [name] };
      if (shape.asks === name) update.answer = lg.interrupt("ok?");
      if (shape.scratch && i === 0) update.scratch = "s";
      return update;
    });
  });
  g = g.addEdge(lg.START, shape.chain[0]);
  for (let i = 1; i < shape.chain.length; i++) g = g.addEdge(shape.chain[i - 1], shape.chain[i]);
  g = g.addEdge(shape.chain[shape.chain.length - 1], lg.END);
  return g.compile({ checkpointer: h.saver, interruptBefore: shape.interruptBefore, interruptAfter: shape.interruptAfter });
}

/** Thread paused before X under prep -> X -> Y with interruptBefore X (and v1's extra options). */
async function pausedBeforeX(lg: LG, h: Harness, v1: Partial<Shape> = {}) {
  const config = h.thread();
  await h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], interruptBefore: ["X"], ...v1 }), { log: [] }, config);
  return config;
}

/** Three resumes of the same thread. */
async function threeResumes(h: Harness, g: any, config: any, resume: () => unknown = () => null) {
  const attempts = [];
  for (let i = 0; i < 3; i++) attempts.push(await h.invoke(g, resume(), config));
  return attempts;
}

export const breakpointScenarios: Scenario[] = [
  {
    row: "14a",
    title: "breakpoint list dropped while paused: works",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h);
      return h.invoke(build(lg, h, { chain: ["prep", "X", "Y"] }), null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["X", "Y"]);
    },
  },
  {
    row: "14b",
    title: "breakpoint list kept while paused: works, no re-pause",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h);
      return h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], interruptBefore: ["X"] }), null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["X", "Y"]);
    },
  },
  {
    row: "14c",
    title: "switch to interruptAfter X: pauses after X",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h);
      return h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], interruptAfter: ["X"] }), null, config);
    },
    documented(o) {
      expect(sorted(o.ran)).toEqual(["X"]);
      expect(o.next).toEqual(["Y"]);
    },
  },
  {
    row: "14d",
    title: "add a downstream interruptBefore Y: pauses at Y",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h);
      return h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], interruptBefore: ["X", "Y"] }), null, config);
    },
    documented(o) {
      expect(sorted(o.ran)).toEqual(["X"]);
      expect(o.next).toEqual(["Y"]);
    },
  },
  {
    row: "14e",
    title: "paused in interrupt(); v2 adds interruptBefore on that node: no double pause",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], asks: "X" }), { log: [] }, config);
      return h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], asks: "X", interruptBefore: ["X"] }), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["X", "Y"]);
    },
  },
  {
    row: "14f",
    title: "switch to interruptBefore '*': X runs, pauses before Y",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h);
      return h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], interruptBefore: "*" }), null, config);
    },
    documented(o) {
      expect(sorted(o.ran)).toEqual(["X"]);
      expect(o.next).toEqual(["Y"]);
    },
  },
  {
    row: "14g",
    title: "paused by interruptAfter prep, list kept (our reading of 14g): works, no re-pause",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], interruptAfter: ["prep"] }), { log: [] }, config);
      return h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], interruptAfter: ["prep"] }), null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["X", "Y"]);
    },
  },
  {
    row: "14i",
    title: "paused before X; v2 switches to interruptAfter '*' (our reading of 14i): X runs, pauses after it",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h);
      return h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], interruptAfter: "*" }), null, config);
    },
    documented(o) {
      expect(sorted(o.ran)).toEqual(["X"]);
      expect(o.next).toEqual(["Y"]);
    },
  },
  {
    row: "14h",
    title: "v2 interruptBefore names a missing node: compile throws",
    async run(lg, h) {
      return h.observe(undefined, undefined, async () => build(lg, h, { chain: ["prep", "X"], interruptBefore: ["Gone"] }));
    },
    documented(o) {
      expect(o.threw).toBe("Error");
    },
  },
  {
    row: "14j",
    title: "paused before X; v2 renames the already-run prep -> prepare and keeps the breakpoint: stuck",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h);
      const attempts = await threeResumes(h, build(lg, h, { chain: ["prepare", "X", "Y"], interruptBefore: ["X"] }), config);
      return attempts;
    },
    documented: (attempts) => outcome.stuck(attempts, "X"),
  },
  {
    row: "14k",
    title: "paused before X; v2 removes a state key written by prep: stuck",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h, { scratch: true });
      return threeResumes(h, build(lg, h, { chain: ["prep", "X", "Y"], interruptBefore: ["X"] }), config);
    },
    documented: (attempts) => outcome.stuck(attempts, "X"),
  },
  {
    row: "14l",
    title: "14j but v2 drops the breakpoint: works",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h);
      return h.invoke(build(lg, h, { chain: ["prepare", "X", "Y"] }), null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["X", "Y"]);
    },
  },
  {
    row: "14m",
    title: "14j resumed with Command({resume}): stuck",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h);
      return threeResumes(h, build(lg, h, { chain: ["prepare", "X", "Y"], interruptBefore: ["X"] }), config, () => new lg.Command({ resume: "go" }));
    },
    documented: (attempts) => outcome.stuck(attempts, "X"),
  },
  {
    row: "14n",
    title: "thread finished under v1; v2 renames the last node Y -> Z; a new turn hits interruptBefore X: stuck",
    async run(lg, h) {
      const config = await pausedBeforeX(lg, h);
      await h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], interruptBefore: ["X"] }), null, config);
      const v2 = build(lg, h, { chain: ["prep", "X", "Z"], interruptBefore: ["X"] });
      await h.invoke(v2, { log: ["turn2"] }, config);
      return threeResumes(h, v2, config);
    },
    documented: (attempts) => outcome.stuck(attempts, "X"),
  },
  {
    row: "14o",
    title: "v2 removes (not renames) a node that ran since the last resume: stuck",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(build(lg, h, { chain: ["pre", "prep", "X", "Y"], interruptBefore: ["X"] }), { log: [] }, config);
      return threeResumes(h, build(lg, h, { chain: ["pre", "X", "Y"], interruptBefore: ["X"] }), config);
    },
    documented: (attempts) => outcome.stuck(attempts, "X"),
  },
  {
    row: "17e",
    title: "thread finished; rename a node and add interruptBefore: stuck at the new breakpoint",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(build(lg, h, { chain: ["prep", "X", "Y"] }), { log: [] }, config);
      const v2 = build(lg, h, { chain: ["prepare", "X", "Y"], interruptBefore: ["X"] });
      await h.invoke(v2, { log: ["turn2"] }, config);
      return threeResumes(h, v2, config);
    },
    documented: (attempts) => outcome.stuck(attempts, "X"),
  },
  {
    row: "4c",
    title: "remove a node that already ran (no breakpoint): resume works",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(build(lg, h, { chain: ["prep", "X", "Y"], asks: "X" }), { log: [] }, config);
      return h.invoke(build(lg, h, { chain: ["X", "Y"], asks: "X" }), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["X", "Y"]);
    },
  },
  {
    row: "16a",
    title: "paused after prep; v2 renames prep; updateState(values) throws Node \"prep\" does not exist",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(build(lg, h, { chain: ["prep", "X"], interruptAfter: ["prep"] }), { log: [] }, config);
      const v2 = build(lg, h, { chain: ["prepare", "X"], interruptAfter: ["prepare"] });
      return h.observe(v2, config, () => v2.updateState(config, { answer: "edited" }));
    },
    documented(o) {
      expect(o.threw).toBe("InvalidUpdateError");
    },
  },
  {
    row: "16b",
    title: "same with asNode: 'prep': throws",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(build(lg, h, { chain: ["prep", "X"], interruptAfter: ["prep"] }), { log: [] }, config);
      const v2 = build(lg, h, { chain: ["prepare", "X"], interruptAfter: ["prepare"] });
      return h.observe(v2, config, () => v2.updateState(config, { answer: "edited" }, "prep"));
    },
    documented(o) {
      expect(o.threw).toBe("InvalidUpdateError");
    },
  },
  {
    row: "16ctl",
    title: "unchanged graph: updateState as the last writer, then resume",
    async run(lg, h) {
      const config = h.thread();
      const v1 = build(lg, h, { chain: ["prep", "X"], interruptAfter: ["prep"] });
      await h.invoke(v1, { log: [] }, config);
      await h.observe(v1, config, () => v1.updateState(config, { answer: "edited" }).then(() => undefined));
      return h.invoke(v1, null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.answer).toBe("edited");
    },
  },
  {
    row: "4g",
    title: "thread finished; v2 removes the last node; updateState without asNode throws",
    async run(lg, h) {
      const config = h.thread();
      await h.invoke(build(lg, h, { chain: ["prep", "X"] }), { log: [] }, config);
      const v2 = build(lg, h, { chain: ["prep"] });
      return h.observe(v2, config, () => v2.updateState(config, { answer: "edited" }));
    },
    documented(o) {
      expect(o.threw).toBe("InvalidUpdateError");
    },
  },
];
