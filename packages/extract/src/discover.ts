import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { Node, type SourceFile } from "ts-morph";
import { UserError } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { scanExports, type ExportScan } from "./discover-exports.js";

/** A graph to extract: its id and where its value is declared. */
export interface GraphEntry {
  id: string;
  /** The exported declaration (variable, function, export assignment). */
  declaration: Node;
  /** Found among the exports rather than named: dropped when it is a subgraph of another found graph. */
  auto?: boolean;
}

const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;

/** Graphs named by the user, as `FILE:EXPORT` strings (see {@link discoverGraphs}). */
export interface GraphChoice {
  /** `--graph` values: when given, exactly these graphs are extracted. */
  graphs?: string[];
  /** `graphs` of langgraph-compat.config.json: added to langgraph.json's graphs, or instead of discovery. */
  configGraphs?: { source: string; graphs: string[] };
  /**
   * Skip a named graph whose file or export does not exist (the other side of `check --against-ref`, where
   * the graph may not exist yet); the diff then shows it as added.
   */
  skipMissing?: boolean;
}

/**
 * Find the graphs of a project. `--graph` values win over everything. Otherwise `langgraph.json` when
 * present, plus the config's `graphs`; without `langgraph.json`, the config's `graphs` when given, else
 * the graphs found among the exports (see {@link scanExports}). Nothing found is a `no-graphs` error that
 * lists what was looked at.
 */
export function discoverGraphs(ctx: ExtractContext, choice: GraphChoice = {}): GraphEntry[] {
  const entries = chosenGraphs(ctx, choice);
  if (entries.length === 0) {
    const named = (choice.graphs?.length ?? 0) + (choice.configGraphs?.graphs.length ?? 0) > 0;
    const hint = named ? "none of the named graphs exists here" : 'list them under "graphs" in langgraph.json';
    throw new UserError("no-graphs", `${ctx.projectDir}: no graphs found; ${hint}`);
  }
  return entries;
}

function chosenGraphs(ctx: ExtractContext, choice: GraphChoice): GraphEntry[] {
  if (choice.graphs && choice.graphs.length > 0) {
    return fromSpecs(ctx, choice.graphs.map((spec) => ({ spec, where: `--graph ${spec}`, code: "usage" })), choice.skipMissing);
  }
  const config = join(ctx.projectDir, "langgraph.json");
  const named = (choice.configGraphs?.graphs ?? []).map((spec, i) => ({
    spec,
    where: `${choice.configGraphs!.source}: graphs[${i}] "${spec}"`,
    code: "config-invalid",
  }));
  let entries: GraphEntry[];
  if (existsSync(config)) {
    entries = fromLangGraphJson(ctx, config);
    for (const entry of fromSpecs(ctx, named, choice.skipMissing)) {
      if (entries.some((e) => e.id === entry.id)) {
        throw new UserError("config-invalid", `${choice.configGraphs!.source}: graph id "${entry.id}" is also in langgraph.json; name another export, or drop one of them`);
      }
      entries.push(entry);
    }
  } else if (named.length > 0) {
    entries = fromSpecs(ctx, named, choice.skipMissing);
  } else {
    const scan = scanExports(ctx);
    if (scan.found.length === 0) throw new UserError("no-graphs", nothingFound(ctx, scan));
    entries = uniqueIds(scan.found).map((entry) => ({ ...entry, auto: true }));
  }
  return entries;
}

/** Ids: the export name, or `file:export` for the names that several files export. */
function uniqueIds(found: Array<{ name: string; file: string; declaration: Node }>): GraphEntry[] {
  const counts = new Map<string, number>();
  for (const entry of found) counts.set(entry.name, (counts.get(entry.name) ?? 0) + 1);
  return found.map(({ name, file, declaration }) => ({ id: counts.get(name)! > 1 ? `${file}:${name}` : name, declaration }));
}

/** Most lines of exports listed in the "no graphs found" message; the rest is counted. */
const MAX_LISTED = 15;

/** The "no graphs found" message: what was looked at, and why nothing there is a graph. */
function nothingFound(ctx: ExtractContext, scan: ExportScan): string {
  const lines = [`${ctx.projectDir}: no graphs found (no langgraph.json; looked at ${scan.files.length} source file${scan.files.length === 1 ? "" : "s"})`];
  for (const looked of scan.notGraphs.slice(0, MAX_LISTED)) lines.push(`  ${looked.file}: export ${looked.name}: ${looked.why}`);
  if (scan.notGraphs.length > MAX_LISTED) lines.push(`  ... and ${scan.notGraphs.length - MAX_LISTED} more exports that are not graphs`);
  const files = (list: string[]) => list.slice(0, 6).join(", ") + (list.length > 6 ? `, ... (${list.length - 6} more)` : "");
  if (scan.unmarked.length > 0) lines.push(`  no StateGraph, .compile(), entrypoint() or create*Agent() in: ${files(scan.unmarked)}`);
  if (scan.exportless.length > 0) lines.push(`  no exports in: ${files(scan.exportless)}`);
  lines.push(`  name the graphs in langgraph.json, with --graph FILE:EXPORT, or under "graphs" in langgraph-compat.config.json`);
  return lines.join("\n");
}

