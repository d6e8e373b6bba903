/**
 * Robustness, seeded: structural mutations of valid snapshots (and of a valid config), a few thousand per
 * run. Whatever the loader accepts, the diff must digest: no internal error, in either direction. A
 * configuration the loader accepts must not make the diff fail either. A failure prints the seed and the
 * mutated input, to replay it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isUserError, parseSnapshot, type Snapshot } from "@langgraph-compat/snapshot";
import { diffSnapshots, parseConfig } from "../src/index.js";

const fixtures = join(import.meta.dirname, "..", "..", "..", "fixtures", "extract");
const BASES = ["subgraph", "functional-api", "command-ends-send", "joins-and-sequences"].map(
  (name) => JSON.parse(readFileSync(join(fixtures, name, "expected.snapshot.json"), "utf8")) as Snapshot,
);

/** mulberry32: the same mutations for the same seed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES: unknown[] = [null, 0, -1, 1.5, "", "x", "__start__", "__end__", "*", [], {}, true, false, ["a"], { a: 1 }, 1e9];

type Json = Record<string, unknown> | unknown[];

/** Every path to a value inside `value`. */
function paths(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (path.length > 0) out.push(path);
  if (value !== null && typeof value === "object") for (const key of Object.keys(value)) paths((value as Record<string, unknown>)[key], [...path, key], out);
  return out;
}

/** One structural mutation: delete, replace with an odd value, copy another part here, grow, or rename. */
function mutate(root: Json, rand: () => number): void {
  const all = paths(root);
  if (all.length === 0) return;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const path = pick(all);
  const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root) as Record<string, unknown> & unknown[];
  const key = path[path.length - 1];
  const r = rand();
  if (r < 0.3) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (r < 0.6) parent[key] = structuredClone(pick(VALUES));
  else if (r < 0.8) parent[key] = structuredClone(pick(all).reduce<unknown>((o, k) => (o == null ? o : (o as Record<string, unknown>)[k]), root));
  else if (Array.isArray(parent[key])) (parent[key] as unknown[]).push(structuredClone((parent[key] as unknown[])[0] ?? pick(VALUES)));
  else if (parent[key] !== null && typeof parent[key] === "object") (parent[key] as Record<string, unknown>)[pick(["zz", "name", "kind", "*"])] = pick(VALUES);
  else parent[key] = `${String(parent[key])}_`;
}

/** Run `check`, turning an internal error into a message with what reproduces it. */
async function digests(what: string, run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return isUserError(error) ? undefined : `${what}: ${(error as Error)?.stack?.split("\n").slice(0, 3).join(" | ")}`;
  }
}

describe("fuzz", () => {
  it("every snapshot the loader accepts is diffed without an internal error, both ways", { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    let accepted = 0;
    for (const [b, base] of BASES.entries()) {
      const rand = random(1000 + b);
      for (let i = 0; i < 2500; i++) {
        const mutant = structuredClone(base) as unknown as Json;
        for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) mutate(mutant, rand);
        let snapshot: Snapshot;
        try {
          snapshot = parseSnapshot(JSON.parse(JSON.stringify(mutant)));
        } catch {
          continue;
        }
        accepted++;
        const replay = `base ${b}, mutant ${i}: ${JSON.stringify(mutant).slice(0, 300)}`;
        for (const [before, after] of [[snapshot, base], [base, snapshot], [snapshot, snapshot]]) {
          const failure = await digests(replay, () => diffSnapshots(structuredClone(before), structuredClone(after)));
          if (failure) failures.push(failure);
        }
      }
    }
    expect(accepted).toBeGreaterThan(700);
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it("every config the loader accepts is applied without an internal error", { timeout: 60_000 }, async () => {
    const before = BASES[0];
    const after = structuredClone(before);
    const graph = Object.keys(after.graphs)[0];
    const renamed = Object.keys(after.graphs[graph].nodes)[0];
    after.graphs[graph].nodes[`${renamed}_v2`] = { ...after.graphs[graph].nodes[renamed], name: `${renamed}_v2` };
    delete after.graphs[graph].nodes[renamed];
    const valid = {
      rules: { "node-removed": "risky", "node-added": "off" },
      renames: { nodes: { [graph]: { [renamed]: `${renamed}_v2` } } },
      ignore: [{ ruleId: "*", path: "nodes/x*", reason: "legacy", expires: "2099-01-01" }],
      accepted: [{ fingerprint: "0123456789abcdef", reason: "reviewed" }],
    };
    const rand = random(7);
    const failures: string[] = [];
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const mutant = structuredClone(valid) as unknown as Json;
      for (let k = 1 + Math.floor(rand() * 2); k > 0; k--) mutate(mutant, rand);
      let config;
      try {
        config = parseConfig(JSON.parse(JSON.stringify(mutant)));
      } catch {
        continue;
      }
      accepted++;
      const failure = await digests(`config mutant ${i}: ${JSON.stringify(mutant)}`, () => diffSnapshots(structuredClone(before), structuredClone(after), { config }));
      if (failure) failures.push(failure);
    }
    expect(accepted).toBeGreaterThan(200);
    expect(failures.slice(0, 3)).toEqual([]);
  });
});
