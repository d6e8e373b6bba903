/** Functional-API rows (12*): tasks cached by name and call index, interrupts matched by position (M9). */
import { expect } from "vitest";
import { node, outcome, type Harness, type LG, type Observation, type Scenario, sorted } from "../harness.js";

type Step = { task: string; arg: string; as: string } | { ask: string; as: string };

/** An entrypoint running `steps` in order: task calls (logged as name:arg) and interrupt()s. */
function workflow(lg: LG, h: Harness, steps: Step[], name = "wf", outside?: () => Step[]) {
  const tasks = new Map<string, (arg: string) => Promise<string>>();
  const taskFor = (taskName: string) => {
    if (!tasks.has(taskName)) {
      tasks.set(
        taskName,
        lg.task(taskName, async (arg: string) => {
          h.ran(`${taskName}:${arg}`);
          return `${taskName}:${arg}`;
        }),
      );
    }
    return tasks.get(taskName)!;
  };
  return lg.entrypoint({ name, checkpointer: h.saver }, async (_input: unknown) => {
    h.ran(name);
    const out: Record<string, unknown> = {};
    for (const s of outside ? outside() : steps) {
      if ("task" in s) out[s.as] = await taskFor(s.task)(s.arg);
      else out[s.as] = lg.interrupt(s.ask);
    }
    return out;
  });
}

const A = { task: "A", arg: "x", as: "a" } as const;
const B = { task: "B", arg: "y", as: "b" } as const;
const C = { task: "C", arg: "z", as: "c" } as const;
const OK = { ask: "ok?", as: "answer" } as const;

/** Runs v1 to its interrupt, then resumes v2 with "yes". */
async function change(lg: LG, h: Harness, v1: Step[], v2: Step[], opts: { v2Name?: string } = {}) {
  const config = h.thread();
  await h.invoke(workflow(lg, h, v1), { go: true }, config);
  return h.invoke(workflow(lg, h, v2, opts.v2Name), new lg.Command({ resume: "yes" }), config);
}

