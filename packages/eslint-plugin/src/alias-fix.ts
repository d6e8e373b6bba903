/**
 * The suggestion on a `node-renamed` error: keep the old name registered next to the new one, with the same
 * function and the same routes out, and reachable (row 2c). Threads paused in the old name then resume
 * there and continue on the new flow. Reachable means `compile()` sees a way in (else
 * `UnreachableNodeError`, 15d): the new node declares the old name in its `ends`, a route it never takes
 * (`ends` is not enforced at run time, 15e). Undefined when the code is not plain enough to edit safely.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import type { AliasPlan } from "./check-types.js";

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];

export function aliasFix(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.Node | undefined, plan: AliasPlan, branchCalls: Array<TSESTree.Node | undefined>): Fix | undefined {
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length < 2) return undefined;
  const [, fn, options] = call.arguments;
  if (fn.type === AST_NODE_TYPES.SpreadElement) return undefined;
  // The new node's conditional edges, repeated from the old name with the same router and path map.
  const branches: string[] = [];
  for (const branch of branchCalls) {
    if (branch?.type !== AST_NODE_TYPES.CallExpression || branch.arguments.length < 2) return undefined;
    branches.push(branch.arguments.slice(1).map((a) => sourceCode.getText(a)).join(", "));
  }
  const ends = options === undefined ? (fixer: TSESLint.RuleFixer) => fixer.insertTextAfter(fn, `, { ends: [${JSON.stringify(plan.from)}] }`) : declaredEnds(options, plan.from);
  if (ends === undefined) return undefined;
  const name = JSON.stringify(plan.from);
  const indent = /^\s*/.exec(sourceCode.lines[call.loc.end.line - 1])?.[0] ?? "";
  const own = plan.ends !== undefined ? `, { ends: ${JSON.stringify(plan.ends)} }` : "";
  const lines = [
    `.addNode(${name}, ${sourceCode.getText(fn)}${own})`,
    ...plan.edges.map((to) => `.addEdge(${name}, ${JSON.stringify(to)})`),
    ...branches.map((args) => `.addConditionalEdges(${name}, ${args})`),
  ];
  const chained = lines.map((line) => `\n${indent.length > 0 ? indent : "  "}${line}`).join("");
  return (fixer) => [ends(fixer), fixer.insertTextAfter(call, chained)];
}

/** The edit that adds `name` to the options' `ends`, or undefined when the options are not a plain literal. */
function declaredEnds(options: TSESTree.CallExpressionArgument, name: string): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined {
  const quoted = JSON.stringify(name);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const ends = options.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === "ends");
  if (ends === undefined) {
    if (options.properties.length === 0) return (fixer) => fixer.replaceText(options, `{ ends: [${quoted}] }`);
    return (fixer) => fixer.insertTextBefore(options.properties[0], `ends: [${quoted}], `);
  }
  if (ends.value.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const elements = ends.value.elements;
  const last = elements[elements.length - 1];
  if (last === undefined || last === null) return elements.length === 0 ? (fixer) => fixer.replaceText(ends.value, `[${quoted}]`) : undefined;
  return (fixer) => fixer.insertTextAfter(last, `, ${quoted}`);
}
