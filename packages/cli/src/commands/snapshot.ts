import { statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { UserError, namespaceSnapshot, serializeSnapshot, writeFileAtomic, type GraphSnapshot, type Snapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { projectsOf } from "../compared.js";
import { progress } from "../progress.js";
import { parseFlags } from "../args.js";
import { graphChoice, readProjectConfig } from "../graphs.js";
import { EXIT, type Io } from "../io.js";

export { SNAPSHOT_FILE } from "@langgraph-compat/snapshot";
import { SNAPSHOT_FILE } from "@langgraph-compat/snapshot";

/** True when `path` is an existing directory; false when it is missing or cannot be looked at. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a missing path, or a parent that is a file: the write reports it
  }
}

/**
 * `langgraph-compat snapshot [--project DIR|GLOB]... [--out FILE|-] [--graph FILE:EXPORT]... [--config FILE]`:
 * each project's snapshot, written beside its `langgraph.json` (one per project, so a run from a monorepo's root
 * and a run in the project's folder read and write the same file).
 */
export function snapshotCommand(args: string[], io: Io): number {
  const { values } = parseFlags("snapshot", args, {
    project: { type: "string", multiple: true },
    out: { type: "string" },
    graph: { type: "string", multiple: true },
    config: { type: "string" },
  });
  const projects = projectsOf("snapshot", values, ["out", "graph"]);
  // --out names the file. A directory is refused before the (slow) extraction rather than guessed into:
  // `--out /tmp` once put a temporary file in `/`.
  if (typeof values.out === "string" && values.out !== "-" && (isDirectory(resolve(values.out)) || /[\\/]$/.test(values.out))) {
    throw new UserError("usage", `snapshot: --out ${values.out} is a directory; name the file, e.g. --out ${join(resolve(values.out), SNAPSHOT_FILE)}`);
  }
  // Every input is read before anything is written: a bad config in the third project writes nothing.
  const choices = projects.map((project) => {
    const { config, path: configPath } = readProjectConfig(project, values.config);
    return graphChoice(values.graph, config, configPath);
  });
  const shown = progress(io.stderr);
  const snapshots = projects.map((project, i) => {
    shown.say(projects.length === 1 ? "reading the project" : `reading ${project.namespace || "."} (${i + 1} of ${projects.length})`);
    return extractProject({ projectDir: project.dir, ...choices[i]! });
  });
  shown.done();
  // `--out -`: the snapshot on stdout, the summary on stderr.
  if (values.out === "-") {
    io.stdout.write(serializeSnapshot(snapshots[0]!));
    io.stderr.write(summarize(snapshots[0]!));
    return EXIT.ok;
  }
  projects.forEach((project, i) => {
    const out = resolve(typeof values.out === "string" ? values.out : join(project.dir, SNAPSHOT_FILE));
    writeFileAtomic(out, serializeSnapshot(snapshots[i]!));
    io.stdout.write(summarize(namespaceSnapshot(snapshots[i]!, project.namespace)));
    io.stdout.write(`wrote ${projects.length === 1 ? out : relative(process.cwd(), out)}\n`);
  });
  return EXIT.ok;
}

function countPausePoints(graph: GraphSnapshot): number {
  let count = 0;
  for (const node of Object.values(graph.nodes)) {
    count += node.interrupts.length;
    if (node.subgraph) count += countPausePoints(node.subgraph);
  }
  const breakpoints = (list: string[] | "*") => (list === "*" ? Object.keys(graph.nodes).length : list.length);
  count += breakpoints(graph.interruptBefore) + breakpoints(graph.interruptAfter);
  const countFlow = (items: NonNullable<GraphSnapshot["entrypoint"]>["body"]): number =>
    items.reduce(
      (sum, item) =>
        sum +
        (item.kind === "interrupt" ? 1 : 0) +
        (item.kind === "loop" ? countFlow(item.body) : 0) +
        (item.kind === "branch" ? item.arms.reduce((s, arm) => s + countFlow(arm), 0) : 0),
      0,
    );
  if (graph.entrypoint) count += countFlow(graph.entrypoint.body);
  return count;
}

function countUnresolved(graph: GraphSnapshot): number {
  return graph.unresolved.length + Object.values(graph.nodes).reduce((n, node) => n + (node.subgraph ? countUnresolved(node.subgraph) : 0), 0);
}

/** One line per graph: nodes, pause points, channels, unresolved elements. */
export function summarize(snapshot: Snapshot): string {
  const lines = Object.values(snapshot.graphs).map((graph) => {
    const parts =
      graph.kind === "functional"
        ? [`entrypoint ${graph.entrypoint?.name ?? "?"}`]
        : graph.kind === "prebuilt"
          ? [`prebuilt ${graph.prebuilt}`]
          : [`${Object.keys(graph.nodes).length} nodes`];
    parts.push(`${countPausePoints(graph)} pause points`, `${Object.keys(graph.state.channels).length} channels`);
    parts.push(`${countUnresolved(graph)} unresolved`);
    return `${graph.id}: ${parts.join(", ")}\n`;
  });
  return lines.join("");
}
