import type { Snapshot } from "@langgraph-compat/snapshot";

export interface ExtractOptions {
  /** The project root: where `langgraph.json` and `tsconfig.json` are looked for. */
  projectDir: string;
}

/**
 * Extract every graph of a project into a snapshot, statically. Never runs user code.
 * Throws a `UserError` for bad input (no graphs, missing file or export, syntax error).
 */
export function extractProject(options: ExtractOptions): Snapshot {
  throw new Error(`not implemented yet: ${options.projectDir}`);
}
