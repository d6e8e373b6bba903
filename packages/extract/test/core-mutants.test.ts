/**
 * Facts the extractor reports for small sources, written against the surviving mutants of the issue-8 line
 * sample outside `state/` (interrupts, branches, functional tasks). Each test asserts what a user sees in the
 * snapshot: pause points in order, fingerprints that must (not) move, a branch's router returns.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GraphSnapshot, InterruptSite } from "@langgraph-compat/snapshot";
import { ModuleResolver, extractProject } from "@langgraph-compat/extract";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

function graphOf(source: string, files: Record<string, string> = {}): GraphSnapshot {
  const dir = tempDir("lgc-core-mutants-");
  const all = { "langgraph.json": JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }), "src/graph.ts": source, ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return extractProject({ projectDir: dir }).graphs.agent;
}

const oneNode = (body: string, prelude = "") => `
import { Annotation, END, START, StateGraph, NodeInterrupt, interrupt } from "@langchain/langgraph";
import { interrupt as pause } from "@langchain/langgraph";
const State = Annotation.Root({ answers: Annotation<string[]>(), other: Annotation<string[]>() });
${prelude}
async function ask(state: typeof State.State) {
  ${body}
  return {};
}
export const graph = new StateGraph(State).addNode("ask", ask).addEdge(START, "ask").addEdge("ask", END).compile();
`;
const sitesOf = (body: string, prelude = ""): InterruptSite[] => graphOf(oneNode(body, prelude)).nodes.ask.interrupts;

describe("interrupt sites", () => {
  it("a loop over a constant list with interrupt() directly inside is one site per element, in order", () => {
    const sites = sitesOf(`for (const q of ["name?", "email?"]) interrupt(q);`);
    expect(sites.map((s) => s.kind)).toEqual(["interrupt", "interrupt"]);
    const [name] = sitesOf(`interrupt("name?");`);
    const [email] = sitesOf(`interrupt("email?");`);
    expect(sites.map((s) => s.fingerprint)).toEqual([name.fingerprint, email.fingerprint]);
  });

  it("a constant list's elements keep their module meaning inside a node that has a local of the same name", () => {
    const prelude = `const who = process.env.WHO;\nconst QS = [who, "b"];`;
    const plain = sitesOf(`for (const q of QS) interrupt(q);`, prelude);
    const shadowed = sitesOf(`const who = state.answers;\n  console.log(who);\n  for (const q of QS) interrupt(q);`, prelude);
    expect(shadowed.map((s) => s.fingerprint)).toEqual(plain.map((s) => s.fingerprint));
    expect(plain).toHaveLength(2);
  });

  it("a loop with interrupt() directly inside folds what it iterates into the site", () => {
    const [a] = sitesOf(`for (const q of state.answers) interrupt(q);`);
    const [b] = sitesOf(`for (const q of state.other) interrupt(q);`);
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });

  it("a local const in the payload counts by what it holds, so a new local above it does not move the fingerprint", () => {
    const fp = (body: string) => sitesOf(body)[0].fingerprint;
    const base = fp(`const call = state.answers[0]; const request = { ask: call, kind: "help" }; interrupt([request]);`);
    // An unrelated const (and a let) declared above renumbers the function's locals, not the payload.
    expect(fp(`const url = String(state.other); let n = 1; n++; const call = state.answers[0]; const request = { ask: call, kind: "help" }; interrupt([request]);`)).toBe(base);
    // What the const holds, and which const is asked, still count.
    expect(fp(`const call = state.answers[0]; const request = { ask: call, kind: "other" }; interrupt([request]);`)).not.toBe(base);
    expect(fp(`const call = state.answers[1]; const request = { ask: call, kind: "help" }; interrupt([request]);`)).not.toBe(base);
    expect(
      fp(`const call = state.answers[0]; const request = { ask: call, kind: "help" }; const other = { ask: call, kind: "x" }; interrupt([other]);`),
    ).not.toBe(base);
  });

  it("a bare interrupt() is fingerprinted by its (absent) payload, not by the local name of the import", () => {
    const [plain] = sitesOf(`interrupt();`);
    const [aliased] = sitesOf(`pause();`);
    expect(aliased.kind).toBe("interrupt");
    expect(aliased.fingerprint).toBe(plain.fingerprint);
  });

  it("every argument of a NodeInterrupt is part of its payload", () => {
    const [a] = sitesOf(`throw new NodeInterrupt("stop", { step: 1 });`);
    const [b] = sitesOf(`throw new NodeInterrupt("stop", { step: 2 });`);
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });
});

const withBranch = (branchArgs: string, prelude = "") => `
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ kind: Annotation<string>() });
const noop = async () => ({});
${prelude}
export const graph = new StateGraph(State)
  .addNode("start", noop).addNode("a", noop).addNode("b", noop)
  .addEdge(START, "start")
  .addConditionalEdges("start", ${branchArgs})
  .addEdge("a", END).addEdge("b", END)
  .compile();
`;

describe("branches", () => {
  it("a router's static returns next to a path map are listed once each, sorted", () => {
    const prelude = `const route = (s: typeof State.State) => { if (s.kind === "x") return "y"; if (s.kind === "z") return "x"; return "y"; };`;
    const g = graphOf(withBranch(`route, { x: "a", y: "b" }`, prelude));
    expect(g.branches[0].returns).toEqual(["x", "y"]);
  });
});

/** A functional workflow: tasks `a`, `b`, a task `named` whose name is `NAME`, and `body` as the entrypoint. */
const workflow = (body: string, prelude = "") => `
import { MemorySaver, entrypoint, task } from "@langchain/langgraph";
const a = task("a", async (x: number) => x);
const b = task("b", async (x: number) => x);
${prelude}
export const graph = entrypoint({ name: "wf", checkpointer: new MemorySaver() }, async (input: { n: number; items: number[] }) => {
  ${body}
  return input.n;
});
`;
type Item = import("@langgraph-compat/snapshot").FlowItem;
/** The flow as kinds and names only: `task:a`, `branch[[...],[...]]`, `loop[...]`, `nondeterministic:Math.random:false`. */
const outline = (items: Item[]): unknown[] =>
  items.map((item) =>
    item.kind === "task"
      ? `task:${item.name}`
      : item.kind === "branch"
        ? { branch: item.arms.map(outline) }
        : item.kind === "loop"
          ? { loop: outline(item.body) }
          : item.kind === "nondeterministic"
            ? `nondeterministic:${item.call}:${item.decidesControlFlow}`
            : item.kind,
  );
