import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from "@typescript-eslint/utils";

/** Where each rule's page lives: its section of the package README, as npm shows it. */
export const RULE_DOCS = "https://www.npmjs.com/package/@langgraph-compat/eslint-plugin";

/** What a rule's `meta.docs` holds besides its description: its level in `recommended` (every rule is an error in `strict`). */
export interface PluginDocs {
  recommended: "error" | "warn";
}

export const createRule = ESLintUtils.RuleCreator<PluginDocs>((name) => `${RULE_DOCS}#${name}`);

/** The modules LangGraph.js exports its API from. */
const LANGGRAPH = /^@langchain\/langgraph(\/.*)?$/;

/**
 * Local names bound to LangGraph exports in this file: `local -> imported` (`import { entrypoint as ep }`
 * gives `ep -> entrypoint`), and `ns.* -> *` for a namespace import (`import * as lg`).
 */
export function langGraphImports(program: TSESTree.Program): Map<string, string> {
  const names = new Map<string, string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !LANGGRAPH.test(String(statement.source.value))) continue;
    for (const s of statement.specifiers) {
      if (s.type === AST_NODE_TYPES.ImportSpecifier) names.set(s.local.name, s.imported.type === AST_NODE_TYPES.Identifier ? s.imported.name : String(s.imported.value));
      else if (s.type === AST_NODE_TYPES.ImportNamespaceSpecifier) names.set(`${s.local.name}.*`, "*");
    }
  }
  return names;
}
