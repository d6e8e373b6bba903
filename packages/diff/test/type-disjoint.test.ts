/**
 * Disjoint types (issue 9, class 15): no old value, null aside, is a value of the new type. A disjoint type
 * makes every stored value unusable, which type-narrowed reports when a node meets the stored value after a
 * resume or on a finished thread's next turn before the graph writes the key again.
 */
import { describe, expect, it } from "vitest";
import type { ChannelSnapshot, NodeSnapshot } from "@langgraph-compat/snapshot";
import { disjointTypes } from "../src/type-disjoint.js";
import { channel, diff, graph, node, START, END } from "./helpers.js";

const obj = (props: Record<string, object>, required = Object.keys(props)) => ({ type: "object", properties: props, required });
const S = { type: "string" };
const N = { type: "number" };

describe("disjointTypes", () => {
  it("primitive types with no shared JSON type are disjoint; overlapping ones are not", () => {
    expect(disjointTypes(S, N)).toBe(true);
    expect(disjointTypes({ type: "integer" }, N)).toBe(false);
    expect(disjointTypes(N, { type: "integer" })).toBe(false);
    expect(disjointTypes({ type: ["string", "number"] }, N)).toBe(false);
  });

  it("null is no shared value: string | null to number | null is disjoint", () => {
    expect(disjointTypes({ type: ["string", "null"] }, { type: ["number", "null"] })).toBe(true);
    expect(disjointTypes({ anyOf: [S, { type: "null" }] }, N)).toBe(true);
  });

  it("value sets: disjoint when no old value is allowed, whatever the spelling", () => {
    expect(disjointTypes({ enum: ["a", "b"] }, { enum: ["c"] })).toBe(true);
    expect(disjointTypes({ enum: ["a", "b"] }, { enum: ["b", "c"] })).toBe(false);
    expect(disjointTypes({ const: "a" }, N)).toBe(true);
    expect(disjointTypes({ enum: ["a"] }, S)).toBe(false);
  });

  it("unions: every old branch must miss every new one", () => {
    expect(disjointTypes({ anyOf: [S, N] }, { type: "boolean" })).toBe(true);
    expect(disjointTypes({ anyOf: [S, N] }, N)).toBe(false);
    expect(disjointTypes(S, { anyOf: [N, { type: "boolean" }] })).toBe(true);
  });

  it("objects: another shape (new required keys, none of the old kept) or a shared required key of a disjoint type", () => {
    expect(disjointTypes(obj({ text: S }), obj({ title: S, body: S }))).toBe(true);
    expect(disjointTypes(obj({ text: S }), obj({ text: S, title: S }))).toBe(false); // one more field: a narrowing
    expect(disjointTypes(obj({ text: S }), obj({ title: S }, []))).toBe(false); // nothing required: {} fits both
    expect(disjointTypes(obj({ id: S, text: S }), obj({ id: N, text: S }))).toBe(true);
    expect(disjointTypes(obj({ id: S }, []), obj({ id: N }))).toBe(false); // old values may lack id
  });

  it("lists with disjoint elements are disjoint (every non-empty old list); unmodelled types never are", () => {
    expect(disjointTypes({ type: "array", items: S }, { type: "array", items: N })).toBe(true);
    expect(disjointTypes({ type: "array", items: S }, { type: "array", items: { anyOf: [S, N] } })).toBe(false);
    expect(disjointTypes({ "x-source": "Doc" }, N)).toBe(false);
    expect(disjointTypes({}, N)).toBe(false);
    expect(disjointTypes({ allOf: [S] }, N)).toBe(false);
  });
});

describe("type-narrowed on a disjoint type: who meets the stored value", () => {
  const key = (type: object): ChannelSnapshot => channel("draft", { type });
  const pair = async (nodes: NodeSnapshot[], edges: Array<[string, string]>) => {
    const result = await diff(graph({ nodes, edges, channels: [key(S)] }), graph({ nodes, edges, channels: [key(N)] }));
    return result.findings.map((f) => [f.ruleId, f.severity, (f.meta as { readers?: string[] }).readers]);
  };

  it("is breaking when, on a finished thread's next turn, a node reads the key before any node writes it", async () => {
    const nodes = [node("load", { reads: ["draft"] }), node("write", { writes: ["draft"] })];
    expect(await pair(nodes, [[START, "load"], ["load", "write"], ["write", END]])).toEqual([["type-narrowed", "breaking", ["load"]]]);
  });

  it("is risky when the graph writes the key before any node reads it on a new turn", async () => {
    const nodes = [node("write", { writes: ["draft"], alwaysWrites: ["draft"] }), node("load", { reads: ["draft"] })];
    expect(await pair(nodes, [[START, "write"], ["write", "load"], ["load", END]])).toEqual([["type-narrowed", "risky", []]]);
  });

  it("is risky for a key no node writes: the caller's input passes it again on each new turn", async () => {
    const nodes = [node("load", { reads: ["draft"] })];
    expect(await pair(nodes, [[START, "load"], ["load", END]])).toEqual([["type-narrowed", "risky", []]]);
  });
});
