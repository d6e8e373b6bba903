/**
 * `langgraph-compat report` in a real headless Chromium (Debian's `chromium`, driven by playwright-core;
 * `.ci/run` installs it): the page loads offline with no console error, each graph's picture has one shape
 * per node (plus START and END), clicking a changed node shows its finding (with the stored threads it
 * endangers, given `--threads`), and a node named like an HTML tag stays text.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type BrowserContext } from "playwright-core";
import { serializeSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { cli } from "./helpers.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { GRAPH_ID, storeThreadsIn } from "../../threads/test/support-desk-real.js";

const CHROMIUM = "/usr/bin/chromium";
const root = join(import.meta.dirname, "..", "..", "..");
const inCI = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

/** v1 snapshotted, then `edit` applied (v2's sources by default). */
function project(edit?: (dir: string) => void): string {
  const dir = tempDir("lgc-report-");
  cpSync(join(root, "examples", "support-desk", "v1"), dir, { recursive: true });
  writeFileSync(join(dir, "langgraph-compat.snapshot.json"), serializeSnapshot(extractProject({ projectDir: dir })));
  if (edit) edit(dir);
  else cpSync(join(root, "examples", "support-desk", "v2", "src"), join(dir, "src"), { recursive: true });
  return dir;
}

async function report(dir: string, ...flags: string[]): Promise<string> {
  const out = join(dir, "report.html");
  const { code, stderr } = await cli("report", "--project", dir, "--out", out, ...flags);
  expect([code, stderr]).toEqual([0, ""]);
  return out;
}

let browser: BrowserContext | undefined;

// Outside CI a machine without chromium skips these; in CI they must run (.ci/run installs it).
describe.skipIf(!existsSync(CHROMIUM) && !inCI)("report in a real browser", () => {
  beforeAll(async () => {
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "lgc-chromium-")), {
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  /** Open a page with every request but the file itself refused, collecting console errors and requests. */
  async function open(file: string) {
    const page = await browser!.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("dialog", (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.route("**/*", (route) => {
      requests.push(route.request().url());
      return route.request().url() === `file://${file}` ? route.continue() : route.abort();
    });
    await page.goto(`file://${file}`);
    return { page, problems, requests };
  }

  it("loads offline, draws one shape per node, and shows a changed node's finding on click", async () => {
    const file = await report(project());
    const { page, problems, requests } = await open(file);
    expect(requests).toEqual([`file://${file}`]);
    const sides = page.locator("section.graph").first().locator(".side");
    // v1: 7 nodes, v2: 8 (audit added); plus START and END on each side.
    expect(await sides.nth(0).locator("g.node").count()).toBe(9);
    expect(await sides.nth(1).locator("g.node").count()).toBe(10);
    await sides.nth(1).locator("g.node-el.sev-breaking").click();
    await expect.poll(() => page.locator("#panel.open").count()).toBe(1);
    const panel = await page.locator("#panel").innerText();
    expect(panel).toContain("node-renamed");
    expect(panel).toContain('node "review" was renamed to "human_review"');
    // The filter hides the safe findings.
    await page.locator('input[data-filter="safe"]').uncheck();
    expect(await page.locator(".finding.safe").first().isVisible()).toBe(false);
    expect(problems).toEqual([]);
  }, 60_000);

  it("shows the stored threads a finding endangers, in the list and on click (--threads)", async () => {
    const db = join(tempDir("lgc-report-threads-"), "checkpoints.db");
    await storeThreadsIn(db);
    const { page, problems } = await open(await report(project(), "--threads", `sqlite:${db}`, "--threads-graph", GRAPH_ID));
    const line = "Stored threads: 4 of 7 stored threads endangered (paused in `review`: 4): ";
    expect(await page.locator("section.findings .finding.breaking", { hasText: "node-renamed" }).innerText()).toContain(line);
    await page.locator("section.graph").first().locator(".side").nth(1).locator("g.node-el.sev-breaking").click();
    await expect.poll(() => page.locator("#panel.open").count()).toBe(1);
    expect(await page.locator("#panel").innerText()).toContain(line);
    expect(problems).toEqual([]);
  }, 60_000);

  it("keeps a node named like an HTML tag as text", async () => {
    const evil = "<img src=x onerror=alert(1)>";
    const dir = project((d) => {
      const steps = join(d, "src", "steps.ts");
      writeFileSync(steps, readFileSync(steps, "utf8").replace('Review = "review"', `Review = ${JSON.stringify(evil)}`));
    });
    const { page, problems } = await open(await report(dir));
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("body").innerText()).toContain(evil);
    await page.locator("g.node-el", { hasText: evil }).first().click();
    expect(await page.locator("#panel-title").innerText()).toContain(evil);
    expect(problems).toEqual([]);
  }, 60_000);
});

describe("report without a baseline", () => {
  it("draws the current graphs alone", async () => {
    const dir = tempDir("lgc-report-bare-");
    cpSync(join(root, "examples", "support-desk", "v1"), dir, { recursive: true });
    const html = readFileSync(await report(dir), "utf8");
    expect(html).toContain("current graphs (no baseline)");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org)/);
  });

  it("shows a functional entrypoint as its ordered steps, the moved task marked", async () => {
    const fixture = join(root, "fixtures", "diff", "task-reordered", "distinct-tasks-swapped");
    const dir = tempDir("lgc-report-functional-");
    cpSync(join(fixture, "before"), dir, { recursive: true });
    writeFileSync(join(dir, "langgraph-compat.snapshot.json"), serializeSnapshot(extractProject({ projectDir: dir })));
    cpSync(join(fixture, "after", "src"), join(dir, "src"), { recursive: true });
    const html = readFileSync(await report(dir), "utf8");
    expect(html).toContain('<ol class="flow"><li class="sev-label-risky">task fetchA</li><li>task fetchB</li><li>interrupt()</li></ol>');
    expect(html).not.toContain("<svg");
  });
});
