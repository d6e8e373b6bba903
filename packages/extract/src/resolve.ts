import { Node, SyntaxKind, type Identifier, type SourceFile } from "ts-morph";
import type { Deps, ModuleGraph } from "./modules.js";
import { classMemberValue, classOfThis } from "./this-members.js";

/** A name imported from a package (not a project file), e.g. `interrupt` from `@langchain/langgraph`. */
export class ExternalRef {
  constructor(
    readonly module: string,
    /** The exported name, `default`, or `*` for a namespace import. */
    readonly name: string,
  ) {}
}

export type Resolved = Node | ExternalRef;

/** True for `@langchain/langgraph` and its subpath exports (`/web`, `/prebuilt`, `/zod`, ...). */
export function isLangGraphModule(module: string): boolean {
  return module === "@langchain/langgraph" || module.startsWith("@langchain/langgraph/");
}

/** Strip parentheses, `as`, `satisfies`, `!` and type assertions: they do not change the value. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (
      Node.isParenthesizedExpression(current) ||
      Node.isAsExpression(current) ||
      Node.isSatisfiesExpression(current) ||
      Node.isNonNullExpression(current) ||
      Node.isTypeAssertion(current)
    ) {
      current = current.getExpression();
    } else return current;
  }
}

function bindingNames(name: Node, wanted: string): Node | undefined {
  if (Node.isIdentifier(name)) return name.getText() === wanted ? name.getParent() : undefined;
  if (Node.isObjectBindingPattern(name) || Node.isArrayBindingPattern(name)) {
    for (const element of name.getElements()) {
      if (!Node.isBindingElement(element)) continue;
      const found = bindingNames(element.getNameNode(), wanted);
      if (found) return found;
    }
  }
  return undefined;
}

/** Look for a declaration of `name` directly inside one scope node. */
function declaredIn(scope: Node, name: string): Node | undefined {
  if (Node.isFunctionLikeDeclaration(scope) || Node.isArrowFunction(scope)) {
    for (const parameter of scope.getParameters()) {
      const found = bindingNames(parameter.getNameNode(), name);
      if (found) return found;
    }
    if (Node.isFunctionExpression(scope) && scope.getName() === name) return scope;
    return undefined;
  }
  if (Node.isForOfStatement(scope) || Node.isForInStatement(scope) || Node.isForStatement(scope)) {
    const init = scope.getInitializer();
    if (init && Node.isVariableDeclarationList(init)) {
      for (const declaration of init.getDeclarations()) {
        const found = bindingNames(declaration.getNameNode(), name);
        if (found) return found;
      }
    }
    return undefined;
  }
  if (Node.isCatchClause(scope)) {
    const variable = scope.getVariableDeclaration();
    return variable ? bindingNames(variable.getNameNode(), name) : undefined;
  }
  if (!(Node.isSourceFile(scope) || Node.isBlock(scope) || Node.isModuleBlock(scope) || Node.isCaseClause(scope))) {
    return undefined;
  }
  for (const statement of scope.getStatements()) {
    if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const found = bindingNames(declaration.getNameNode(), name);
        if (found) return found;
      }
    } else if (
      Node.isFunctionDeclaration(statement) ||
      Node.isClassDeclaration(statement) ||
      Node.isEnumDeclaration(statement) ||
      Node.isInterfaceDeclaration(statement) ||
      Node.isTypeAliasDeclaration(statement)
    ) {
      if (statement.getName() === name) return statement;
    } else if (Node.isImportDeclaration(statement)) {
      if (statement.getDefaultImport()?.getText() === name) return statement.getImportClause();
      const namespace = statement.getNamespaceImport();
      if (namespace?.getText() === name) return namespace.getParent();
      for (const specifier of statement.getNamedImports()) {
        if ((specifier.getAliasNode() ?? specifier.getNameNode()).getText() === name) return specifier;
      }
    }
  }
  return undefined;
}

/**
 * Follows names to their declarations across the project's files without a type checker: scopes are
 * walked by hand and imports are followed through {@link ModuleGraph}. Anything imported from a package
 * comes back as an {@link ExternalRef}.
 */
export class Resolver {
  constructor(private readonly modules: ModuleGraph) {}

  /** Answers by identifier, with the files each one read (replayed on a hit: see {@link ModuleGraph.track}). */
  private readonly cache = new Map<Node, { resolved: Resolved | undefined; deps: Deps }>();

  /** The declaration of an identifier: a declaration node, an ExternalRef, or undefined (a global). */
  resolveIdentifier(id: Identifier): Resolved | undefined {
    let kept = this.cache.get(id);
    if (kept === undefined) {
      const [resolved, deps] = this.modules.track(() => this.lookUp(id));
      this.cache.set(id, (kept = { resolved, deps }));
    } else this.modules.replay(kept.deps);
    return kept.resolved;
  }

