/** The loader refuses what the JSON Schema cannot: a node or channel filed under another name than its own. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isUserError, parseSnapshot, type Snapshot } from "../src/index.js";

const valid = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "..", "fixtures", "extract", "subgraph", "expected.snapshot.json"), "utf8")) as Snapshot;

function error(mutate: (s: Snapshot) => void): string {
  const copy = structuredClone(valid);
  mutate(copy);
  try {
    parseSnapshot(copy, "s.json");
    return "accepted";
  } catch (e) {
    return isUserError(e) ? e.message : `internal: ${String(e)}`;
  }
}

describe("parseSnapshot", () => {
  it("accepts the golden snapshot", () => {
    expect(parseSnapshot(structuredClone(valid)).formatVersion).toBe(1);
  });

  it("refuses a node or channel whose name is not its key, in nested subgraphs too", () => {
    const graph = Object.keys(valid.graphs)[0];
    const node = Object.keys(valid.graphs[graph].nodes)[0];
    const key = Object.keys(valid.graphs[graph].state.channels)[0];
    expect(error((s) => (s.graphs[graph].nodes[node].name = "other"))).toBe(`s.json: invalid snapshot at /graphs/${graph}/nodes/${node}: its name is "other"`);
    expect(error((s) => (s.graphs[graph].state.channels[key].name = "other"))).toBe(`s.json: invalid snapshot at /graphs/${graph}/state/channels/${key}: its name is "other"`);
    const holder = Object.values(valid.graphs[graph].nodes).find((n) => n.subgraph);
    expect(holder).toBeDefined();
    const inner = Object.keys(holder!.subgraph!.nodes)[0];
    expect(error((s) => (s.graphs[graph].nodes[holder!.name].subgraph!.nodes[inner].name = "other"))).toMatch(/invalid snapshot at \/graphs\/.*\/subgraph\/.*: its name is "other"$/);
  });
});
