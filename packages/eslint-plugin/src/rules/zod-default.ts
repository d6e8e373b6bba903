/**
 * `zod-default`: a state key whose only default is a plain zod `.default()`. LangGraph applies that default
 * when it validates a run's input, so a thread that started before the key existed reads `undefined` (row
 * 10c); a channel default (`withLangGraph(schema, { default })`, a `StateSchema` field default) reaches those
 * threads too (10d, 10e). Reported for keys new since the committed snapshot, or every such key without one.
 * The suggestion moves the default into the channel; it is not an autofix: the input type changes with it.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util.js";
import { findingsForFile, lintTarget } from "../project-check.js";
import { nodeIn } from "../locate.js";

const ZOD_MODULE = "@langchain/langgraph/zod";

/** The `.default(value)` call in a property value's call chain (`z.string().default("x").describe("d")`). */
function defaultCall(value: TSESTree.Node): TSESTree.CallExpression | undefined {
  for (let cur: TSESTree.Node = value; cur.type === AST_NODE_TYPES.CallExpression && cur.callee.type === AST_NODE_TYPES.MemberExpression; cur = cur.callee.object) {
    const { property } = cur.callee;
    if (property.type === AST_NODE_TYPES.Identifier && property.name === "default" && !cur.callee.computed) return cur.arguments.length === 1 ? cur : undefined;
  }
  return undefined;
}

/** The local name `withLangGraph` has in this file, and the fix that imports it when it has none. */
function withLangGraphName(program: TSESTree.Program, fixer: TSESLint.RuleFixer): { name: string; fix?: TSESLint.RuleFix } {
  const imports = program.body.filter((s): s is TSESTree.ImportDeclaration => s.type === AST_NODE_TYPES.ImportDeclaration);
  for (const declaration of imports.filter((d) => d.source.value === ZOD_MODULE)) {
    for (const s of declaration.specifiers) {
      if (s.type === AST_NODE_TYPES.ImportSpecifier && s.imported.type === AST_NODE_TYPES.Identifier && s.imported.name === "withLangGraph") return { name: s.local.name };
      if (s.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { name: `${s.local.name}.withLangGraph` };
    }
    const named = declaration.specifiers.filter((s) => s.type === AST_NODE_TYPES.ImportSpecifier);
    if (named.length > 0 && declaration.importKind !== "type") return { name: "withLangGraph", fix: fixer.insertTextAfter(named[named.length - 1], ", withLangGraph") };
  }
  const line = `import { withLangGraph } from "${ZOD_MODULE}";\n`;
  const last = imports[imports.length - 1];
  return { name: "withLangGraph", fix: last ? fixer.insertTextAfter(last, `\n${line.trimEnd()}`) : fixer.insertTextBeforeRange([0, 0], line) };
}

export const rule = createRule<[], "zodDefault" | "moveDefault">({
  name: "zod-default",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: { description: "Require channel defaults for new state keys: a plain zod .default() never reaches threads already persisted", recommended: "warn" },
    schema: [],
    messages: {
      zodDefault:
        "state key `{{key}}` of graph `{{graph}}` is new, and its only default is a zod `.default()`: LangGraph applies it to a run's input only, so threads persisted before this key read `undefined` (row 10c). Put the default in the channel, `withLangGraph(schema, { default })` (10d), or a `StateSchema` field default (10e).",
      moveDefault: "Move the default into the channel with `withLangGraph(…, { default: () => … })`",
    },
  },
  defaultOptions: [],
  create(context) {
    const { file, projectDir } = lintTarget(context);
    if (projectDir === undefined) return {};
    return {
      Program(program) {
        for (const z of findingsForFile(context, projectDir, file).zodDefaults ?? []) {
          const at = nodeIn(projectDir, file, context.sourceCode, z.location);
          if (at === undefined) continue;
          const property = at.node?.type === AST_NODE_TYPES.Property ? at.node : undefined;
          const call = property ? defaultCall(property.value) : undefined;
          const source = context.sourceCode;
          context.report({
            loc: at.loc,
            messageId: "zodDefault",
            data: { key: z.key, graph: z.graph },
            suggest:
              property && call && call.callee.type === AST_NODE_TYPES.MemberExpression
                ? [
                    {
                      messageId: "moveDefault",
                      fix(fixer) {
                        const value = property.value;
                        const [arg] = call.arguments;
                        // The schema without `.default(value)`, and the default as a function of nothing.
                        const text = source.text;
                        const schema = text.slice(value.range[0], (call.callee as TSESTree.MemberExpression).object.range[1]) + text.slice(call.range[1], value.range[1]);
                        const given = source.getText(arg);
                        const isFunction = arg.type === AST_NODE_TYPES.ArrowFunctionExpression || arg.type === AST_NODE_TYPES.FunctionExpression;
                        const factory = isFunction ? given : arg.type === AST_NODE_TYPES.ObjectExpression ? `() => (${given})` : `() => ${given}`;
                        const { name, fix } = withLangGraphName(program, fixer);
                        const replace = fixer.replaceText(value, `${name}(${schema}, { default: ${factory} })`);
                        return fix ? [fix, replace] : [replace];
                      },
                    },
                  ]
                : [],
          });
        }
      },
    };
  },
});