const flowOf = (body: string, prelude = "") => {
  const g = graphOf(workflow(body, prelude));
  return { flow: outline(g.entrypoint!.body), unresolved: g.unresolved.map((u) => ({ kind: u.kind, reason: u.reason })) };
};

describe("functional entrypoints", () => {
  it("an if without else is a branch whose else arm is empty", () => {
    expect(flowOf(`if (input.n > 1) await a(1);`).flow).toEqual([{ branch: [["task:a"], []] }]);
  });

  it("a conditional expression is a branch of its two arms", () => {
    expect(flowOf(`const r = input.n > 1 ? await a(1) : await b(2);`).flow).toEqual([{ branch: [["task:a"], ["task:b"]] }]);
  });

  it("a switch is a branch with one arm per clause", () => {
    expect(flowOf(`switch (input.n) {\n    case 1: await a(1); break;\n    case 2: await b(2); break;\n    default: break;\n  }`).flow).toEqual([
      { branch: [["task:a"], ["task:b"], []] },
    ]);
  });

  it("a callback that calls no task is no step; one that does is a loop", () => {
    expect(flowOf(`const xs = input.items.map((x) => x + 1);\n  await a(xs.length);`).flow).toEqual(["task:a"]);
    expect(flowOf(`await Promise.all(input.items.map((x) => b(x)));`).flow).toEqual([{ loop: ["task:b"] }]);
  });

  it("a task whose name is not a literal is called <unresolved> and reported", () => {
    const { flow, unresolved } = flowOf(`await named(1);`, `const NAME = String(Date.now());\nconst named = task(NAME, async (x: number) => x);`);
    expect(flow).toEqual(["task:<unresolved>"]);
    expect(unresolved).toContainEqual({ kind: "task", reason: "task name is not static" });
  });

  it("tasks passed inside an object to a call that is not walked are unresolved, never dropped", () => {
    const { unresolved } = flowOf(`await runAll({ first: a, b });`, `import { runAll } from "task-runner-lib";`);
    expect(unresolved.filter((u) => u.kind === "task").map((u) => u.reason)).toEqual([
      "task a is passed to runAll, which is not project code we can read: its calls are missing from the flow",
      "task b is passed to runAll, which is not project code we can read: its calls are missing from the flow",
    ]);
  });

  it("a random value only logged does not decide control flow; one tested in an if does", () => {
    expect(flowOf(`console.log(Math.random());`).flow).toEqual(["nondeterministic:Math.random:false"]);
    expect(flowOf(`const r = Math.random();\n  if (r > 0.5) await a(1);`).flow).toEqual(["nondeterministic:Math.random:true", { branch: [["task:a"], []] }]);
  });
});

