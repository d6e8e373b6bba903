/**
 * Soundness of the static positions (issue 9): for random small graphs (fixed seeds), random threads on
 * the real @langchain/langgraph, stopped at every pause and at every finish, stand in positions that the
 * graph's static set covers. A position outside the set is a soundness bug in diff/src/positions/static*.
 */
import { expect, it } from "vitest";
import { coverMismatch, inStaticSet, staticPositions } from "@langgraph-compat/diff";
import { driveThread, randomGraph, toSnapshot } from "./static-graphs-real.js";

const GRAPHS = 50;
const THREADS = 2;

it(`every stop of ${GRAPHS} random graphs x ${THREADS} threads lies in the static set`, async () => {
  let stops = 0;
  let paused = 0;
  for (let seed = 1; seed <= GRAPHS; seed++) {
    const desc = randomGraph(seed);
    const snapshot = toSnapshot(desc);
    const set = staticPositions(snapshot);
    expect(set.truncated, `graph ${seed} truncated`).toBe(false);
    for (let t = 0; t < THREADS; t++) {
      for (const stop of await driveThread(desc, snapshot, seed * 100 + t)) {
        stops++;
        if (stop.position.pausedIn.length + stop.position.pending.length > 0) paused++;
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
}, 120_000);
