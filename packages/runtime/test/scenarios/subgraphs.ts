/** Subgraph rows (13*): checkpoint namespaces, and a parent that continues past a halted child. */
import { expect } from "vitest";
import { outcome, type Harness, type LG, type Scenario, sorted } from "../harness.js";

const append = (a: unknown[], b: unknown[]) => a.concat(b);

function schema(lg: LG) {
  return lg.Annotation.Root({ log: lg.Annotation({ reducer: append, default: () => [] }), answer: lg.Annotation() });
}

/** Child: START -> <inner> (interrupt) -> inner2 -> END; `inner` undefined drops the asking node. */
function child(lg: LG, h: Harness, inner: string | undefined) {
  let g = new lg.StateGraph(schema(lg)).addNode("inner2", () => (h.ran("inner2"), { log: ["inner2"] }));
  if (inner) {
    g = g
      .addNode(inner, () => (h.ran(inner), { answer: lg.interrupt("inner?"), log: [inner] }))
      .addEdge(lg.START, inner)
      .addEdge(inner, "inner2");
  } else g = g.addEdge(lg.START, "inner2");
  return g.addEdge("inner2", lg.END).compile();
}

/** Parent: START -> <subName> (the child) -> after -> END. `asFunction` calls the child from a node. */
function parent(lg: LG, h: Harness, subName: string, sub: any, asFunction = false) {
  const action = asFunction ? async (s: unknown, config: unknown) => (h.ran(subName), sub.invoke(s, config)) : sub;
  return new lg.StateGraph(schema(lg))
    .addNode(subName, action)
    .addNode("after", (s: any) => (h.ran("after"), { log: [`after:${String(s.answer)}`] }))
    .addEdge(lg.START, subName)
    .addEdge(subName, "after")
    .addEdge("after", lg.END)
    .compile({ checkpointer: h.saver });
}

async function pausedInChild(lg: LG, h: Harness, asFunction = false) {
  const config = h.thread();
  await h.invoke(parent(lg, h, "sub", child(lg, h, "inner"), asFunction), { log: [] }, config);
  return config;
}

export const subgraphScenarios: Scenario[] = [
  {
    row: "13ctl",
    title: "unchanged: the child resumes inside its namespace, then the parent continues",
    async run(lg, h) {
      const config = await pausedInChild(lg, h);
      return h.invoke(parent(lg, h, "sub", child(lg, h, "inner")), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["after", "inner", "inner2"]);
      expect(o.values.log).toContain("after:yes");
    },
  },
  {
    row: "13a",
    title: "parent renames the subgraph node sub -> sub2 while paused inside: silent halt",
    async run(lg, h) {
      const config = await pausedInChild(lg, h);
      return h.invoke(parent(lg, h, "sub2", child(lg, h, "inner")), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.silentHalt(o);
      expect(sorted(o.ran)).toEqual([]);
    },
  },
  {
    row: "13b",
    title: "subgraph renames its paused inner node: the child halts, the parent continues",
    async run(lg, h) {
      const config = await pausedInChild(lg, h);
      return h.invoke(parent(lg, h, "sub", child(lg, h, "innerRenamed")), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["after"]);
      expect(o.values.log).toContain("after:undefined");
    },
  },
  {
    row: "13c",
    title: "subgraph removes its paused inner node: the child halts, the parent continues",
    async run(lg, h) {
      const config = await pausedInChild(lg, h);
      return h.invoke(parent(lg, h, "sub", child(lg, h, undefined)), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["after"]);
    },
  },
  {
    row: "13d",
    title: "subgraph invoked from inside a function node; inner rename: silent skip",
    async run(lg, h) {
      const config = await pausedInChild(lg, h, true);
      return h.invoke(parent(lg, h, "sub", child(lg, h, "innerRenamed"), true), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["after", "sub"]);
      expect(o.values.log).toContain("after:undefined");
    },
  },
  {
    row: "x-subgraph-private-key",
    title: "a child with a private state key: the parent never sees it, the child keeps it across the pause",
    async run(lg, h) {
      const Child = lg.Annotation.Root({ log: lg.Annotation({ reducer: append, default: () => [] }), answer: lg.Annotation(), scratch: lg.Annotation() });
      const childGraph = new lg.StateGraph(Child)
        .addNode("note", () => (h.ran("note"), { scratch: "private" }))
        .addNode("inner", (s: any) => (h.ran("inner"), { answer: `${lg.interrupt("inner?")}+${s.scratch}`, log: ["inner"] }))
        .addEdge(lg.START, "note")
        .addEdge("note", "inner")
        .addEdge("inner", lg.END)
        .compile();
      const config = h.thread();
      await h.invoke(parent(lg, h, "sub", childGraph), { log: [] }, config);
      return h.invoke(parent(lg, h, "sub", childGraph), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.answer).toBe("yes+private");
      expect(o.values.scratch).toBeUndefined();
    },
  },
];
