/**
 * What a rule proof works with: a fixture's `before` and `after` graphs over one shared saver, fresh
 * threads, and `step`, which runs one call and reduces it to what a user (and the probe) can see.
 */
import { expect, vi } from "vitest";
import { loadGraphModule, type RuntimeName } from "./load.js";
import { probe, type Answer, type TaskCall } from "./probe.js";

/** A runtime module: `@langgraph-compat/runtime` or the real `@langchain/langgraph` (same export names). */
export type LG = any;
type Config = { configurable: { thread_id: string } };

/** One call (`invoke`, or anything else) and the thread's state right after it. */
export interface Step {
  /** The error the call threw. */
  threw?: { name: string; message: string };
  /** What the call returned. */
  result?: any;
  /** `getState().values` seen through the graph the call ran on. */
  values?: any;
  /** `getState().next`, or the name of the error `getState` threw. */
  next: string[] | { threw: string };
  /** Values of the interrupts pending in `getState().tasks`, by task name. */
  interrupts: Record<string, unknown[]>;
  /** Node functions that started during the call. */
  ran: string[];
  /** Functional-API task calls during the call (replayed or executed). */
  tasks: TaskCall[];
  /** Answers `interrupt()` returned during the call. */
  answers: Answer[];
  /** "Ignoring unknown node name" warnings printed during the call. */
  warnings: number;
}

/** One proof's world: a runtime, a saver, and fixture graphs compiled over it. */
export class ProofRun {
  readonly saver: any;
  private threads = 0;
  constructor(
    readonly lg: LG,
    readonly runtime: RuntimeName,
  ) {
    this.saver = new lg.MemorySaver();
  }

  /** The `graph` export of `<caseDir>/<side>`, its checkpointer set to this run's saver. */
  async graph(caseDir: string, side: "before" | "after"): Promise<any> {
    const graph = (await loadGraphModule(caseDir, side, this.runtime)).graph;
    graph.checkpointer = this.saver;
    return graph;
  }

  /** Both sides of a fixture case over this run's saver. */
  async pair(caseDir: string): Promise<{ before: any; after: any }> {
    return { before: await this.graph(caseDir, "before"), after: await this.graph(caseDir, "after") };
  }

  thread(): Config {
    return { configurable: { thread_id: `proof-${++this.threads}` } };
  }

  resume(value: unknown): unknown {
    return new this.lg.Command({ resume: value });
  }

  /** `graph.invoke(input, config)`, observed. */
  invoke(graph: any, input: unknown, config: Config): Promise<Step> {
    return this.observe(graph, config, () => graph.invoke(input, config));
  }

  /** Runs `call`, then reads the thread's state through `graph`. */
  async observe(graph: any, config: Config, call: () => Promise<unknown>): Promise<Step> {
    probe.reset();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const step: Step = { next: [], interrupts: {}, ran: [], tasks: [], answers: [], warnings: 0 };
    try {
      step.result = await call();
    } catch (error) {
      step.threw = { name: (error as Error).name, message: String((error as Error).message).split("\n")[0] };
    }
    step.ran = [...probe.ran];
    step.tasks = [...probe.tasks];
    step.answers = [...probe.answers];
    try {
      const state = await graph.getState(config);
      step.values = state.values;
      step.next = [...state.next];
      for (const task of state.tasks) {
        if (task.interrupts.length > 0) step.interrupts[task.name] = task.interrupts.map((i: { value: unknown }) => i.value);
      }
    } catch (error) {
      step.next = { threw: (error as Error).name };
    }
    step.warnings = warn.mock.calls.filter((c) => String(c[0]).includes("Ignoring unknown node name")).length;
    warn.mockRestore();
    return step;
  }
}

/** The outcome words of docs/semantics.md, as assertions on a step. */
export const expectStep = {
  /** Paused, with `question` pending in `node`. */
  paused(step: Step, node: string, question?: unknown): void {
    expect(step.threw).toBeUndefined();
    expect(step.result?.__interrupt__?.length).toBeGreaterThan(0);
    if (question !== undefined) expect(step.interrupts[node]).toEqual([question]);
    else expect(Object.keys(step.interrupts)).toContain(node);
  },
  /** Paused by a static breakpoint (interruptBefore/After) with `node` next. */
  breakpoint(step: Step, node: string): void {
    expect(step.threw).toBeUndefined();
    expect(step.result?.__interrupt__).toEqual([]);
    expect(step.next).toEqual([node]);
  },
  /** No error, nothing pending, no `__interrupt__`: the run is over. */
  completed(step: Step): void {
    expect(step.threw).toBeUndefined();
    expect(step.next).toEqual([]);
    expect(step.interrupts).toEqual({});
    expect(step.result?.__interrupt__).toBeUndefined();
  },
  /** Silent halt: completed without error, yet none of `expected` ran. */
  silentHalt(step: Step, expected: string[]): void {
    expectStep.completed(step);
    for (const node of expected) expect(step.ran).not.toContain(node);
  },
};

/** The standard fixture graph (prepare -> ask -> finish) paused in `ask` on `graph`. */
export async function pausedInAsk(p: ProofRun, graph: any, input: Record<string, unknown> = { question: "q" }): Promise<Config> {
  const config = p.thread();
  expectStep.paused(await p.invoke(graph, input, config), "ask", { question: input.question });
  return config;
}

/** Drive the standard graph on `before` into ask, resume it with "yes" on `after`, expect a clean finish. */
export async function cleanResume(p: ProofRun, caseDir: string, expectedLog: string[]): Promise<Step> {
  const { before, after } = await p.pair(caseDir);
  const config = await pausedInAsk(p, before);
  const step = await p.invoke(after, p.resume("yes"), config);
  expectStep.completed(step);
  expect(step.values.log).toEqual(expectedLog);
  return step;
}

/** Resumes a thread on `graph` until it ends: "yes" to every `interrupt()`, `null` past every breakpoint. */
export async function runToEnd(p: ProofRun, graph: any, config: Config, first: Step): Promise<Step> {
  let step = first;
  for (let i = 0; i < 6 && step.result?.__interrupt__ !== undefined; i++) {
    const answering = step.result.__interrupt__.length > 0;
    step = await p.invoke(graph, answering ? p.resume("yes") : null, config);
  }
  expectStep.completed(step);
  return step;
}
