/**
 * The catalogue tests itself: every row of docs/semantics.md is either proved by a differential
 * scenario or listed in docs/runtime.md as not covered (with a reason), and docs/runtime.md's list of
 * covered rows matches the scenario table exactly.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarios } from "./scenarios/index.js";

const docs = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), "utf8");

/** "3a–3d,3f" -> 3a 3b 3c 3d 3f; "15a–c" -> 15a 15b 15c; "1c/1d" -> 1c 1d. */
export function expandRowIds(text: string): string[] {
  return text.split(/[/,]\s*/).flatMap((part) => {
    const range = /^(\d+)([a-z])–(?:\d+)?([a-z])$/.exec(part.trim());
    if (!range) return [part.trim()];
    const [, n, from, to] = range;
    const ids: string[] = [];
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) ids.push(`${n}${String.fromCharCode(c)}`);
    return ids;
  });
}

function section(text: string, heading: string): string {
  const start = text.indexOf(heading);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

describe("row catalogue", () => {
  const semanticsRows = [...docs("semantics.md").matchAll(/^\| (\d[^|]*?) \|/gm)].map((m) => m[1]);
  const runtime = docs("runtime.md");
  const coveredGroups = section(runtime, "## Rows covered").split("\n\n")[1].replace(/\n/g, " ").replace(/\.$/, "").split(/,\s+/);
  const notCovered = new Set(
    [...section(runtime, "## Rows not covered").matchAll(/^\| ([^|]+?) \|/gm)].map((m) => m[1]).filter((c) => c !== "rows" && !c.startsWith("-")).flatMap(expandRowIds),
  );
  const scenarioRows = new Set(scenarios.map((s) => s.row));

  it("every semantics row is covered or listed as not covered", () => {
    const covered = new Set(coveredGroups.flatMap(expandRowIds));
    const missing = semanticsRows.flatMap(expandRowIds).filter((id) => !covered.has(id) && !notCovered.has(id));
    expect(missing).toEqual([]);
  });

  it("each covered group in docs/runtime.md has a scenario, and each row scenario is listed", () => {
    for (const group of coveredGroups) expect(expandRowIds(group).some((id) => scenarioRows.has(id)), group).toBe(true);
    const listed = new Set(coveredGroups.flatMap(expandRowIds));
    const unlisted = [...scenarioRows].filter((row) => !row.startsWith("x-") && !row.endsWith("ctl") && !listed.has(row));
    expect(unlisted).toEqual([]);
  });

  it("row ids are unique", () => {
    expect(scenarios.length).toBe(scenarioRows.size);
  });
});
