/**
 * Soundness of the static positions (issue 9): for random small graphs (fixed seeds), random threads on
 * the real @langchain/langgraph, stopped at every pause and at every finish, stand in positions that the
 * graph's static set covers. A position outside the set is a soundness bug in diff/src/positions/static*.
 */
import { expect, it } from "vitest";
import { coverMismatch, inStaticSet, staticPositions } from "@langgraph-compat/diff";
import { driveThread, randomGraph, toSnapshot } from "./static-graphs-real.js";

// A wider sweep when hunting bugs: STATIC_PROPERTY_GRAPHS=400 STATIC_PROPERTY_THREADS=4 npx vitest run <this file>.
const GRAPHS = Number(process.env.STATIC_PROPERTY_GRAPHS ?? 50);
const THREADS = Number(process.env.STATIC_PROPERTY_THREADS ?? 2);
const FIRST = Number(process.env.STATIC_PROPERTY_FIRST ?? 1);

it(`every stop of ${GRAPHS} random graphs x ${THREADS} threads lies in the static set`, async () => {
  let stops = 0;
  let paused = 0;
  const errors: string[] = [];
  const seen = { nested: 0, sends: 0, joins: 0, newInput: 0, singleGoto: 0 };
  for (let seed = FIRST; seed < FIRST + GRAPHS; seed++) {
    const desc = randomGraph(seed);
    const snapshot = toSnapshot(desc);
    const set = staticPositions(snapshot);
    expect(set.truncated, `graph ${seed} truncated`).toBe(false);
    for (let t = 0; t < THREADS; t++) {
      const run = await driveThread(desc, snapshot, seed * 100 + t);
      if (run.error !== undefined) errors.push(`graph ${seed}: ${run.error}`);
      for (const stop of run.stops) {
        stops++;
        if (stop.position.pausedIn.length + stop.position.pending.length > 0) paused++;
        if (Object.keys(stop.position.subgraphs).length > 0) seen.nested++;
        if (stop.position.sends.length > 0) seen.sends++;
        if (stop.position.channels.some((c) => c.startsWith("join:"))) seen.joins++;
        if (stop.did === "new input while paused") seen.newInput++;
        if (stop.position.pausedIn.length > 0 && Object.values(desc.nodes).some((n) => n.singleGoto)) seen.singleGoto++;
        if (!inStaticSet(set, stop.position)) {
          const near = set.positions.map((p, i) => `${set.provenance[i].label}: ${coverMismatch(p, stop.position)}`).join("\n  ");
          throw new Error(`graph ${seed} ${JSON.stringify(desc)}\nthread ${t}, after ${stop.did}: ${JSON.stringify(stop.position)}\n  ${near}`);
        }
      }
    }
  }
  // The driver really reaches pauses and finishes (a generator that never pauses would prove nothing).
  expect(paused).toBeGreaterThan(stops / 4);
  expect(stops - paused).toBeGreaterThan(stops / 10);
  // ... and every kind of position the model has a rule for.
  for (const [kind, count] of Object.entries(seen)) expect(count, kind).toBeGreaterThan(0);
  // A run that throws ends its thread early: the generator makes valid graphs, so none should.
  expect(errors).toEqual([]);
}, 120_000);
