/**
 * `threads` and `check --threads` on the bundled example: real threads of v1 stored by the real SQLite saver,
 * then v2's change checked against them, with exact counts per finding in every format that carries them.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { GRAPH_ID, PLAN, storeThreads, supportDeskV1 } from "./support-desk-real.js";
import { createRequire } from "node:module";
import { reportSchema } from "@langgraph-compat/diff";
import { cli } from "../../cli/test/helpers.js";

const root = join(import.meta.dirname, "..", "..", "..");
const { Ajv2020 } = createRequire(join(root, "packages", "snapshot", "package.json"))("ajv/dist/2020.js");
let project: string;
let db: string;

beforeAll(async () => {
  project = tempDir("lgc-threads-cli-");
  cpSync(join(root, "examples", "support-desk", "v1"), project, { recursive: true });
  expect((await cli("snapshot", "--project", project)).code).toBe(0);
  cpSync(join(root, "examples", "support-desk", "v2", "src"), join(project, "src"), { recursive: true });
  db = join(tempDir("lgc-threads-db-"), "checkpoints.db");
  // LangGraph.js writes no graph id into checkpoint metadata itself: these threads are matched by --threads-graph.
  await storeThreads(supportDeskV1(SqliteSaver.fromConnString(db)));
}, 60_000);

type Json = { findings: Array<{ ruleId: string; severity: string; reasons: string[]; threads?: { scanned: number; endangered: number; byState: Record<string, number>; sample: string[]; unknown: number } }> };

describe("threads", () => {
  it("counts where the stored threads stand", async () => {
    const { code, stdout } = await cli("threads", `sqlite:${db}`, "--project", project, "--threads-graph", GRAPH_ID);
    expect(code).toBe(0);
    expect(stdout).toContain(`graph ${GRAPH_ID}: 7 threads, 3 finished`);
    expect(stdout).toMatch(/ {5}4 {2}paused in review at interrupt #1, oldest \d+ min ago/);
  });

  it("lists threads it cannot match instead of dropping them", async () => {
    const { stdout } = await cli("threads", `sqlite:${db}`, "--project", project, "--format", "json");
    const census = JSON.parse(stdout);
    expect(census.unmatched.threads).toBe(7);
    expect(census.graphs[0].threads).toBe(0);
  });
});

describe("the config's threads section", () => {
  it("matches threads by graph or by thread-id pattern, and lowers when it says so", async () => {
    const config = join(project, "langgraph-compat.config.json");
    writeFileSync(config, JSON.stringify({ threads: { match: { [GRAPH_ID]: "^t-(paused|redraft)-" } } }));
    try {
      const census = JSON.parse((await cli("threads", `sqlite:${db}`, "--project", project, "--format", "json")).stdout);
      expect({ matched: census.graphs[0].threads, unmatched: census.unmatched.threads }).toEqual({ matched: 4, unmatched: 3 });
      writeFileSync(config, JSON.stringify({ threads: { graph: GRAPH_ID, lower: true } }));
      const { stdout } = await cli("check", "--project", project, "--threads", `sqlite:${db}`, "--format", "json");
      const renamed = (JSON.parse(stdout) as Json).findings.find((f) => f.ruleId === "node-renamed")!;
      // Lowering is asked for, but 4 threads are endangered: it stays breaking.
      expect({ severity: renamed.severity, endangered: renamed.threads?.endangered }).toEqual({ severity: "breaking", endangered: 4 });
      writeFileSync(config, JSON.stringify({ threads: { graph: "no such graph" } }));
      expect((await cli("threads", `sqlite:${db}`, "--project", project)).stderr).toMatch(/^langgraph-compat: config threads.graph no such graph: no such graph \(graphs: support desk\)\n$/);
    } finally {
      rmSync(config);
    }
  });
});

describe("check --threads", () => {
  it("gives each finding the stored threads it endangers", async () => {
    const { code, stdout } = await cli("check", "--project", project, "--threads", `sqlite:${db}`, "--threads-graph", GRAPH_ID, "--format", "json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(reportSchema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const findings = (report as Json).findings;
    const renamed = findings.find((f) => f.ruleId === "node-renamed")!;
    const paused = [...PLAN.paused, ...PLAN.redrafted];
    expect(renamed.threads).toMatchObject({ scanned: 7, endangered: paused.length, byState: { "threads paused in `review`": paused.length }, unknown: 0 });
    expect([...renamed.threads!.sample].sort()).toEqual([...paused].sort());
    const added = findings.find((f) => f.ruleId === "state-key-added")!;
    expect(added.threads).toMatchObject({ scanned: 7, endangered: 7 });
    for (const f of findings) if (f.severity === "safe") expect(f.threads).toBeUndefined();
  });

  it("prints the counts in the text report", async () => {
    const { stdout } = await cli("check", "--project", project, "--threads", `sqlite:${db}`, "--threads-graph", GRAPH_ID);
    expect(stdout).toContain("      threads: 4 of 7 stored threads endangered (paused in `review`: 4): ");
  });

  it("carries the counts in every other format: Markdown, SARIF properties, GitHub, GitLab, JUnit, HTML", async () => {
    const threads = ["--threads", `sqlite:${db}`, "--threads-graph", GRAPH_ID];
    const line = "4 of 7 stored threads endangered (paused in `review`: 4): ";
    const run = async (format: string) => (await cli("check", "--project", project, ...threads, "--format", format)).stdout;
    expect(await run("markdown")).toContain(`**Stored threads:** ${line.replace(/`/g, "\\`")}`);
    const sarif = JSON.parse(await run("sarif"));
    const renamed = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "node-renamed");
    expect(renamed.properties.threads).toMatchObject({ scanned: 7, endangered: 4, unknown: 0 });
    expect(await run("github")).toContain(`Stored threads: ${line}`);
    expect(await run("gitlab")).toContain(`Stored threads: ${line}`);
    expect(await run("junit")).toContain(`stored threads: ${line}`);
    const out = join(project, "report.html");
    const report = await cli("report", "--project", project, ...threads, "--out", out);
    expect(report.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain(`<div class="threads">Stored threads: ${line}`);
  });

  it("lowers only what endangers no stored thread, with --threads-lower", async () => {
    const only = tempDir("lgc-threads-only-finished-");
    const finishedDb = join(only, "checkpoints.db");
    const saver = SqliteSaver.fromConnString(finishedDb);
    const graph = supportDeskV1(saver);
    await graph.invoke({ ticketId: "e", messages: [{ role: "user", content: "hello" }] } as never, { configurable: { thread_id: "t-esc" } });
    const { code, stdout } = await cli("check", "--project", project, "--threads", `sqlite:${finishedDb}`, "--threads-graph", GRAPH_ID, "--threads-lower", "--format", "json");
    const renamed = (JSON.parse(stdout) as Json).findings.find((f) => f.ruleId === "node-renamed")!;
    expect(renamed.severity).toBe("safe");
    expect(renamed.reasons.at(-1)).toMatch(/^lowered to safe by --threads-lower: 0 of 1 threads exposed, scanned at \d{4}-/);
    expect(code).toBe(0);
  });

  it("refuses a bad store in one line, the password redacted", async () => {
    const { code, stderr } = await cli("check", "--project", project, "--threads", "mysql://root:hunter2@db/app");
    expect(code).toBe(2);
    expect(stderr).toBe('langgraph-compat: mysql://root:***@db/app: unsupported scheme "mysql:"; use sqlite:FILE, postgres://… or module:FILE#EXPORT\n');
  });
});