  private lookUp(id: Identifier): Resolved | undefined {
    const name = id.getText();
    for (let scope: Node | undefined = id.getParent(); scope; scope = scope.getParent()) {
      const found = declaredIn(scope, name);
      if (found) return this.followImport(found);
    }
    return undefined;
  }

  /** If `node` is an import binding, follow it to the exporting project file (or an ExternalRef). */
  private followImport(node: Node, depth = 0): Resolved | undefined {
    let declaration: Node | undefined;
    let importedName: string;
    if (Node.isImportSpecifier(node)) {
      declaration = node.getImportDeclaration();
      importedName = node.getName();
    } else if (Node.isImportClause(node)) {
      declaration = node.getParent();
      importedName = "default";
    } else if (Node.isNamespaceImport(node)) {
      declaration = node.getParent()?.getParent();
      importedName = "*";
    } else return node;
    if (!declaration || !Node.isImportDeclaration(declaration)) return undefined;
    const specifier = declaration.getModuleSpecifierValue();
    const target = this.modules.resolveImport(declaration.getSourceFile(), specifier);
    if (!target) return new ExternalRef(specifier, importedName);
    if (importedName === "*") return target;
    return this.findExport(target, importedName, depth + 1);
  }

  /** Find what a project file exports under `name`, following re-exports. */
  findExport(file: SourceFile, name: string, depth = 0): Resolved | undefined {
    if (depth > 20) return undefined;
    if (name === "default") {
      const assignment = file.getExportAssignment((a) => !a.isExportEquals());
      if (assignment) return assignment.getExpression();
    }
    for (const statement of file.getStatements()) {
      if (Node.isExportDeclaration(statement)) {
        const specifier = statement.getModuleSpecifierValue();
        const from = specifier ? this.modules.resolveImport(file, specifier) : file;
        for (const named of statement.getNamedExports()) {
          if ((named.getAliasNode() ?? named.getNameNode()).getText() !== name) continue;
          const local = named.getName();
          if (!specifier) {
            const found = declaredIn(file, local);
            return found ? this.followImport(found, depth + 1) : undefined;
          }
          return from ? this.findExport(from, local, depth + 1) : new ExternalRef(specifier, local);
        }
        if (specifier && !statement.hasNamedExports() && from && !statement.getNamespaceExport()) {
          const found = this.findExport(from, name, depth + 1);
          if (found) return found;
        }
        continue;
      }
      if (!Node.isModifierable(statement) || !statement.hasModifier(SyntaxKind.ExportKeyword)) continue;
      const isDefault = statement.hasModifier(SyntaxKind.DefaultKeyword);
      if (Node.isVariableStatement(statement)) {
        for (const declaration of statement.getDeclarations()) {
          const found = bindingNames(declaration.getNameNode(), name);
          if (found) return found;
        }
      } else if (isDefault ? name === "default" : (statement as unknown as { getName?(): string }).getName?.() === name) {
        return statement;
      }
    }
    return undefined;
  }

  private readonly externals = new Map<Node, { found: ExternalRef | undefined; deps: Deps }>();

  /** The ExternalRef an expression names (`interrupt`, `lg.interrupt`), or undefined (memoized per node). */
  externalOf(expr: Node): ExternalRef | undefined {
    let kept = this.externals.get(expr);
    if (kept === undefined) {
      const [found, deps] = this.modules.track(() => this.lookUpExternal(expr));
      this.externals.set(expr, (kept = { found, deps }));
    } else this.modules.replay(kept.deps);
    return kept.found;
  }

  private lookUpExternal(expr: Node): ExternalRef | undefined {
    const node = unwrap(expr);
    if (Node.isIdentifier(node)) {
      const resolved = this.resolveIdentifier(node);
      if (resolved instanceof ExternalRef) return resolved;
      if (resolved && Node.isVariableDeclaration(resolved)) {
        const init = resolved.getInitializer();
        if (init && isConstDeclaration(resolved)) return this.externalOf(init);
      }
      return undefined;
    }
    if (Node.isPropertyAccessExpression(node)) {
      const base = this.externalOf(node.getExpression());
      if (base && base.name === "*") return new ExternalRef(base.module, node.getName());
    }
    return undefined;
  }

  /** True when `expr` names `name` exported by `@langchain/langgraph` (any subpath). */
  isLangGraph(expr: Node, ...names: string[]): boolean {
    const ref = this.externalOf(expr);
    return !!ref && isLangGraphModule(ref.module) && names.includes(ref.name);
  }

