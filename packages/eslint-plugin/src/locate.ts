/**
 * Where a location of the check (a file relative to the project, 1-based line and column of a node's first
 * token) lands in the linted file: the whole node that starts there, as ESLint reports it.
 */
import { relative, sep } from "node:path";
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import type { Location } from "@langgraph-compat/snapshot";
import type { CheckResponse } from "./check-types.js";
import { findingsForFile, lintTarget } from "./project-check.js";

type Loc = TSESTree.SourceLocation;

/** Statements and declarations hold the node the check means; they are never it. */
const CONTAINERS = /Statement$|Declaration$|^Program$|^VariableDeclarator$|^ClassBody$|^StaticBlock$/;

/**
 * The range of the node the check located at `location`, when it lies in `file`; else undefined.
 * - The outermost expression that starts at that token: an `interrupt()` or `task()` call, a state key's
 *   `key: value` property.
 * - The name of a method call (`.addNode` in a builder chain) reaches to the call's end: the `addNode(...)`
 *   call of that node, not the whole chain that starts earlier.
 * A line past the end (a stale result) is clamped to the file.
 */
export function locIn(projectDir: string, file: string, sourceCode: Readonly<TSESLint.SourceCode>, location: Location): Loc | undefined {
  return nodeIn(projectDir, file, sourceCode, location)?.loc;
}

/** {@link locIn}, with the node found there (none when no node starts at that token: a stale result). */
export function nodeIn(projectDir: string, file: string, sourceCode: Readonly<TSESLint.SourceCode>, location: Location): { loc: Loc; node?: TSESTree.Node } | undefined {
  if (location.file !== relative(projectDir, file).split(sep).join("/")) return undefined;
  const lines = sourceCode.lines;
  const line = Math.min(Math.max(location.line, 1), lines.length);
  const column = Math.min(Math.max(location.column - 1, 0), lines[line - 1].length);
  const index = sourceCode.getIndexFromLoc({ line, column });
  let node = sourceCode.getNodeByRangeIndex(index) as TSESTree.Node | null;
  if (node === null || node.range[0] !== index) return { loc: { start: { line, column }, end: { line, column } } };
  while (node.parent !== undefined && node.parent.range[0] === index && !CONTAINERS.test(node.parent.type)) node = node.parent;
  const member = node.parent;
  const call = member?.parent;
  if (member?.type === AST_NODE_TYPES.MemberExpression && member.property === node && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
    return { loc: { start: node.loc.start, end: call.loc.end }, node: call };
  }
  return { loc: node.loc, node };
}

/**
 * The listener of a rule that reports items of the project's current code: every item `each` yields for the
 * check's response, at its location when that lies in the linted file. Rules of this plugin are built on it.
 */
export function reportInFile<T>(
  context: { filename: string; sourceCode: Readonly<TSESLint.SourceCode>; settings: Record<string, unknown> },
  each: (response: CheckResponse) => Iterable<{ item: T; location: Location }>,
  report: (item: T, loc: Loc) => void,
): { Program?: () => void } {
  const { file, projectDir } = lintTarget(context);
  if (projectDir === undefined) return {};
  return {
    Program() {
      for (const { item, location } of each(findingsForFile(context, projectDir, file))) {
        const loc = locIn(projectDir, file, context.sourceCode, location);
        if (loc !== undefined) report(item, loc);
      }
    },
  };
}
