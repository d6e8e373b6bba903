/**
 * `nondeterminism-outside-task`: a functional-API entrypoint is replayed from its start on every resume;
 * only `task()` results come from the checkpoint. A clock, a random number, a UUID or a network call in the
 * entrypoint body runs again on replay and may return something else, so the resumed run can take another
 * path than the one the human answered (semantics row 12i: breaking). Moving the call into a task caches it.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule, langGraphImports } from "../util.js";

/** Calls whose result differs between a run and its replay: `object.method` or a bare function. */
const MEMBER_CALLS: Record<string, string[]> = { Date: ["now"], Math: ["random"], crypto: ["randomUUID", "getRandomValues"], performance: ["now"] };
const FUNCTION_CALLS = new Set(["fetch"]);
/** `randomUUID` imported from `node:crypto` or `crypto`. */
const CRYPTO_MODULES = new Set(["crypto", "node:crypto"]);

type MessageIds = "nondeterministic";

export const rule = createRule<[], MessageIds>({
  name: "nondeterminism-outside-task",
  meta: {
    type: "problem",
    docs: { description: "Disallow clocks, random values and network calls in a functional-API entrypoint outside task()", recommended: "error" },
    schema: [],
    messages: {
      nondeterministic:
        "`{{call}}` in entrypoint `{{entrypoint}}` runs again when a paused run resumes and may return another value, so the run can take another path than the one that was answered (row 12i). Call it inside a task() so its result is saved.",
    },
  },
  defaultOptions: [],
  create(context) {
    const names = langGraphImports(context.sourceCode.ast);
    const cryptoNames = new Set<string>();
    for (const statement of context.sourceCode.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !CRYPTO_MODULES.has(String(statement.source.value))) continue;
      for (const s of statement.specifiers) if (s.type === AST_NODE_TYPES.ImportSpecifier && s.imported.type === AST_NODE_TYPES.Identifier && s.imported.name === "randomUUID") cryptoNames.add(s.local.name);
    }
    /** The entrypoint bodies we are inside, innermost last, with their names. */
    const entrypoints: Array<{ fn: TSESTree.Node; name: string }> = [];
    /** The task() function arguments we are inside: calls there are cached. */
    let inTask = 0;

    const isLangGraphCall = (node: TSESTree.CallExpression, imported: string): boolean => {
      const callee = node.callee;
      if (callee.type === AST_NODE_TYPES.Identifier) return names.get(callee.name) === imported;
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        names.get(`${callee.object.name}.*`) !== undefined &&
        callee.property.type === AST_NODE_TYPES.Identifier &&
        callee.property.name === imported
      );
    };
    const functionArgument = (node: TSESTree.CallExpression): TSESTree.Node | undefined =>
      node.arguments.find((a) => a.type === AST_NODE_TYPES.ArrowFunctionExpression || a.type === AST_NODE_TYPES.FunctionExpression);
    const entrypointName = (node: TSESTree.CallExpression): string => {
      const first = node.arguments[0];
      if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === "string") return first.value;
      if (first?.type === AST_NODE_TYPES.ObjectExpression) {
        for (const p of first.properties) {
          if (p.type === AST_NODE_TYPES.Property && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === "name" && p.value.type === AST_NODE_TYPES.Literal) return String(p.value.value);
        }
      }
      return "entrypoint";
    };
    const enter = (node: TSESTree.Node) => {
      const parent = node.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || functionArgument(parent) !== node) return;
      if (isLangGraphCall(parent, "entrypoint")) entrypoints.push({ fn: node, name: entrypointName(parent) });
      else if (isLangGraphCall(parent, "task")) inTask++;
    };
    const exit = (node: TSESTree.Node) => {
      const parent = node.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || functionArgument(parent) !== node) return;
      if (entrypoints[entrypoints.length - 1]?.fn === node) entrypoints.pop();
      else if (isLangGraphCall(parent, "task")) inTask--;
    };
    const report = (node: TSESTree.Node, call: string) => {
      const entry = entrypoints[entrypoints.length - 1];
      if (entry === undefined || inTask > 0) return;
      context.report({ node, messageId: "nondeterministic", data: { call, entrypoint: entry.name } });
    };

    return {
      ArrowFunctionExpression: enter,
      FunctionExpression: enter,
      "ArrowFunctionExpression:exit": exit,
      "FunctionExpression:exit": exit,
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === AST_NODE_TYPES.Identifier) {
          // `fetch`, global or imported (node-fetch, undici): a network call either way; a local function of that name is not.
          if (FUNCTION_CALLS.has(callee.name) && !declaredAbove(context.sourceCode.getScope(node), callee.name, true)) report(node, `${callee.name}()`);
          else if (cryptoNames.has(callee.name)) report(node, `${callee.name}()`);
          return;
        }
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.object.type !== AST_NODE_TYPES.Identifier || callee.property.type !== AST_NODE_TYPES.Identifier) return;
        const methods = MEMBER_CALLS[callee.object.name];
        if (methods?.includes(callee.property.name) && !declaredAbove(context.sourceCode.getScope(node), callee.object.name)) report(node, `${callee.object.name}.${callee.property.name}()`);
      },
      NewExpression(node) {
        if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === "Date" && node.arguments.length === 0 && !declaredAbove(context.sourceCode.getScope(node), "Date")) report(node, "new Date()");
      },
    };
  },
});

interface ScopeLike {
  type: string;
  set: Map<string, { defs: Array<{ type: string }> }>;
  upper: ScopeLike | null;
}

/**
 * True when `name` is a variable the program declares (a local `Date` or `fetch` is not the global one).
 * With `importsAreGlobal` false, an import counts as declared; with true, only a non-import declaration does.
 */
function declaredAbove(scope: unknown, name: string, importsAreGlobal = false): boolean {
  for (let s = scope as ScopeLike | null; s !== null; s = s.upper) {
    if (s.type === "global") return false;
    const variable = s.set.get(name);
    if (variable !== undefined) return !(importsAreGlobal && variable.defs.every((d) => d.type === "ImportBinding"));
  }
  return false;
}