export const functionalScenarios: Scenario[] = [
  {
    row: "12ctl",
    title: "unchanged: every task comes from the cache",
    run: (lg, h) => change(lg, h, [A, B, OK], [A, B, OK]),
    documented(o) {
      expect(sorted(o.ran)).toEqual(["wf"]);
      expect(o.result).toEqual({ a: "A:x", b: "B:y", answer: "yes" });
    },
  },
  {
    row: "12a",
    title: "reorder distinct tasks A,B -> B,A: both re-executed, no wrong values",
    run: (lg, h) => change(lg, h, [A, B, OK], [B, A, OK]),
    documented(o) {
      expect(sorted(o.ran)).toEqual(["A:x", "B:y", "wf"]);
      expect(o.result).toEqual({ a: "A:x", b: "B:y", answer: "yes" });
    },
  },
  {
    row: "12b",
    title: "insert a new task before A: C, A, B re-executed",
    run: (lg, h) => change(lg, h, [A, B, OK], [C, A, B, OK]),
    documented(o) {
      expect(sorted(o.ran)).toEqual(["A:x", "B:y", "C:z", "wf"]);
    },
  },
  {
    row: "12c",
    title: "insert a new task after B: only C runs",
    run: (lg, h) => change(lg, h, [A, B, OK], [A, B, C, OK]),
    documented(o) {
      expect(sorted(o.ran)).toEqual(["C:z", "wf"]);
    },
  },
  {
    row: "12d",
    title: "remove task A: B re-executed",
    run: (lg, h) => change(lg, h, [A, B, OK], [B, OK]),
    documented(o) {
      expect(sorted(o.ran)).toEqual(["B:y", "wf"]);
    },
  },
  {
    row: "12e",
    title: "add a second interrupt() before the original: the answer goes to the new one",
    run: (lg, h) => change(lg, h, [A, OK], [A, { ask: "new?", as: "extra" }, OK]),
    documented(o) {
      expect(o.interrupts).toEqual({ wf: ["ok?"] });
      expect(o.result).toEqual({ __interrupt__: [{ value: "ok?" }] });
    },
  },
  {
    row: "12f",
    title: "rename task A -> A2: A2 re-executed",
    run: (lg, h) => change(lg, h, [A, B, OK], [{ task: "A2", arg: "x", as: "a" }, B, OK]),
    documented(o) {
      expect(sorted(o.ran)).toEqual(["A2:x", "wf"]);
    },
  },
  {
    row: "12g",
    title: "same task name, arguments reordered f(1),f(2) -> f(2),f(1): results swapped",
    run: (lg, h) =>
      change(
        lg,
        h,
        [{ task: "f", arg: "1", as: "p" }, { task: "f", arg: "2", as: "q" }, OK],
        [{ task: "f", arg: "2", as: "p" }, { task: "f", arg: "1", as: "q" }, OK],
      ),
    documented(o) {
      expect(sorted(o.ran)).toEqual(["wf"]);
      expect(o.result).toMatchObject({ p: "f:1", q: "f:2" });
    },
  },
  {
    row: "12h",
    title: "same task and position, changed argument: the cached result is returned",
    run: (lg, h) => change(lg, h, [A, OK], [{ task: "A", arg: "CHANGED", as: "a" }, OK]),
    documented(o) {
      expect(sorted(o.ran)).toEqual(["wf"]);
      expect(o.result).toMatchObject({ a: "A:x" });
    },
  },
  {
    row: "12i",
    title: "a condition outside any task flips between run and resume: another branch runs on replay",
    async run(lg, h) {
      let fast = true;
      const steps = () => [fast ? { task: "fast", arg: "1", as: "r" } : { task: "slow", arg: "1", as: "r" }, OK];
      const config = h.thread();
      await h.invoke(workflow(lg, h, [], "wf", steps), { go: true }, config);
      fast = false;
      return h.invoke(workflow(lg, h, [], "wf", steps), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      expect(sorted(o.ran)).toEqual(["slow:1", "wf"]);
      expect(o.result).toMatchObject({ r: "slow:1", answer: "yes" });
    },
  },
  {
    row: "12j",
    title: "rename the entrypoint: all tasks re-executed, the resume reaches the interrupt",
    run: (lg, h) => change(lg, h, [A, B, OK], [A, B, OK], { v2Name: "wf2" }),
    documented(o) {
      expect(sorted(o.ran)).toEqual(["A:x", "B:y", "wf2"]);
      expect(o.result).toMatchObject({ answer: "yes" });
    },
  },
  {
    row: "12k",
    title: "remove the interrupt() call: completes, the resume value ignored",
    run: (lg, h) => change(lg, h, [A, OK], [A]),
    documented(o) {
      outcome.completed(o);
      expect(o.result).toEqual({ a: "A:x" });
    },
  },
  {
    row: "12l",
    title: "rename a task that contains interrupt(); resume by value: works",
    async run(lg, h) {
      const build = (taskName: string) => {
        const approve = lg.task(taskName, async () => {
          h.ran(taskName);
          return lg.interrupt("approve?");
        });
        return lg.entrypoint({ name: "wf", checkpointer: h.saver }, async () => {
          h.ran("wf");
          return { answer: await approve() };
        });
      };
      const config = h.thread();
      await h.invoke(build("approve"), { go: true }, config);
      return h.invoke(build("approve2"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      expect(o.result).toEqual({ answer: "yes" });
    },
  },
  {
    row: "12m",
    title: "same, resume by interrupt-id map: not delivered, the interrupt fires again",
    async run(lg, h) {
      const build = (taskName: string) => {
        const approve = lg.task(taskName, async () => {
          h.ran(taskName);
          return lg.interrupt("approve?");
        });
        return lg.entrypoint({ name: "wf", checkpointer: h.saver }, async () => {
          h.ran("wf");
          return { answer: await approve() };
        });
      };
      const config = h.thread();
      const first = await build("approve").invoke({ go: true }, config);
      const id = first.__interrupt__[0].id;
      return h.invoke(build("approve2"), new lg.Command({ resume: { [id]: "yes" } }), config);
    },
    documented(o) {
      expect(o.result).toEqual({ __interrupt__: [{ value: "approve?" }] });
    },
  },
  {
    row: "12n",
    title: "insert a task that calls interrupt() after B, before the paused interrupt; resume by value: the answer also answers the new question",
    async run(lg, h) {
      const build = (withCheck: boolean) => {
        const fetchA = lg.task("A", async (x: string) => {
          h.ran("A");
          return `A:${x}`;
        });
        const check = lg.task("check", async (x: string) => {
          h.ran("check");
          return lg.interrupt(`check ${x}?`);
        });
        return lg.entrypoint({ name: "wf", checkpointer: h.saver }, async (input: string) => {
          h.ran("wf");
          const a = await fetchA(input);
          const checked = withCheck ? await check(a) : undefined;
          return { a, checked, answer: lg.interrupt("ok?") };
        });
      };
      const config = h.thread();
      await h.invoke(build(false), "x", config);
      return h.invoke(build(true), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.ran).toEqual(["wf", "check"]);
      expect(o.result).toEqual({ a: "A:x", checked: "yes", answer: "yes" });
    },
  },
  {
    row: "12r",
    title: "paused inside task T's interrupt(); v2 adds an interrupt() to the entrypoint before T's call: the new question takes the answer",
    async run(lg, h) {
      const build = (ask: boolean) => {
        const approve = lg.task("T", async (x: string) => {
          h.ran("T");
          return lg.interrupt(`T ${x}?`);
        });
        return lg.entrypoint({ name: "wf", checkpointer: h.saver }, async (input: string) => {
          h.ran("wf");
          const first = ask ? lg.interrupt("new?") : undefined;
          return { first, t: await approve(input) };
        });
      };
      const config = h.thread();
      await h.invoke(build(false), "x", config);
      const v2 = build(true);
      return [await h.invoke(v2, new lg.Command({ resume: "yes" }), config), await h.invoke(v2, new lg.Command({ resume: "again" }), config)];
    },
    documented([first, second]: Observation[]) {
      // The answer meant for "T x?" went to "new?", which no one was asked; T asks again.
      expect(first.ran).toEqual(["wf", "T"]);
      expect(first.result).toEqual({ __interrupt__: [{ value: "T x?" }] });
      expect(second.result).toEqual({ first: "yes", t: "again" });
    },
  },
  ...kindChangeScenarios(),
  {
    row: "x-entrypoint-final",
    title: "entrypoint.final saves a value that getPreviousState() returns on the next run",
    async run(lg, h) {
      const wf = lg.entrypoint({ name: "counter", checkpointer: h.saver }, async (n: number) => {
        h.ran("counter");
        const previous = (lg.getPreviousState() as number | undefined) ?? 0;
        return lg.entrypoint.final({ value: `previous=${previous}`, save: previous + n });
      });
      const config = h.thread();
      await h.invoke(wf, 2, config);
      return h.invoke(wf, 5, config);
    },
    documented(o) {
      expect(o.result).toBe("previous=2");
    },
  },
];

/**
 * Rows 12o-12q: the graph id keeps its threads but its entrypoint becomes a StateGraph. The entrypoint's
 * run never consumed its `__start__` input, so v2's `__start__` task takes it and starts over (M2).
 */
function kindChangeScenarios(): Scenario[] {
  const entry = (lg: LG, h: Harness) => {
    const fetchA = lg.task("fetchA", async (x: string) => {
      h.ran("fetchA");
      return `a:${x}`;
    });
    return lg.entrypoint({ name: "wf", checkpointer: h.saver }, async (input: unknown) => {
      const previous = (lg.getPreviousState() as { turns: number } | undefined) ?? { turns: 0 };
      h.ran(`wf after ${previous.turns} turns`);
      const a = await fetchA(JSON.stringify(input));
      const ok = lg.interrupt({ question: a });
      return lg.entrypoint.final({ value: { a, ok }, save: { turns: previous.turns + 1 } });
    });
  };
  const graph = (lg: LG, h: Harness) => {
    const State = lg.Annotation.Root({ question: lg.Annotation(), answer: lg.Annotation(), turns: lg.Annotation() });
    return new lg.StateGraph(State)
      .addNode("prepare", node(h, "prepare"))
      .addNode("ask", (s: { question?: string }) => {
        h.ran("ask");
        return { answer: lg.interrupt({ question: s.question ?? null }) };
      })
      .addEdge(lg.START, "prepare")
      .addEdge("prepare", "ask")
      .addEdge("ask", lg.END)
      .compile({ checkpointer: h.saver });
  };
  return [
    {
      row: "12o",
      title: "entrypoint paused at its interrupt (object input), v2 is a StateGraph: the run starts over from START with the old input",
      async run(lg, h) {
        const config = h.thread();
        await h.invoke(entry(lg, h), { question: "q1" }, config);
        return h.invoke(graph(lg, h), new lg.Command({ resume: "yes" }), config);
      },
      documented(o) {
        expect(o.threw).toBeUndefined();
        expect(o.ran).toEqual(["prepare", "ask"]);
        expect(o.interrupts).toEqual({ ask: [{ question: "q1" }] });
        expect(o.values).toEqual({ question: "q1" });
      },
    },
    {
      row: "12p",
      title: "same, the entrypoint's input is not an object: every resume throws InvalidUpdateError",
      async run(lg, h) {
        const config = h.thread();
        await h.invoke(entry(lg, h), "q1", config);
        const v2 = graph(lg, h);
        return [await h.invoke(v2, new lg.Command({ resume: "yes" }), config), await h.invoke(v2, null, config)];
      },
      documented(attempts: Observation[]) {
        for (const o of attempts) {
          expect(o.threw).toBe("InvalidUpdateError");
          expect(o.ran).toEqual([]);
          expect(o.next).toEqual(["__start__"]);
        }
      },
    },
    {
      row: "12q",
      title: "entrypoint thread finished with entrypoint.final, v2 is a StateGraph: the next turn starts from empty state",
      async run(lg, h) {
        const config = h.thread();
        const v1 = entry(lg, h);
        await h.invoke(v1, { question: "q1" }, config);
        await h.invoke(v1, new lg.Command({ resume: "yes" }), config);
        const v2 = graph(lg, h);
        const turn = await h.invoke(v2, { question: "q2" }, config);
        await h.invoke(v2, new lg.Command({ resume: "fine" }), config);
        // Rolled back to the entrypoint: the saved `previous` did not survive the StateGraph's checkpoints.
        const back = await h.invoke(entry(lg, h), { question: "q3" }, config);
        return [turn, back];
      },
      documented([turn, back]: Observation[]) {
        expect(turn.threw).toBeUndefined();
        expect(turn.ran).toEqual(["prepare", "ask"]);
        expect(turn.values).toEqual({ question: "q2" });
        expect(back.ran).toEqual(["wf after 0 turns", "fetchA"]);
      },
    },
  ];
}
