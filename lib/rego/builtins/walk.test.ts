import { describe, expect, it } from "vitest";
import { lookupBuiltin } from ".";
import { json, s, o } from "./testing";

describe("walk", () => {
  const walk = lookupBuiltin("walk")!;

  it("is declared as a relation with one input", () => {
    expect(walk.relation).toBe(true);
    expect(walk.decl.args).toHaveLength(1);
  });

  it("yields [path, value] for every node in pre-order", () => {
    expect(json("walk", 1)).toEqual([[[], 1]]);
    expect(json("walk", [1, 2])).toEqual([
      [[], [1, 2]],
      [[0], 1],
      [[1], 2],
    ]);
    expect(json("walk", o({ v2: "goodbye", v1: "hello" }))).toEqual([
      [[], { v1: "hello", v2: "goodbye" }],
      [["v1"], "hello"],
      [["v2"], "goodbye"],
    ]);
    expect(json("walk", o([{ foo: 1, bar: 2 }]))).toEqual([
      [[], [{ bar: 2, foo: 1 }]],
      [[0], { bar: 2, foo: 1 }],
      [[0, "bar"], 2],
      [[0, "foo"], 1],
    ]);
  });

  it("uses set members as their own path segments", () => {
    expect(json("walk", s(s(1, 2)))).toEqual([
      [[], [[1, 2]]],
      [[[1, 2]], [1, 2]],
      [[[1, 2], 1], 1],
      [[[1, 2], 2], 2],
    ]);
  });
});
