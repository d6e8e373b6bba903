/**
 * state-key-removed (rows 9a, 9c, 17b) and state-key-renamed (rows 9b, 14k): a persisted key that goes away,
 * or reappears under another name, drops the stored value. An UntrackedValue is never checkpointed, so
 * losing one is safe, with the reason shown. What a user sees: severity, path, message, reasons and where the
 * key was (and, for a rename, where it is now).
 */
import { describe, expect, it } from "vitest";
import type { ChannelSnapshot, Location } from "@langgraph-compat/snapshot";
import { chain, channel, graph, interrupt, node } from "./helpers.js";
import { seen, seenOf } from "./rules-state-helpers.js";

const at = (line: number): Location => ({ file: "src/state.ts", line, column: 3 });

/** prep -> ask (pauses) -> finish; `finish` reads `reads`. */
const g = (channels: ChannelSnapshot[], reads: string[] = []) =>
  graph({
    nodes: [node("prep", { writes: ["draft"] }), node("ask", { interrupts: [interrupt("q")] }), node("finish", { reads })],
    edges: chain("prep", "ask", "finish"),
    channels,
  });

describe("state-key-removed", () => {
  it("a removed key read after a pause is breaking, says its value is dropped, and points at the old declaration", async () => {
    expect(await seen(g([channel("draft"), channel("notes", { location: at(4) })], ["notes"]), g([channel("draft")], ["notes"]))).toEqual([
      {
        ruleId: "state-key-removed",
        severity: "breaking",
        path: "state/notes",
        message: `state key "notes" was removed; its stored value is dropped`,
        reasons: [],
        before: at(4),
      },
    ]);
  });

  it("a removed UntrackedValue is safe, because it is never checkpointed", async () => {
    const before = g([channel("draft"), channel("scratch", { untracked: true, location: at(9) })], ["scratch"]);
    expect(await seen(before, g([channel("draft")], ["scratch"]))).toEqual([
      {
        ruleId: "state-key-removed",
        severity: "safe",
        path: "state/scratch",
        message: `state key "scratch" was removed; its stored value is dropped`,
        reasons: ["lowered to safe: an UntrackedValue is never checkpointed"],
        before: at(9),
      },
    ]);
  });

  it("each removed key is its own finding, tracked and untracked judged apart", async () => {
    const before = g([channel("draft"), channel("notes"), channel("scratch", { untracked: true })], ["notes", "scratch"]);
    const found = await seenOf("state-key-removed", before, g([channel("draft")], ["notes", "scratch"]));
    expect(found.map((f) => [f.severity, f.path, f.reasons])).toEqual([
      ["breaking", "state/notes", []],
      ["safe", "state/scratch", ["lowered to safe: an UntrackedValue is never checkpointed"]],
    ]);
  });
});

describe("state-key-renamed", () => {
  it("an undeclared rename (same type and reducer) is breaking, names both keys, and points at both declarations", async () => {
    const before = g([channel("draft"), channel("notes", { type: { type: "number" }, location: at(4) })], ["notes"]);
    const after = g([channel("draft"), channel("remarks", { type: { type: "number" }, location: at(6) })], ["remarks"]);
    expect(await seen(before, after)).toEqual([
      {
        ruleId: "state-key-renamed",
        severity: "breaking",
        path: "state/notes",
        message: `state key "notes" was renamed to "remarks"; old threads read undefined under the new name`,
        reasons: [],
        before: at(4),
        after: at(6),
      },
    ]);
  });

  it("a rename declared in config says so in its message", async () => {
    const before = g([channel("draft"), channel("notes", { type: { type: "number" } })], ["notes"]);
    const after = g([channel("draft"), channel("remarks")], ["remarks"]);
    const found = await seenOf("state-key-renamed", before, after, { renames: { stateKeys: { agent: { notes: "remarks" } } } });
    expect(found.map((f) => [f.path, f.message])).toEqual([
      ["state/notes", `state key "notes" was renamed to "remarks" (declared in config); old threads read undefined under the new name`],
    ]);
  });

  it("renaming an UntrackedValue is safe, because it is never checkpointed", async () => {
    const before = g([channel("draft"), channel("scratch", { untracked: true })], ["scratch"]);
    const after = g([channel("draft"), channel("buffer", { untracked: true })], ["buffer"]);
    const found = await seenOf("state-key-renamed", before, after, { renames: { stateKeys: { agent: { scratch: "buffer" } } } });
    expect(found.map((f) => [f.severity, f.path, f.message, f.reasons])).toEqual([
      [
        "safe",
        "state/scratch",
        `state key "scratch" was renamed to "buffer" (declared in config); old threads read undefined under the new name`,
        ["lowered to safe: an UntrackedValue is never checkpointed"],
      ],
    ]);
  });
});