describe("task call fingerprints", () => {
  /** The argsFingerprint of the last task call in the flow. */
  const argsOf = (body: string, prelude = "") => {
    const item = graphOf(workflow(body, prelude)).entrypoint!.body.filter((i) => i.kind === "task").at(-1) as Extract<Item, { kind: "task" }>;
    return item.argsFingerprint;
  };

  it("a destructured const stands for the member it reads, but not with a default or as a rest", () => {
    expect(argsOf(`const { n } = input;\n  await a(n);`)).toBe(argsOf(`await a(input.n);`));
    expect(argsOf(`const { n = 1 } = input;\n  await a(n);`)).not.toBe(argsOf(`await a(input.n);`));
    expect(argsOf(`const { n, ...rest } = input;\n  await a(rest);`)).not.toBe(argsOf(`await a(input.rest);`));
  });

  it("a property named like a task in an object of tasks does not make a local of that name a task", () => {
    const prelude = `const tasks = { charge: b };`;
    const local = argsOf(`await tasks.charge(1);\n  const charge = input.n;\n  await a(charge);`, prelude);
    expect(local).toBe(argsOf(`await tasks.charge(1);\n  await a(input.n);`, prelude));
  });

  it("an object that refers to itself does not stop the extraction", () => {
    const g = graphOf(workflow(`await tools.t(1);`, `const tools: any = { t: tools.t };`));
    expect(g.entrypoint!.body).toEqual([]);
  });
});

describe("normalized payloads", () => {
  it("a const used as a property value counts as its value; a property key named like a const stays a key", () => {
    const prelude = `const question = "other";\nconst QUESTION = "name?";`;
    const [literal] = sitesOf(`interrupt({ question: "name?" });`);
    const [viaConst] = sitesOf(`interrupt({ question: QUESTION });`, prelude);
    const [shadowedKey] = sitesOf(`interrupt({ question: "name?" });`, prelude);
    expect(viaConst.fingerprint).toBe(literal.fingerprint);
    expect(shadowedKey.fingerprint).toBe(literal.fingerprint);
  });
});

describe("node fingerprints", () => {
  const fingerprintOf = (body: string, prelude = "") => graphOf(oneNode(body, prelude)).nodes.ask.function!.fingerprint;

  it("a destructuring key named like a module const is a key, not a use of that const", () => {
    const body = `const { answers: list } = state;\n  console.log(list);`;
    expect(fingerprintOf(body, `const answers = "other";`)).toBe(fingerprintOf(body, `const unrelated = "other";`));
  });

  it("a router's fingerprint follows the module helper it calls, but not a key named like that helper", () => {
    const routerOf = (prelude: string) => graphOf(withBranch(`route, { x: "a", y: "b" }`, prelude)).branches[0].router.fingerprint;
    const route = `const route = (s: typeof State.State) => { const { pick: key } = { pick: s.kind }; return pick(key); };`;
    const trim = routerOf(`function pick(k: string) { return k.trim(); }\n${route}`);
    expect(routerOf(`function pick(k: string) { return k.toUpperCase(); }\n${route}`)).not.toBe(trim);
    expect(routerOf(`function pick(k: string) { return k.trim(); }\n${route}`)).toBe(trim);
  });
});

describe("workspace package exports", () => {
  function resolveIn(manifest: object, files: string[], specifier: string): string | undefined {
    const root = tempDir("lgc-core-modres-");
    const all: Record<string, string> = { "pnpm-workspace.yaml": "packages:\n  - apps/*\n  - libs/*\n", "libs/shared/package.json": JSON.stringify({ name: "@acme/shared", ...manifest }), "apps/a/src/g.ts": "" };
    for (const f of files) all[`libs/shared/${f}`] = "";
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const found = new ModuleResolver(join(root, "apps/a")).resolve(specifier, join(root, "apps/a/src/g.ts"));
    return found?.slice(join(root, "libs/shared").length + 1);
  }

  it("the source condition wins over default whatever their order; an unknown condition is still read", () => {
    const files = ["src/entry.ts", "lib/other.ts", "src/custom.ts"];
    expect(resolveIn({ exports: { ".": { default: "./lib/other.js", source: "./src/entry.ts" } } }, files, "@acme/shared")).toBe("src/entry.ts");
    expect(resolveIn({ exports: { ".": { "my-cond": "./src/custom.ts" } } }, files, "@acme/shared")).toBe("src/custom.ts");
  });

  it("a subpath pattern maps what its star matched; an exact subpath does not match longer ones", () => {
    const manifest = { exports: { "./state": "./src/state.ts", "./*": "./dist/*.js" } };
    expect(resolveIn(manifest, ["src/state.ts", "src/x/state.ts"], "@acme/shared/x/state")).toBe("src/x/state.ts");
  });
});
