import { Node, ts } from "ts-morph";
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

/**
 * Text of `node` with whitespace and comments dropped and locally declared names replaced by their
 * position (`$0`, `$1`, ...), so renaming a local or reformatting does not change it.
 */
export function normalizedText(node: Node, scope: Node = node): string {
  const names = localNames(scope);
  const replacements = new Map<number, string>();
  node.forEachDescendant((child) => {
    if (!Node.isIdentifier(child)) return;
    const mapped = names.get(child.getText());
    if (!mapped || isMemberName(child)) return;
    const parent = child.getParent();
    const shorthand = parent && Node.isShorthandPropertyAssignment(parent);
    replacements.set(child.getStart(), shorthand ? `${child.getText()}:${mapped}` : mapped);
  });
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, node.getText());
  const start = node.getStart();
  const tokens: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    // `export` / `export default` on a declaration say where it is visible, not what it does.
    if (kind === ts.SyntaxKind.ExportKeyword || (kind === ts.SyntaxKind.DefaultKeyword && tokens.length === 0)) continue;
    const replacement = replacements.get(start + scanner.getTokenStart());
    tokens.push(replacement ?? scanner.getTokenText());
  }
  return tokens.join(" ");
}

/**
 * Hash of an expression's normalized text (used for call sites, defaults, argument lists). Names declared
 * in `scope` (the enclosing function, say) are replaced by position, so renaming them changes nothing.
 */
export function textFingerprint(node: Node | undefined, scope?: Node): string {
  return fingerprint(node ? normalizedText(node, scope ?? node) : "");
}

/**
 * Fingerprint a function (or any expression) by its normalized body, plus the fingerprints of the project
 * functions and constants it references, so a change in an imported helper is noticed too.
 */
export function functionFingerprint(node: Node, resolver: Resolver, seen = new Set<Node>()): string {
  seen.add(node);
  const parts = [normalizedText(node)];
  const names = localNames(node);
  const followed = new Set<string>();
  node.forEachDescendant((child) => {
    if (!Node.isIdentifier(child) || isMemberName(child) || names.has(child.getText())) return;
    // `Step.Send` / `NAMES.review`: what matters is the member's value, not the rest of the enum.
    const parent = child.getParent();
    if (parent && (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) && parent.getExpression() === child) {
      const value = resolver.evaluateString(parent);
      if (value !== undefined) {
        if (!followed.has(parent.getText())) parts.push(`${parent.getText()}=${JSON.stringify(value)}`);
        followed.add(parent.getText());
        return;
      }
    }
    if (followed.has(child.getText())) return;
    followed.add(child.getText());
    const target = resolver.resolveIdentifier(child);
    if (!target || target instanceof ExternalRef || seen.has(target) || isWithin(target, node)) return;
    const definition = definitionOf(target);
    if (!definition || seen.has(definition)) return;
    parts.push(`${child.getText()}=${functionFingerprint(definition, resolver, seen)}`);
  });
  return fingerprint(...parts);
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
