/**
 * The rules of the shared state every host of a graph follows, and `langgraph-compat host status` reports by:
 * which version is newest, where a thread on some version should be, and which versions must be kept.
 */
import type { HostState } from "./pins/types.js";

/** The newest deployed version, if any. */
export const newestOf = (state: HostState): string | undefined => state.heads[state.heads.length - 1];

/**
 * Where a thread on `version` should be: the newest; during a canary, threads on the base or older stay on (or move
 * to) the base, and threads on a version deployed after the base go to the canary.
 */
export function targetOf(state: HostState, version: string): string | undefined {
  const canary = state.canary;
  if (canary && state.heads.indexOf(version) <= state.heads.indexOf(canary.base)) return canary.base;
  return newestOf(state);
}

/** The versions a host keeps: the newest, the one before it (the rollback target), the canary base, and every version a thread is on. */
export function keptVersions(state: HostState, threadVersions: Iterable<string>): Set<string> {
  return new Set([...state.heads.slice(-2), ...(state.canary ? [state.canary.base] : []), ...threadVersions]);
}
