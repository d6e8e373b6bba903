import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Node, type SourceFile, type VariableDeclaration } from "ts-morph";
import type { ExtractContext } from "./context.js";
import { findGraphDefinition, type GraphDefinition } from "./builder.js";
import { isFunctionNode } from "./body.js";
import { ExternalRef, unwrap } from "./resolve.js";

/** A graph found among a project's exports. */
export interface FoundGraph {
  /** The export name (`graph`, `buildGraph`, `Workflow.createWorkflow`); made unique by the caller. */
  name: string;
  /** Project-relative file. */
  file: string;
  declaration: Node;
}

/** An export that was looked at and is not a graph, with why. */
export interface LookedAt {
  file: string;
  name: string;
  why: string;
}

/** What a scan of the project's exports found, and what it looked at. */
export interface ExportScan {
  found: FoundGraph[];
  /** Every source file listed. */
  files: string[];
  /** Files that name no LangGraph construct: not parsed. */
  unmarked: string[];
  /** Files with no `export` at all: not parsed. */
  exportless: string[];
  /** Exports of the parsed files that are not graphs. */
  notGraphs: LookedAt[];
}

const SKIPPED_DIRS = new Set(["node_modules", "dist", "build", "out", "coverage", "lib"]);
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;
/** Text that any file defining a graph contains; other files are not parsed. */
const MARKER = /\bStateGraph\b|\.compile\s*\(|\bentrypoint\s*\(|\bcreate\w*(Agent|Supervisor|Swarm)\s*\(/;
const COMPILED_TEXT = /\.compile\s*\(|\bentrypoint\s*\(|\bcreate\w*Agent\s*\(/;

/** Source files under `dir`, sorted, without tests, declarations and build output. */
export function listSourceFiles(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) listSourceFiles(path, into);
    } else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts") && !/\.(test|spec)\.[cm]?tsx?$/.test(entry.name)) {
      into.push(path);
    }
  }
  return into;
}

/** A candidate of the second pass, ranked: 0 a compiled graph held by an export, 1 one a function returns, 2 a builder. */
interface Ranked extends FoundGraph {
  rank: number;
  key: Node;
}

/**
 * Find the graphs a project exports, without `langgraph.json`. First pass: exported variables holding a
 * compiled graph, an entrypoint or a prebuilt agent. Only when there are none, a second pass takes exported
 * factory functions, class methods and fields (`Workflow.createWorkflow`), default and `export { }` exports,
 * and builders; a graph reached from several exports is kept under the best-ranked ones only.
 */
export function scanExports(ctx: ExtractContext): ExportScan {
  const scan: ExportScan = { found: [], files: [], unmarked: [], exportless: [], notGraphs: [] };
  const parsed: Array<{ source: SourceFile; file: string }> = [];
  for (const path of listSourceFiles(ctx.projectDir)) {
    const file = ctx.relativePath(path);
    scan.files.push(file);
    const text = readFileSync(path, "utf8");
    if (!/\bexport\b/.test(text) || !MARKER.test(text)) {
      (/\bexport\b/.test(text) ? scan.unmarked : scan.exportless).push(file);
      continue;
    }
    const source = ctx.modules.load(path);
    parsed.push({ source, file });
    if (!COMPILED_TEXT.test(text)) continue;
    for (const statement of source.getVariableStatements()) {
      if (!statement.isExported()) continue;
      for (const declaration of statement.getDeclarations()) {
        const init = declaration.getInitializer();
        if (!init || !COMPILED_TEXT.test(init.getText())) continue;
        const definition = findGraphDefinition(ctx, declaration);
        if (!definition || (definition.kind === "builder" && !definition.compile)) continue;
        scan.found.push({ name: declaration.getName(), declaration, file });
      }
    }
  }
  if (scan.found.length > 0) return scan;
  const ranked: Ranked[] = [];
  for (const { source, file } of parsed) {
    for (const [name, declaration] of exportsOf(ctx, source)) rankExport(ctx, file, name, declaration, ranked, scan.notGraphs);
  }
  scan.found = bestRanked(ranked);
  return scan;
}

/** The value exports of a file, by exported name, in source order: declarations, `export default`, `export { }`. */
function exportsOf(ctx: ExtractContext, source: SourceFile): Array<[string, Node]> {
  const list: Array<[string, Node]> = [];
  for (const statement of source.getStatements()) {
    // `hasExportKeyword`, not `isExported`: a local `export { a as b }` is listed below under its exported name.
    if (Node.isVariableStatement(statement) && statement.hasExportKeyword()) {
      for (const declaration of statement.getDeclarations()) {
        if (Node.isIdentifier(declaration.getNameNode())) list.push([declaration.getName(), declaration]);
      }
    } else if ((Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement)) && statement.hasExportKeyword()) {
      list.push([statement.hasDefaultKeyword() ? "default" : (statement.getName() ?? "default"), statement]);
    } else if (Node.isExportAssignment(statement) && !statement.isExportEquals()) {
      list.push(["default", statement.getExpression()]);
    } else if (Node.isExportDeclaration(statement) && !statement.getModuleSpecifier()) {
      for (const named of statement.getNamedExports()) {
        const name = (named.getAliasNode() ?? named.getNameNode()).getText();
        const found = ctx.resolver.findExport(source, name);
        if (found && !(found instanceof ExternalRef)) list.push([name, found]);
      }
    }
  }
  return list;
}

/** The node two exports of one graph share: its `new StateGraph(...)`, `entrypoint(...)` or factory call. */
function keyOf(definition: GraphDefinition): Node {
  return definition.kind === "builder" ? definition.constructorCall : definition.call;
}

function rankOf(definition: GraphDefinition, viaFunction: boolean): number {
  if (definition.kind === "builder" && !definition.compile) return 2;
  return viaFunction ? 1 : 0;
}

/** Look at one export: a graph candidate, a class (each member), or something that is not a graph. */
function rankExport(ctx: ExtractContext, file: string, name: string, declaration: Node, into: Ranked[], notGraphs: LookedAt[]): void {
  if (Node.isClassDeclaration(declaration)) {
    let any = false;
    for (const member of declaration.getMembers()) {
      const memberName = (member as { getName?(): string }).getName?.();
      const value = Node.isMethodDeclaration(member) ? member : Node.isPropertyDeclaration(member) ? member.getInitializer() : undefined;
      if (!memberName || !value) continue;
      const definition = findGraphDefinition(ctx, value);
      if (!definition) continue;
      any = true;
      into.push({ name: `${name}.${memberName}`, file, declaration: value, rank: rankOf(definition, isFunctionNode(ctx.resolver.valueOf(value))), key: keyOf(definition) });
    }
    if (!any) notGraphs.push({ file, name, why: "a class with no method or field that builds a graph" });
    return;
  }
  if (Node.isInterfaceDeclaration(declaration) || Node.isTypeAliasDeclaration(declaration) || Node.isEnumDeclaration(declaration)) return;
  const value = Node.isVariableDeclaration(declaration) ? (declaration as VariableDeclaration).getInitializer() : declaration;
  const definition = value ? findGraphDefinition(ctx, declaration) : undefined;
  // `export default createAgent` names a function as much as `export function createAgent` does.
  const viaFunction = !!value && isFunctionNode(ctx.resolver.valueOf(value));
  if (definition) {
    into.push({ name, file, declaration, rank: rankOf(definition, viaFunction), key: keyOf(definition) });
    return;
  }
  const why = !value
    ? "declared without a value"
    : viaFunction
      ? "a function that returns no graph we can follow"
      : "a value that is not a graph we can follow";
  notGraphs.push({ file, name, why });
}

/**
 * Per graph, keep the exports of the best rank: a compiled export over a factory, a factory over a builder;
 * and a named export over `default` (`export default createGraph` beside `export function createGraph`).
 */
function bestRanked(ranked: Ranked[]): FoundGraph[] {
  const best = new Map<Node, number>();
  for (const entry of ranked) best.set(entry.key, Math.min(best.get(entry.key) ?? 3, entry.rank));
  const kept = ranked.filter((entry) => entry.rank === best.get(entry.key));
  const named = new Set(kept.filter((entry) => entry.name !== "default").map((entry) => entry.key));
  return kept
    .filter((entry) => entry.name !== "default" || !named.has(entry.key))
    .map(({ name, file, declaration }) => ({ name, file, declaration }));
}
