import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { FORMAT_VERSION, SNAPSHOT_FILE, UserError, isUserError, loadSnapshot, type Snapshot } from "@langgraph-compat/snapshot";
import { extractProject, findProjects, type Project } from "@langgraph-compat/extract";
import type { CompatConfig } from "@langgraph-compat/diff";
import { graphChoice, readProjectConfig } from "./graphs.js";
import { committedOn, describeCommit, withProjectAtRef, withProjectsAtRef } from "./git.js";

/** The flags of the commands that compare two sides (`check`, `report`), read by {@link compared}. */
export const COMPARE_FLAGS = {
  project: { type: "string", multiple: true },
  snapshot: { type: "string" },
  "against-ref": { type: "string" },
  config: { type: "string" },
  graph: { type: "string", multiple: true },
} as const;

/** One project's two sides. */
export interface ProjectSides extends Project {
  config?: CompatConfig;
  /** The baseline; undefined when there is none and none is required. */
  before?: Snapshot;
  /** The baseline in words, for reports. */
  baseline?: string;
  /** The project as it is now. */
  after: Snapshot;
}

/**
 * The projects of `--project` (several folders or globs; see `findProjects`), refusing the flags that name one
 * project's files when there are several: `--graph`, `--snapshot`, and `--out FILE` where the caller passes it.
 */
export function projectsOf(command: string, values: Record<string, unknown>, oneProjectFlags: string[]): Project[] {
  let projects: Project[];
  try {
    // `--graph` names graphs of the folder given: it is the project, whatever lies below it.
    const asNamed = Array.isArray(values.graph) && values.graph.length > 0;
    projects = findProjects((values.project as string[] | undefined) ?? ["."], process.cwd(), { asNamed });
  } catch (error) {
    throw isUserError(error) ? new UserError(error.code, `${command}: ${error.message}`) : error;
  }
  if (projects.length > 1 || projects[0]!.namespace !== "") {
    for (const flag of oneProjectFlags) {
      const value = values[flag];
      if (value !== undefined && !(Array.isArray(value) && value.length === 0)) {
        const names = projects.slice(0, 3).map((p) => p.namespace || ".").join(", ") + (projects.length > 3 ? `, and ${projects.length - 3} more` : "");
        throw new UserError("usage", `${command}: --${flag} names one project's files, and this run covers ${projects.length === 1 ? "a project below" : `${projects.length} projects`} (${names}); pass --project with one of them`);
      }
    }
  }
  return projects;
}

/**
 * The two sides of every project a command compares, from its flags: each project extracted now, and its
 * baseline: `--against-ref REF` (the same projects extracted from git, from one checkout), `--snapshot FILE`
 * (one project only), or each project's committed snapshot beside its `langgraph.json`. With `required` false
 * a missing committed snapshot means no baseline. Inputs a user can get wrong (config, `--graph`, snapshots)
 * are read before the slower extraction.
 */
export function compared(command: string, values: Record<string, unknown>, required: boolean, status: (text: string) => void = () => undefined): ProjectSides[] {
  const ref = values["against-ref"];
  if (typeof ref === "string" && typeof values.snapshot === "string") {
    throw new UserError("usage", `${command}: --snapshot and --against-ref are alternatives; pass one`);
  }
  const projects = projectsOf(command, values, ["graph", "snapshot"]);
  const sides = projects.map((project) => {
    const { config, path } = readProjectConfig(project, values.config);
    const graphs = graphChoice(values.graph, config, path);
    const snapshotPath = resolve(typeof values.snapshot === "string" ? values.snapshot : join(project.dir, SNAPSHOT_FILE));
    let before: Snapshot | undefined;
    let baseline: string | undefined;
    if (typeof ref !== "string" && (required || typeof values.snapshot === "string" || existsSync(snapshotPath))) {
      before = loadSnapshot(snapshotPath);
      const on = committedOn(snapshotPath);
      baseline = `snapshot ${relative(project.dir, snapshotPath) || snapshotPath}${on ? `, committed ${on}` : ", not committed"}`;
    }
    return { ...project, config, graphs, before, baseline };
  });
  if (typeof ref === "string") {
    status(`reading ${ref}`);
    const at = describeCommit(projects[0]!.dir, ref);
    const baseline = `git ref ${ref}${at ? ` at ${at}` : ""}`;
    // A named graph that does not exist yet at REF is skipped there: the diff shows it as added. A project
    // folder that did not exist at REF (an app added since) has no graphs there.
    const extractAt = (dir: string, graphs: (typeof sides)[number]["graphs"]) => extractProject({ projectDir: dir, ...graphs, skipMissing: true });
    if (sides.length === 1 && sides[0]!.namespace === "") {
      sides[0]!.before = withProjectAtRef(sides[0]!.dir, ref, (dir) => extractAt(dir, sides[0]!.graphs));
    } else {
      withProjectsAtRef(
        sides.map((s) => s.dir),
        ref,
        (dirs) => dirs.forEach((dir, i) => (sides[i]!.before = dir === undefined ? { formatVersion: FORMAT_VERSION, graphs: {} } : extractAt(dir, sides[i]!.graphs))),
      );
    }
    for (const side of sides) side.baseline = baseline;
  }
  return sides.map(({ graphs, ...side }, i) => {
    status(sides.length === 1 ? "reading the project" : `reading ${side.namespace || "."} (${i + 1} of ${sides.length})`);
    return { ...side, after: extractProject({ projectDir: side.dir, ...graphs }) };
  });
}

/**
 * The folder the reported paths are relative to: the project's own when the run is that one project named as it
 * is, else the working directory (namespaced paths start there).
 */
export function basePath(projects: readonly Project[]): string {
  return projects.length === 1 && projects[0]!.namespace === "" ? projects[0]!.dir : process.cwd();
}
