import { Node, SyntaxKind, ts } from "ts-morph";
import { fingerprint } from "@langgraph-compat/snapshot";
import { ExternalRef, type Resolver } from "./resolve.js";

/** Names declared inside `root` (parameters, variables, functions, classes, catch variables), in order. */
function localNames(root: Node): Map<string, string> {
  const names = new Map<string, string>();
  // The function's own name is not part of what it does: renaming it is a refactor.
  if ((Node.isFunctionDeclaration(root) || Node.isFunctionExpression(root)) && root.getName()) names.set(root.getName()!, "$self");
  const add = (name: Node | undefined) => {
    if (!name) return;
    if (Node.isIdentifier(name)) {
      if (!names.has(name.getText())) names.set(name.getText(), `$${names.size}`);
    } else if (Node.isObjectBindingPattern(name) || Node.isArrayBindingPattern(name)) {
      for (const element of name.getElements()) if (Node.isBindingElement(element)) add(element.getNameNode());
    }
  };
  root.forEachDescendant((node) => {
    if (Node.isParameterDeclaration(node) || Node.isVariableDeclaration(node)) add(node.getNameNode());
    else if (
      (Node.isFunctionDeclaration(node) || Node.isFunctionExpression(node) || Node.isClassDeclaration(node)) &&
      node !== root
    ) {
      add(node.getNameNode());
    }
  });
  if (Node.isFunctionLikeDeclaration(root) || Node.isArrowFunction(root)) {
    for (const parameter of root.getParameters()) add(parameter.getNameNode());
  }
  return names;
}

/** Is this identifier a member name (`a.x`, `{ x: 1 }`), not a reference to a variable? */
function isMemberName(id: Node): boolean {
  const parent = id.getParent();
  if (!parent) return false;
  if (Node.isPropertyAccessExpression(parent)) return parent.getNameNode() === id;
  if (Node.isPropertyAssignment(parent) || Node.isMethodDeclaration(parent) || Node.isPropertySignature(parent)) {
    return parent.getNameNode() === id;
  }
  if (Node.isBindingElement(parent)) return parent.getPropertyNameNode() === id;
  return false;
}

/** Source ranges replaced (or, with text "", dropped) when normalizing: start -> [end, text]. */
type Edits = Map<number, [number, string]>;

function isFunctionLike(node: Node): node is Node & { getReturnTypeNode(): Node | undefined; getTypeParameters(): Node[] } {
  return Node.isFunctionDeclaration(node) || Node.isFunctionExpression(node) || Node.isArrowFunction(node) || Node.isMethodDeclaration(node);
}

/** Drop type annotations, `as`/`satisfies` types, type arguments and optional marks: no runtime effect. */
function dropTypes(node: Node, edits: Edits): void {
  const drop = (from: number, to: number) => {
    if (to > from) edits.set(from, [to, ""]);
  };
  const angleBrackets = (owner: Node) => {
    const open = owner.getFirstChildByKind(SyntaxKind.LessThanToken);
    const close = owner.getFirstChildByKind(SyntaxKind.GreaterThanToken);
    if (open && close) drop(open.getStart(), close.getEnd());
  };
  node.forEachDescendant((child, traversal) => {
    if (Node.isAsExpression(child) || Node.isSatisfiesExpression(child)) {
      drop(child.getExpression().getEnd(), child.getEnd());
      return;
    }
    if (Node.isParameterDeclaration(child) || Node.isVariableDeclaration(child) || Node.isPropertyDeclaration(child)) {
      const typeNode = child.getTypeNode();
      const colon = child.getFirstChildByKind(SyntaxKind.ColonToken);
      if (typeNode && colon) drop(colon.getStart(), typeNode.getEnd());
      const question = child.getFirstChildByKind(SyntaxKind.QuestionToken);
      if (question) drop(question.getStart(), question.getEnd());
    }
    if (isFunctionLike(child)) {
      const returnType = child.getReturnTypeNode();
      if (returnType) {
        const colon = returnType.getPreviousSiblingIfKind(SyntaxKind.ColonToken);
        drop(colon ? colon.getStart() : returnType.getStart(), returnType.getEnd());
      }
      if (child.getTypeParameters().length > 0) angleBrackets(child);
    }
    if ((Node.isCallExpression(child) || Node.isNewExpression(child)) && child.getTypeArguments().length > 0) angleBrackets(child);
    if (Node.isInterfaceDeclaration(child) || Node.isTypeAliasDeclaration(child)) {
      drop(child.getStart(), child.getEnd());
      traversal.skip();
    }
  });
}

