/**
 * `check --against-ref` reads the same files the extractor reads in the live tree: in a monorepo, the
 * app's state and nodes live in a workspace package above the project, and they must come from REF too.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { cli } from "./helpers.js";

const STATE = `import { Annotation } from "@langchain/langgraph";
export const AgentState = Annotation.Root({ task: Annotation<string>(), done: Annotation<boolean>() });
`;
const NODES = `import { interrupt } from "@langchain/langgraph";
import type { AgentState } from "./state.js";
export async function plan(s: typeof AgentState.State) {
  return { task: s.task };
}
export async function review(s: typeof AgentState.State) {
  const ok = interrupt({ task: s.task });
  return { done: Boolean(ok) };
}
`;

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ private: true, workspaces: ["apps/*", "packages/*"] }),
  "tsconfig.base.json": JSON.stringify({ compilerOptions: { strict: true, paths: { "#shared/*": ["./packages/shared/src/*"] } } }),
  "packages/shared/package.json": JSON.stringify({ name: "@acme/shared", type: "module", exports: { "./*": { types: "./dist/*.d.ts", import: "./dist/*.js" } } }),
  "packages/shared/src/state.ts": STATE,
  "packages/shared/src/nodes.ts": NODES,
  "apps/agent/tsconfig.json": JSON.stringify({ extends: "../../tsconfig.base.json" }),
  "apps/agent/langgraph.json": JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }),
  "apps/agent/src/graph.ts": `import { END, START, StateGraph } from "@langchain/langgraph";
import { AgentState } from "@acme/shared/state";
import { plan, review } from "#shared/nodes.js";
export const graph = new StateGraph(AgentState)
  .addNode("plan", plan)
  .addNode("review", review)
  .addEdge(START, "plan")
  .addEdge("plan", "review")
  .addEdge("review", END)
  .compile();
`,
};

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe("check --against-ref in a monorepo", () => {
  let repo: string;
  let app: string;
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", repo, "-c", "user.email=ci@example.com", "-c", "user.name=ci", ...args], { stdio: "pipe" });
  const check = (...extra: string[]) => cli("check", "--project", app, "--against-ref", "HEAD", "--format", "json", "--fail-on", "risky", ...extra);

  beforeAll(() => {
    repo = tempDir("lgc-ref-mono-");
    app = join(repo, "apps", "agent");
    write(repo, FILES);
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "v1");
  });

  it("reports nothing for an unchanged app whose state and nodes live in a workspace package", async () => {
    const result = await check();
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout).findings).toEqual([]);
    expect(result.code).toBe(0);
  });

  it("reports a change made in the workspace package, with paths that name no temporary folder", async () => {
    write(repo, { "packages/shared/src/state.ts": STATE.replace("done: Annotation<boolean>()", "done: Annotation<boolean>(), priority: Annotation<number>()") });
    try {
      const result = await check();
      expect(result.stderr).toBe("");
      const findings = JSON.parse(result.stdout).findings as Array<{ ruleId: string; severity: string; path: string }>;
      expect(findings.map(({ ruleId, severity, path }) => ({ ruleId, severity, path }))).toEqual([
        { ruleId: "state-key-added", severity: "risky", path: "state/priority" },
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toContain(tmpdir());
    } finally {
      write(repo, { "packages/shared/src/state.ts": STATE });
    }
  });

  it("sees a node changed in the workspace package at REF as changed", async () => {
    write(repo, { "packages/shared/src/nodes.ts": NODES.replace("const ok = interrupt({ task: s.task });", "const ok = true;") });
    try {
      const result = await check();
      const findings = JSON.parse(result.stdout).findings as Array<{ ruleId: string; path: string }>;
      expect(findings.map((f) => f.ruleId)).toContain("interrupt-removed");
      expect(result.stdout).not.toContain(tmpdir());
    } finally {
      write(repo, { "packages/shared/src/nodes.ts": NODES });
    }
  });

  it("reports an error in the tree at REF without the temporary folder", async () => {
    write(repo, { "packages/shared/src/nodes.ts": "export const broken = ;\n" });
    git("commit", "-qam", "broken");
    write(repo, { "packages/shared/src/nodes.ts": NODES });
    try {
      const result = await check();
      expect(result.code).toBe(2);
      expect(result.stderr).toBe("langgraph-compat: ../../packages/shared/src/nodes.ts:1:23: syntax error: Expression expected.\n");
    } finally {
      git("reset", "-q", "--hard", "HEAD~1");
    }
  });

  it("names the project at REF, not the temporary checkout, in an error about the project itself", async () => {
    write(repo, { "apps/agent/langgraph.json": JSON.stringify({ graphs: {} }) });
    git("commit", "-qam", "no graphs");
    write(repo, { "apps/agent/langgraph.json": FILES["apps/agent/langgraph.json"] });
    try {
      const result = await check();
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^langgraph-compat: HEAD:apps\/agent: no graphs found;.*\n$/);
    } finally {
      git("reset", "-q", "--hard", "HEAD~1");
    }
  });

  it("says so when the project does not exist at REF", async () => {
    const fresh = join(repo, "apps", "fresh");
    write(repo, { "apps/fresh/langgraph.json": FILES["apps/agent/langgraph.json"], "apps/fresh/src/graph.ts": FILES["apps/agent/src/graph.ts"] });
    try {
      const result = await cli("check", "--project", fresh, "--against-ref", "HEAD");
      expect(result.code).toBe(2);
      expect(result.stderr).toBe("langgraph-compat: apps/fresh does not exist at HEAD\n");
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
