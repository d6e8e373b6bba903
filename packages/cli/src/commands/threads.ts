import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { SNAPSHOT_FILE, UserError, loadSnapshot, type Snapshot } from "@langgraph-compat/snapshot";
import type { CompatConfig, DiffResult } from "@langgraph-compat/diff";
import { CensusBuilder, ExposureBuilder, openThreadSource, renderCensus, scanThreads, type MatchOptions } from "@langgraph-compat/threads";
import { choice, parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";
import { progress } from "../progress.js";
import { readProjectConfig } from "../graphs.js";
import type { ProjectSides } from "../compared.js";

/** The thread-matching flags `threads` and `check --threads` share. */
export const THREAD_FLAGS = {
  "threads-graph": { type: "string" },
} as const;

/** The flags of `check` and `report` that count the stored threads each finding endangers. */
export const EXPOSURE_FLAGS = {
  threads: { type: "string" },
  "threads-lower": { type: "boolean", default: false },
  "threads-sample": { type: "string" },
  ...THREAD_FLAGS,
} as const;

/** How threads are matched to graphs: `--threads-graph`, else the config's `threads.graph`, and its `threads.match` patterns. */
export function matchOptions(values: Record<string, unknown>, snapshot: Snapshot, config?: CompatConfig): MatchOptions {
  const flag = values["threads-graph"];
  const graph = typeof flag === "string" ? flag : config?.threads?.graph;
  const where = typeof flag === "string" ? "--threads-graph" : "config threads.graph";
  for (const id of [...(graph === undefined ? [] : [graph]), ...Object.keys(config?.threads?.match ?? {})]) {
    if (snapshot.graphs[id] === undefined) throw new UserError("usage", `${id === graph ? where : "config threads.match"} ${id}: no such graph (graphs: ${Object.keys(snapshot.graphs).join(", ")})`);
  }
  return { graph, threadIdPatterns: config?.threads?.match };
}

/**
 * `langgraph-compat threads <url> [--project DIR] [--snapshot FILE] [--threads-graph ID] [--format text|json]`:
 * where the stored threads stand, per graph. Read-only; positions are read with the snapshot of the version that
 * wrote the threads (the committed one), from the checkpoints alone.
 */
export async function threadsCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags("threads", args, { project: { type: "string" }, snapshot: { type: "string" }, format: { type: "string" }, ...THREAD_FLAGS }, true);
  if (positionals.length !== 1) throw new UserError("usage", "threads: expected one thread store URL: sqlite:FILE, postgres://… or module:FILE#EXPORT");
  const format = choice("format", values.format as string | undefined, ["text", "json"] as const, "text");
  const projectDir = resolve(typeof values.project === "string" ? values.project : ".");
  const snapshotPath = resolve(typeof values.snapshot === "string" ? values.snapshot : join(projectDir, SNAPSHOT_FILE));
  if (!existsSync(snapshotPath)) throw new UserError("snapshot-missing", `threads: ${snapshotPath}: no snapshot; run \`langgraph-compat snapshot\` on the version that wrote the threads`);
  const snapshot = loadSnapshot(snapshotPath);
  const match = matchOptions(values, snapshot, readProjectConfig({ dir: projectDir }, undefined).config);
  const source = await openThreadSource(positionals[0]!);
  const shown = progress(io.stderr);
  const census = new CensusBuilder(snapshot);
  try {
    shown.say(`reading ${source.label}`);
    await scanThreads(source, snapshot, match, (thread) => census.add(thread));
  } finally {
    shown.done();
    await source.close();
  }
  const result = census.result();
  io.stdout.write(format === "json" ? `${JSON.stringify({ store: source.label, ...result }, null, 2)}\n` : renderCensus(result, source.label));
  return EXIT.ok;
}

/**
 * `--threads URL`: every breaking or risky finding gets the stored threads it endangers, each thread's position
 * read from its checkpoint with the snapshot of the version that wrote it (the baseline). `--threads-lower`
 * lowers a finding that endangers none of them to safe, unless some thread could not be read or matched.
 */
export async function withThreads(command: string, result: DiffResult, sides: ProjectSides[], values: Record<string, unknown>, say: (text: string) => void): Promise<DiffResult> {
  if (sides.length !== 1 || sides[0]!.namespace !== "") {
    throw new UserError("usage", `${command}: --threads reads the threads of one project; pass --project with one of them`);
  }
  const side = sides[0]!;
  const sample = values["threads-sample"] === undefined ? 5 : Number(values["threads-sample"]);
  if (!Number.isInteger(sample) || sample < 0) throw new UserError("usage", `--threads-sample must be a whole number (got "${String(values["threads-sample"])}")`);
  const match = matchOptions(values, side.before!, side.config);
  const source = await openThreadSource(String(values.threads));
  const exposure = new ExposureBuilder(result, side.before!, side.after, { sample, lower: values["threads-lower"] === true || side.config?.threads?.lower === true });
  try {
    say(`reading ${source.label}`);
    await scanThreads(source, side.before!, match, (thread) => exposure.add(thread));
  } finally {
    await source.close();
  }
  return exposure.resultWithThreads();
}