function isCallee(node: Node): boolean {
  const parent = node.getParent();
  return !!parent && (Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getExpression() === node;
}

function isDeclarationName(id: Node): boolean {
  const parent = id.getParent();
  if (!parent) return false;
  if (Node.isVariableDeclaration(parent) || Node.isParameterDeclaration(parent) || Node.isBindingElement(parent) || Node.isFunctionDeclaration(parent)) {
    return parent.getNameNode() === id;
  }
  return false;
}

/** Does an expression read a locally declared name? Then its value is not a project constant. */
function usesLocal(node: Node, names: Map<string, string>): boolean {
  if (Node.isIdentifier(node)) return names.has(node.getText());
  let found = false;
  node.forEachDescendant((child, traversal) => {
    if (Node.isIdentifier(child) && names.has(child.getText()) && !isMemberName(child)) {
      found = true;
      traversal.stop();
    }
  });
  return found;
}

/** Replace static strings by their value in one spelling: literals, consts, enum members, templates. */
function substituteValues(node: Node, names: Map<string, string>, resolver: Resolver | undefined, edits: Edits): void {
  node.forEachDescendant((child, traversal) => {
    if (Node.isStringLiteral(child) || Node.isNoSubstitutionTemplateLiteral(child)) {
      const parent = child.getParent();
      if (parent && (Node.isImportDeclaration(parent) || Node.isExportDeclaration(parent))) return;
      edits.set(child.getStart(), [child.getEnd(), JSON.stringify(child.getLiteralValue())]);
      return;
    }
    if (!resolver) return;
    const candidate =
      (Node.isIdentifier(child) && !isMemberName(child) && !isDeclarationName(child)) ||
      Node.isPropertyAccessExpression(child) ||
      Node.isElementAccessExpression(child) ||
      Node.isTemplateExpression(child) ||
      (Node.isBinaryExpression(child) && child.getOperatorToken().getKind() === SyntaxKind.PlusToken);
    if (!candidate || isCallee(child) || usesLocal(child, names)) return;
    const value = resolver.evaluateString(child);
    if (value === undefined) return;
    edits.set(child.getStart(), [child.getEnd(), JSON.stringify(value)]);
    traversal.skip();
  });
}

/**
 * Text of `node` with whitespace, comments and types dropped, locally declared names replaced by their
 * position (`$0`, `$1`, ...), and static strings replaced by their value in one spelling, so reformatting,
 * renaming a local, or naming a literal with a constant of the same value does not change it.
 */
export function normalizedText(node: Node, scope: Node = node, resolver?: Resolver): string {
  const names = localNames(scope);
  const edits: Edits = new Map();
  dropTypes(node, edits);
  substituteValues(node, names, resolver, edits);
  node.forEachDescendant((child) => {
    if (!Node.isIdentifier(child) || edits.has(child.getStart())) return;
    const mapped = names.get(child.getText());
    if (!mapped || isMemberName(child)) return;
    const parent = child.getParent();
    const shorthand = parent && Node.isShorthandPropertyAssignment(parent);
    edits.set(child.getStart(), [child.getEnd(), shorthand ? `${child.getText()}:${mapped}` : mapped]);
  });
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, node.getText());
  const start = node.getStart();
  const tokens: string[] = [];
  let skipUntil = -1;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const at = start + scanner.getTokenStart();
    if (at < skipUntil) continue;
    // `export` / `export default` on a declaration say where it is visible, not what it does.
    if (kind === ts.SyntaxKind.ExportKeyword || (kind === ts.SyntaxKind.DefaultKeyword && tokens.length === 0)) continue;
    const edit = edits.get(at);
    if (edit) {
      skipUntil = edit[0];
      if (edit[1] !== "") tokens.push(edit[1]);
      continue;
    }
    tokens.push(scanner.getTokenText());
  }
  return formattingNeutral(tokens).join(" ");
}

