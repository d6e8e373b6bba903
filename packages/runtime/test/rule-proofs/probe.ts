/**
 * What the instrumented runtime modules (shims/) record while a fixture graph runs: which node
 * functions ran, every functional-API task call with its arguments and result (cached or executed),
 * and every answer `interrupt()` handed back, with the question it was given for.
 */

/** One call of a functional-API task, as the entrypoint saw it. */
export interface TaskCall {
  name: string;
  args: unknown[];
  result: unknown;
  /** False when the result was replayed from the checkpoint. */
  executed: boolean;
}

/** One `interrupt(question)` that returned `answer` (a pause records nothing). */
export interface Answer {
  question: unknown;
  answer: unknown;
}

export const probe = {
  /** Node functions that started, in order (subgraph nodes by their inner names). */
  ran: [] as string[],
  /** Task executions not yet matched to their call (a task body runs inside its call). */
  executing: [] as string[],
  tasks: [] as TaskCall[],
  answers: [] as Answer[],
  reset(): void {
    this.ran = [];
    this.executing = [];
    this.tasks = [];
    this.answers = [];
  },
};

/** Wraps a node function so that its runs are recorded. */
export function recordNode<F>(name: string, action: F): F {
  if (typeof action !== "function") return action;
  return ((...args: unknown[]) => {
    probe.ran.push(name);
    return (action as (...a: unknown[]) => unknown)(...args);
  }) as F;
}

/** Wraps `task(name, fn)` of a runtime so that each call (and whether its body ran) is recorded. */
export function recordTask(task: (name: any, fn: any) => any) {
  return (name: string | { name: string }, fn: (...args: any[]) => unknown) => {
    const label = typeof name === "string" ? name : name.name;
    let executions = 0;
    const body = (...args: unknown[]) => {
      executions++;
      return fn(...args);
    };
    const call = task(name, body);
    return async (...args: unknown[]) => {
      const before = executions;
      const result = await call(...args);
      probe.tasks.push({ name: label, args, result, executed: executions > before });
      return result;
    };
  };
}

/** Wraps `interrupt` so that each returned answer is recorded with its question. */
export function recordInterrupt(interrupt: (value: any) => any) {
  return (question: unknown) => {
    const answer = interrupt(question);
    probe.answers.push({ question, answer });
    return answer;
  };
}
