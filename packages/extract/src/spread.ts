import { Node, type ObjectLiteralElementLike, type ObjectLiteralExpression, type SpreadAssignment, type SpreadElement } from "ts-morph";
import type { ExtractContext } from "./context.js";

/** How deep we follow spreads of spreads (`{ ...A }` where `A = { ...B }`). */
const MAX_SPREAD_DEPTH = 8;

/** One member of an object literal after spreads are expanded: a property, or a spread we cannot read. */
export type ObjectEntry =
  | { kind: "property"; property: Exclude<ObjectLiteralElementLike, SpreadAssignment> }
  | { kind: "spread"; spread: SpreadAssignment };

/** One element of an array literal after spreads are expanded: an element, or a spread we cannot read. */
export type ArrayEntry = { kind: "element"; element: Node } | { kind: "spread"; spread: SpreadElement };

/**
 * The members of an object literal in source order, with `...X` replaced by the members of `X` when `X`
 * is a statically known object literal (a const, possibly imported). A spread of anything else stays a
 * `spread` entry, so the caller can record it as unresolved instead of skipping it.
 */
export function objectEntries(ctx: ExtractContext, object: ObjectLiteralExpression, depth = 0): ObjectEntry[] {
  const entries: ObjectEntry[] = [];
  for (const property of object.getProperties()) {
    if (!Node.isSpreadAssignment(property)) {
      entries.push({ kind: "property", property });
      continue;
    }
    const value = ctx.resolver.valueOf(property.getExpression());
    if (Node.isObjectLiteralExpression(value) && depth < MAX_SPREAD_DEPTH) entries.push(...objectEntries(ctx, value, depth + 1));
    else entries.push({ kind: "spread", spread: property });
  }
  return entries;
}

/** The elements of an array literal, with `...X` replaced by the elements of `X` when `X` is a known array literal. */
export function arrayEntries(ctx: ExtractContext, array: Node, depth = 0): ArrayEntry[] {
  if (!Node.isArrayLiteralExpression(array)) return [];
  const entries: ArrayEntry[] = [];
  for (const element of array.getElements()) {
    if (!Node.isSpreadElement(element)) {
      entries.push({ kind: "element", element });
      continue;
    }
    const value = ctx.resolver.valueOf(element.getExpression());
    if (Node.isArrayLiteralExpression(value) && depth < MAX_SPREAD_DEPTH) entries.push(...arrayEntries(ctx, value, depth + 1));
    else entries.push({ kind: "spread", spread: element });
  }
  return entries;
}

/** The value node of a `key: value` or shorthand `key` property; undefined for methods and accessors. */
export function propertyValue(property: Node): Node | undefined {
  if (Node.isPropertyAssignment(property)) return property.getInitializerOrThrow();
  if (Node.isShorthandPropertyAssignment(property)) return property.getNameNode();
  return undefined;
}