/**
 * Remove what formatters add or drop without changing behaviour: semicolons, trailing commas, and the
 * parentheses around a lone arrow parameter (`(x) => x` is `x => x`).
 */
function formattingNeutral(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === ";") continue;
    if (token === "," && (tokens[i + 1] === "}" || tokens[i + 1] === "]" || tokens[i + 1] === ")")) continue;
    if (token === "(" && tokens[i + 2] === ")" && tokens[i + 3] === "=>" && /^\$\d+$/.test(tokens[i + 1])) {
      out.push(tokens[i + 1]);
      i += 2;
      continue;
    }
    out.push(token);
  }
  return out;
}

/**
 * Hash of an expression's normalized text (used for call sites, defaults, argument lists). Names declared
 * in `scope` (the enclosing function, say) are replaced by position, so renaming them changes nothing;
 * with a resolver, constants count by their value.
 */
export function textFingerprint(node: Node | undefined, scope?: Node, resolver?: Resolver): string {
  return fingerprint(node ? normalizedText(node, scope ?? node, resolver) : "");
}

/**
 * Fingerprint a function (or any expression) by its normalized body, plus the fingerprints of the project
 * functions it references, so a change in an imported helper is noticed too. Constants count by value.
 */
export function functionFingerprint(node: Node, resolver: Resolver, memo = new Map<Node, string>(), seen = new Set<Node>()): string {
  const known = memo.get(node);
  if (known !== undefined) return known;
  seen.add(node);
  const parts = [normalizedText(node, node, resolver)];
  const names = localNames(node);
  const followed = new Set<string>();
  node.forEachDescendant((child, traversal) => {
    // Types have no runtime effect: `state: typeof State.State` must not tie a node to the state definition.
    if (Node.isTypeNode(child) || Node.isInterfaceDeclaration(child) || Node.isTypeAliasDeclaration(child)) {
      traversal.skip();
      return;
    }
    if (!Node.isIdentifier(child) || isMemberName(child) || names.has(child.getText())) return;
    if (followed.has(child.getText())) return;
    followed.add(child.getText());
    // A constant used for its value is already in the text as that value.
    const parent = child.getParent();
    const access = parent && (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) && parent.getExpression() === child;
    if (resolver.evaluateString(access ? parent : child) !== undefined) return;
    const target = resolver.resolveIdentifier(child);
    if (!target || target instanceof ExternalRef || seen.has(target) || isWithin(target, node)) return;
    const definition = definitionOf(target);
    if (!definition || seen.has(definition)) return;
    parts.push(`${child.getText()}=${functionFingerprint(definition, resolver, memo, seen)}`);
  });
  const result = fingerprint(...parts);
  memo.set(node, result);
  return result;
}

function isWithin(node: Node, container: Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.getPos() >= container.getPos() && node.getEnd() <= container.getEnd();
}

/** The node whose text defines a declaration: a function, a const's initializer, a class. */
function definitionOf(target: Node): Node | undefined {
  if (Node.isVariableDeclaration(target)) return target.getInitializer();
  if (Node.isFunctionDeclaration(target) || Node.isClassDeclaration(target) || Node.isEnumDeclaration(target)) return target;
  return undefined;
}