interface Spec {
  spec: string;
  /** How to name the spec in an error: `--graph src/a.ts:x`, or the config entry. */
  where: string;
  code: string;
}

/** Graphs named `FILE:EXPORT` (`EXPORT` may be `Class.method` or `object.key`); FILE is relative to the project. */
function fromSpecs(ctx: ExtractContext, specs: Spec[], skipMissing = false): GraphEntry[] {
  const found: Array<{ name: string; file: string; declaration: Node }> = [];
  for (const { spec, where, code } of specs) {
    const colon = spec.lastIndexOf(":");
    const file = colon > 0 ? spec.slice(0, colon) : "";
    const exportName = colon > 0 ? spec.slice(colon + 1) : "";
    if (!file || !/^[\w$]+(\.[\w$]+)?$/.test(exportName)) {
      throw new UserError(code, `${where}: expected FILE:EXPORT, e.g. src/graph.ts:buildGraph or src/agent.ts:Agent.createWorkflow`);
    }
    if (!SOURCE_FILE.test(file) && !/\.(js|mjs|cjs|jsx)$/.test(file)) {
      throw new UserError(code, `${where}: ${file} is not a TypeScript or JavaScript file`);
    }
    const absolute = resolve(ctx.projectDir, file);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
      if (skipMissing) continue;
      throw new UserError("graph-file-missing", `${where}: file ${file} not found in ${ctx.projectDir}`);
    }
    const declaration = namedExport(ctx, ctx.modules.load(absolute), exportName, where);
    if (!declaration) {
      if (skipMissing) continue;
      throw new UserError("graph-export-missing", `${where}: ${file} has no export "${exportName}"`);
    }
    found.push({ name: exportName, file: ctx.relativePath(absolute), declaration });
  }
  return uniqueIds(found);
}

/** The declaration `EXPORT` names: an export, or a member (`Class.method`, `object.key`) of one. */
function namedExport(ctx: ExtractContext, source: SourceFile, exportName: string, where: string): Node | undefined {
  const [head, member] = exportName.split(".");
  const declaration = ctx.resolver.findExport(source, head);
  if (!declaration || !(declaration instanceof Node)) return undefined;
  const value = Node.isVariableDeclaration(declaration) && declaration.getInitializer()
    ? ctx.resolver.valueOf(declaration.getInitializer()!)
    : declaration;
  const isClass = Node.isClassDeclaration(value) || Node.isClassExpression(value);
  if (member === undefined) {
    if (!isClass) return declaration;
    const members = value.getMembers().map((m) => (m as { getName?(): string }).getName?.()).filter((m): m is string => !!m);
    throw new UserError("usage", `${where}: ${head} is a class; name the member that builds the graph, e.g. ${head}.${members[0] ?? "createGraph"}`);
  }
  if (isClass) {
    const found = value.getMember(member);
    if (found && Node.isMethodDeclaration(found)) return found;
    if (found && Node.isPropertyDeclaration(found)) return found.getInitializer();
    return undefined;
  }
  return ctx.resolver.memberValue(value, member);
}

function fromLangGraphJson(ctx: ExtractContext, path: string): GraphEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UserError("config-invalid", `langgraph.json: not valid JSON (${(error as Error).message})`);
  }
  const graphs = (data as { graphs?: unknown })?.graphs;
  if (!graphs || typeof graphs !== "object" || Array.isArray(graphs)) {
    throw new UserError("no-graphs", `langgraph.json: no "graphs" object`);
  }
  const entries: GraphEntry[] = [];
  for (const id of Object.keys(graphs).sort()) {
    const raw = (graphs as Record<string, unknown>)[id];
    const spec = typeof raw === "string" ? raw : (raw as { path?: unknown } | null)?.path;
    if (typeof spec !== "string") throw new UserError("config-invalid", `langgraph.json: graph "${id}": expected "./file.ts:export"`);
    const colon = spec.lastIndexOf(":");
    const file = colon > 0 ? spec.slice(0, colon) : spec;
    const exportName = colon > 0 ? spec.slice(colon + 1) : "default";
    if (!SOURCE_FILE.test(file) && !/\.(js|mjs|cjs|jsx)$/.test(file)) {
      throw new UserError("config-invalid", `langgraph.json: graph "${id}": ${file} is not a TypeScript or JavaScript file`);
    }
    const absolute = resolve(ctx.projectDir, file);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
      throw new UserError("graph-file-missing", `langgraph.json: graph "${id}": file ${file} not found`);
    }
    const source = ctx.modules.load(absolute);
    const declaration = ctx.resolver.findExport(source, exportName);
    if (!declaration || !(declaration instanceof Node)) {
      throw new UserError("graph-export-missing", `langgraph.json: graph "${id}": ${file} has no export "${exportName}"`);
    }
    entries.push({ id, declaration });
  }
  return entries;
}