  /** The expression that defines a value: follows `const` identifiers and destructuring of const objects. */
  valueOf(expr: Node, depth = 0): Node {
    const node = unwrap(expr);
    if (depth > 30 || !Node.isIdentifier(node)) return node;
    const resolved = this.resolveIdentifier(node);
    if (!resolved || resolved instanceof ExternalRef) return node;
    if (Node.isVariableDeclaration(resolved)) {
      const init = resolved.getInitializer();
      return init && isConstDeclaration(resolved) ? this.valueOf(init, depth + 1) : node;
    }
    if (Node.isBindingElement(resolved)) {
      const value = this.bindingValue(resolved, depth);
      return value ?? node;
    }
    return resolved;
  }

  /** `const { A } = obj` → the value of `obj.A`, when `obj` is a const object literal or an enum. */
  private bindingValue(element: Node, depth: number): Node | undefined {
    if (!Node.isBindingElement(element)) return undefined;
    const pattern = element.getParent();
    const declaration = pattern?.getParent();
    if (!Node.isObjectBindingPattern(pattern) || !declaration || !Node.isVariableDeclaration(declaration)) return undefined;
    const init = declaration.getInitializer();
    if (!init || !isConstDeclaration(declaration)) return undefined;
    const key = element.getPropertyNameNode()?.getText() ?? element.getName();
    return this.memberValue(this.valueOf(init, depth + 1), key, depth + 1);
  }

  /** The value of member `key` of an object literal or enum, or undefined. */
  memberValue(container: Node, key: string, depth = 0): Node | undefined {
    if (container.getKind() === SyntaxKind.ThisKeyword) {
      // `this.graphState` in a class method: the field's one value, or the method (see classMemberValue).
      const cls = classOfThis(container);
      const value = cls ? classMemberValue(cls, key, (base) => this.classOf(base)) : undefined;
      return value ? this.valueOf(value, depth + 1) : undefined;
    }
    if (Node.isClassDeclaration(container) || Node.isClassExpression(container)) {
      const member = container.getStaticMethod(key) ?? container.getStaticProperty(key);
      const init = member && Node.isPropertyDeclaration(member) ? member.getInitializer() : member;
      return init ? this.valueOf(init, depth + 1) : undefined;
    }
    if (Node.isObjectLiteralExpression(container)) {
      const property = container.getProperty(key) ?? container.getProperty(`"${key}"`);
      if (property && Node.isPropertyAssignment(property)) return this.valueOf(property.getInitializerOrThrow(), depth + 1);
      if (property && Node.isShorthandPropertyAssignment(property)) return this.valueOf(property.getNameNode(), depth + 1);
      return undefined;
    }
    if (Node.isEnumDeclaration(container)) return container.getMember(key);
    return undefined;
  }

  /** The class declaration an expression names (`extends Base`), or undefined. */
  classOf(expr: Node): Node | undefined {
    const value = this.valueOf(expr);
    return Node.isClassDeclaration(value) || Node.isClassExpression(value) ? value : undefined;
  }

  /**
   * Evaluate an expression to a string statically: literals, consts, enum members, `as const` objects,
   * template literals and `+` of those, and LangGraph's `START`/`END`. Undefined when not static.
   */
  evaluateString(expr: Node, depth = 0): string | undefined {
    if (depth > 30) return undefined;
    const node = unwrap(expr);
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
    if (Node.isTemplateExpression(node)) {
      let text = node.getHead().getLiteralText();
      for (const span of node.getTemplateSpans()) {
        const value = this.evaluateString(span.getExpression(), depth + 1);
        if (value === undefined) return undefined;
        text += value + span.getLiteral().getLiteralText();
      }
      return text;
    }
    if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
      const left = this.evaluateString(node.getLeft(), depth + 1);
      const right = this.evaluateString(node.getRight(), depth + 1);
      return left !== undefined && right !== undefined ? left + right : undefined;
    }
    if (Node.isEnumMember(node)) {
      const init = node.getInitializer();
      return init ? this.evaluateString(init, depth + 1) : undefined;
    }
    if (Node.isIdentifier(node)) {
      if (this.isLangGraph(node, "START")) return "__start__";
      if (this.isLangGraph(node, "END")) return "__end__";
      const value = this.valueOf(node, depth + 1);
      return value === node ? undefined : this.evaluateString(value, depth + 1);
    }
    if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
      if (this.isLangGraph(node, "START")) return "__start__";
      if (this.isLangGraph(node, "END")) return "__end__";
      const key = Node.isPropertyAccessExpression(node)
        ? node.getName()
        : this.evaluateString(node.getArgumentExpressionOrThrow(), depth + 1);
      if (key === undefined) return undefined;
      const member = this.memberValue(this.valueOf(node.getExpression(), depth + 1), key, depth + 1);
      return member ? this.evaluateString(member, depth + 1) : undefined;
    }
    return undefined;
  }
}

/** True when a variable declaration is `const` (its initializer is its value forever). */
export function isConstDeclaration(declaration: Node): boolean {
  const list = declaration.getParent();
  return !!list && Node.isVariableDeclarationList(list) && (list.getFlags() & 2) !== 0; // ts.NodeFlags.Const
}
