import { Node, SyntaxKind } from "ts-morph";

/**
 * The class that `this` refers to at `thisNode`: the nearest enclosing class member, looking through arrow
 * functions (they keep `this`) but not through `function` bodies (they rebind it). Undefined outside a class.
 */
export function classOfThis(thisNode: Node): Node | undefined {
  for (let current = thisNode.getParent(); current; current = current.getParent()) {
    if (Node.isFunctionDeclaration(current) || Node.isFunctionExpression(current)) return undefined;
    if (Node.isClassDeclaration(current) || Node.isClassExpression(current)) return current;
  }
  return undefined;
}

type Assignment = { value: Node; inConstructor: boolean };

/** Per class, its `this.x = value` assignments by name: one walk of the class however often it is asked. */
const assignmentCache = new WeakMap<Node, Map<string, Assignment[]>>();

/** Every `this.name = value` in a class's own members (nested classes excluded), with the member it is in. */
function assignmentsOf(cls: Node, name: string): Assignment[] {
  let byName = assignmentCache.get(cls);
  if (!byName) {
    const found = new Map<string, Assignment[]>();
    cls.forEachDescendant((node, traversal) => {
      if (node !== cls && (Node.isClassDeclaration(node) || Node.isClassExpression(node))) return traversal.skip();
      if (!Node.isBinaryExpression(node) || node.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return;
      const left = node.getLeft();
      if (!Node.isPropertyAccessExpression(left)) return;
      if (left.getExpression().getKind() !== SyntaxKind.ThisKeyword || classOfThis(left.getExpression()) !== cls) return;
      const list = found.get(left.getName()) ?? [];
      list.push({ value: node.getRight(), inConstructor: !!node.getFirstAncestor((a) => Node.isConstructorDeclaration(a)) });
      found.set(left.getName(), list);
    });
    byName = found;
    assignmentCache.set(cls, byName);
  }
  return byName.get(name) ?? [];
}

/**
 * The value of `this.<name>` inside class `cls`, when it is fixed: a method, or a field whose value is set
 * once, either by its initializer (and never assigned) or by a single assignment in the constructor.
 * Base classes named by `extends` are searched too. Undefined when the value can change or is not found.
 */
export function classMemberValue(cls: Node, name: string, resolveClass: (expr: Node) => Node | undefined, depth = 0): Node | undefined {
  if (depth > 8 || !(Node.isClassDeclaration(cls) || Node.isClassExpression(cls))) return undefined;
  const method = cls.getInstanceMethod(name);
  if (method) return method;
  const property = cls.getInstanceProperty(name);
  // A constructor parameter property (`constructor(private state = X)`) holds an argument: not fixed.
  if (property && Node.isParameterDeclaration(property)) return undefined;
  const assigned = assignmentsOf(cls, name);
  const init = property && Node.isPropertyDeclaration(property) ? property.getInitializer() : undefined;
  if (init) return assigned.length === 0 ? init : undefined;
  if (assigned.length > 0) return assigned.length === 1 && assigned[0].inConstructor ? assigned[0].value : undefined;
  if (property) return undefined;
  const base = cls.getExtends()?.getExpression();
  const baseClass = base ? resolveClass(base) : undefined;
  return baseClass ? classMemberValue(baseClass, name, resolveClass, depth + 1) : undefined;
}
