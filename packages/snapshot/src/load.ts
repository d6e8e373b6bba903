import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv2020 as Ajv2020Class, ValidateFunction } from "ajv/dist/2020.js";
import { UserError } from "./errors.js";
import { FORMAT_VERSION, type Snapshot } from "./types.js";

const require = createRequire(import.meta.url);
/** The JSON Schema of the snapshot file (also published as `@langgraph-compat/snapshot/schema.json`). */
export const snapshotSchema: object = require("../snapshot.schema.json");

/** The compiled validator, made on first use: commands that never read a snapshot do not pay for it. */
let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (compiled === undefined) {
    // ajv itself is loaded here too: commands that read no snapshot (rules, explain, --help) never load it.
    const { Ajv2020 } = require("ajv/dist/2020.js") as { Ajv2020: typeof Ajv2020Class };
    compiled = new Ajv2020({ allErrors: false, strict: false }).compile(snapshotSchema);
  }
  return compiled;
}

/** Validate parsed JSON as a snapshot; throws a {@link UserError} naming `source` on any problem. */
export function parseSnapshot(data: unknown, source = "snapshot"): Snapshot {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new UserError("snapshot-invalid", `${source}: not a langgraph-compat snapshot (expected a JSON object)`);
  }
  const version = (data as { formatVersion?: unknown }).formatVersion;
  if (typeof version === "number" && version > FORMAT_VERSION) {
    throw new UserError(
      "snapshot-too-new",
      `${source}: snapshot format ${version} is newer than this tool reads (${FORMAT_VERSION}); upgrade langgraph-compat to read it`,
    );
  }
  if (version !== FORMAT_VERSION) {
    throw new UserError("snapshot-invalid", `${source}: missing or unknown formatVersion ${JSON.stringify(version)}`);
  }
  const validate = validator();
  if (!validate(data)) {
    const first = validate.errors?.[0];
    const where = first?.instancePath || "/";
    throw new UserError("snapshot-invalid", `${source}: invalid snapshot at ${where}: ${first?.message ?? "schema mismatch"}`);
  }
  const mismatch = keysMismatch((data as unknown as Snapshot).graphs, "graphs");
  if (mismatch !== undefined) throw new UserError("snapshot-invalid", `${source}: invalid snapshot at ${mismatch}`);
  return data as unknown as Snapshot;
}

/**
 * What the schema cannot say: every node and channel sits under its own name (the diff pairs them by key
 * and reads them by name), in nested subgraphs too. The first place where they differ, or undefined.
 */
function keysMismatch(graphs: Snapshot["graphs"], at: string): string | undefined {
  for (const [id, graph] of Object.entries(graphs)) {
    for (const [key, node] of Object.entries(graph.nodes)) {
      if (node.name !== key) return `/${at}/${id}/nodes/${key}: its name is "${node.name}"`;
      if (node.subgraph) {
        const inner = keysMismatch({ [node.subgraph.id]: node.subgraph }, `${at}/${id}/nodes/${key}/subgraph`);
        if (inner !== undefined) return inner;
      }
    }
    for (const [key, channel] of Object.entries(graph.state.channels)) {
      if (channel.name !== key) return `/${at}/${id}/state/channels/${key}: its name is "${channel.name}"`;
    }
  }
  return undefined;
}

/** Read, parse and validate a snapshot file. Every failure is a one-line {@link UserError}. */
export function loadSnapshot(path: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : `cannot read (${code})`;
    throw new UserError("snapshot-missing", `${path}: ${why}; create it with \`langgraph-compat snapshot\``);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError("snapshot-invalid", `${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseSnapshot(data, path);
}
