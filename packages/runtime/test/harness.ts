/**
 * The differential harness: one scenario, written once against an abstract `lg` module, runs on the
 * real @langchain/langgraph and on ours; `observe` reduces a resume to what a user can see.
 */
import { expect, vi } from "vitest";

/** The module under test: `@langchain/langgraph` or `@langgraph-compat/runtime` (same export names). */
export type LG = any;

/** What a resume looks like from outside. */
export interface Observation {
  /** `name` of the error `invoke` threw, if any. */
  threw?: string;
  /** Nodes (and tasks) that ran during this call, in the order they started. */
  ran: string[];
  /** What `invoke` returned (interrupt ids removed). */
  result?: unknown;
  /** `getState().next` after the call; or the error name if getState threw. */
  next: string[] | { threw: string };
  /** `getState().values` after the call. */
  values?: unknown;
  /** Pending interrupts in `getState().tasks`, by task name (ids removed). */
  interrupts: Record<string, unknown[]>;
  /** How many "Ignoring unknown node name" warnings were printed. */
  warnings: number;
  /** First line of the error message (zod errors are compared by `issues` instead). */
  message?: string;
  /** For a zod validation error: its issues, as `code@path`. */
  issues?: string[];
}

/**
 * The error's class name. LangGraph validates with zod's core `parse` (which throws `$ZodError`); our
 * runtime, which does not depend on zod, calls the schema's own `parse` (which throws the classic
 * `ZodError`). Both are zod's validation error for the same issues (compared separately), so the two
 * names are reported as one.
 */
function errorName(error: unknown): string {
  const name = (error as Error)?.name;
  return name === "$ZodError" ? "ZodError" : name;
}

/** Per-run helpers handed to a scenario. */
export class Harness {
  readonly saver: any;
  /** Every observation made in this run, in order; the differential test compares all of them. */
  readonly observations: Observation[] = [];
  private log: string[] = [];
  private counter = 0;
  /** `saver` defaults to the module's own `MemorySaver`. */
  constructor(
    readonly lg: LG,
    saver?: unknown,
  ) {
    this.saver = saver ?? new lg.MemorySaver();
  }

  /** A fresh thread config. */
  thread(id = `t${++this.counter}`): { configurable: { thread_id: string } } {
    return { configurable: { thread_id: id } };
  }

  /** Records that `name` ran; node functions call it first. */
  ran(name: string): void {
    this.log.push(name);
  }

  /** Runs `call` on `graph`, then reads `graph.getState(config)`. */
  async observe(graph: any | undefined, config: any, call: () => Promise<unknown>): Promise<Observation> {
    this.log = [];
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const observation: Observation = { ran: [], next: [], interrupts: {}, warnings: 0 };
    try {
      observation.result = stripIds(await call());
    } catch (error) {
      observation.threw = errorName(error);
      if (!Array.isArray((error as { issues?: unknown }).issues)) observation.message = String((error as Error).message).split("\n")[0];
      const issues = (error as { issues?: { code: string; path: unknown[] }[] }).issues;
      if (Array.isArray(issues)) observation.issues = issues.map((i) => `${i.code}@${i.path.join(".")}`);
    }
    observation.ran = [...this.log];
    if (graph === undefined) {
      warn.mockRestore();
      this.observations.push(observation);
      return observation;
    }
    try {
      const state = await graph.getState(config);
      observation.next = [...state.next];
      observation.values = stripIds(state.values);
      for (const task of state.tasks) {
        if (task.interrupts.length > 0) observation.interrupts[task.name] = task.interrupts.map((i: { value: unknown }) => stripIds(i.value));
      }
    } catch (error) {
      observation.next = { threw: (error as Error).name };
    }
    observation.warnings = warn.mock.calls.filter((c) => String(c[0]).includes("Ignoring unknown node name")).length;
    warn.mockRestore();
    this.observations.push(observation);
    return observation;
  }

  /** `observe` of `graph.invoke(input, config)`. */
  invoke(graph: any, input: unknown, config: any): Promise<Observation> {
    return this.observe(graph, config, () => graph.invoke(input, config));
  }
}

/** Interrupt ids differ between runtimes (different hashes); values do not. */
export function stripIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripIds);
  if (value && typeof value === "object" && value.constructor === Object) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "__interrupt__" && Array.isArray(v)) out[k] = v.map((i: { value: unknown }) => ({ value: stripIds(i.value) }));
      else out[k] = stripIds(v);
    }
    return out;
  }
  return value;
}

/** A differential scenario: one row of ../shared/langgraph-semantics.md. */
export interface Scenario {
  /** Row id, e.g. "1a". */
  row: string;
  /** The change and the thread state, in a few words. */
  title: string;
  /** Builds v1, drives the thread, builds v2 over the same saver, resumes; returns what was seen. */
  run(lg: LG, h: Harness): Promise<Observation | Observation[]>;
  /** The row's documented outcome, asserted on the real runtime's observation. */
  documented(o: any): void;
}

/** Outcome words of the semantics doc, as assertions. */
export const outcome = {
  /** No error; nothing pending; no `__interrupt__` in the result. */
  silentHalt(o: Observation): void {
    expect(o.threw).toBeUndefined();
    expect(o.next).toEqual([]);
    expect(o.interrupts).toEqual({});
    expect((o.result as Record<string, unknown>)?.__interrupt__).toBeUndefined();
  },
  /** No error and the run completed. */
  completed(o: Observation): void {
    expect(o.threw).toBeUndefined();
    expect(o.next).toEqual([]);
    expect((o.result as Record<string, unknown>)?.__interrupt__).toBeUndefined();
  },
  /** Every resume re-pauses at the breakpoint with `__interrupt__: []`, and `node` never runs. */
  stuck(attempts: Observation[], node: string): void {
    for (const o of attempts) {
      expect(o.threw).toBeUndefined();
      expect((o.result as Record<string, unknown>).__interrupt__).toEqual([]);
      expect(o.ran).not.toContain(node);
      expect(o.next).toEqual([node]);
    }
  },
};

/** A node function that logs its name and returns `update` (or computes it from the state). */
export function node(h: Harness, name: string, update: Record<string, unknown> | ((s: any) => unknown) = {}): (s: any) => unknown {
  return (state: any) => {
    h.ran(name);
    return typeof update === "function" ? update(state) : update;
  };
}

/** A sorted copy, for documented outcomes that do not depend on execution order. */
export function sorted(values: string[]): string[] {
  return [...values].sort();
}
