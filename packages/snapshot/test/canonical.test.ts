/** The one canonical JSON serializer every package uses to compare, hash and write snapshot data. */
import { describe, expect, it } from "vitest";
import { canonicalJson, serializeSnapshot, type Snapshot } from "../src/index.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[3,1,{"x":1,"y":2}]},"b":1}');
  });

  it("gives the same text for the same content written in another key order", () => {
    expect(canonicalJson({ type: "array", items: { type: "string" } })).toBe(canonicalJson({ items: { type: "string" }, type: "array" }));
  });

  it("leaves out undefined properties, as JSON does, and writes undefined array slots as null", () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1], c: {} })).toBe('{"b":[null,1],"c":{}}');
    expect(canonicalJson(undefined)).toBe("null");
  });

  it("with an indent, lays out text exactly as JSON.stringify does", () => {
    const value = { z: [], y: {}, x: [1, [2, { w: "é\"" }]], v: { u: null, t: true } };
    const sorted = { v: { t: true, u: null }, x: [1, [2, { w: "é\"" }]], y: {}, z: [] };
    expect(canonicalJson(value, 2)).toBe(JSON.stringify(sorted, null, 2));
  });

  it("writes a snapshot with two-space indent and a final newline", () => {
    const snapshot = { graphs: {}, formatVersion: 1 } as Snapshot;
    expect(serializeSnapshot(snapshot)).toBe('{\n  "formatVersion": 1,\n  "graphs": {}\n}\n');
  });
});
