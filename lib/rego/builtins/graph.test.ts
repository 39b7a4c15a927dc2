import { describe, expect, it } from "vitest";
import { fails, json, o, s } from "./testing";

// The org chart and path examples of OPA's policy reference (graph).
const org = o({
  ceo: ["cto", "cfo"],
  cto: ["dev"],
  cfo: ["accounting"],
  dev: [],
  accounting: [],
});

describe("graph.reachable", () => {
  it("finds every node reachable from the initial ones", () => {
    expect(json("graph.reachable", org, s("cto"))).toEqual(["cto", "dev"]);
    expect(json("graph.reachable", org, ["ceo"])).toEqual(["accounting", "ceo", "cfo", "cto", "dev"]);
  });

  it("ignores nodes that are not keys of the graph and terminates on cycles", () => {
    expect(json("graph.reachable", org, ["intern"])).toEqual([]);
    expect(json("graph.reachable", o({ a: ["b"], b: ["a", "zzz"] }), ["a"])).toEqual(["a", "b"]);
    expect(json("graph.reachable", o({ a: s("b"), b: null }), ["a"])).toEqual(["a", "b"]);
  });

  it("wants an object and an array or set", () => {
    expect(fails("graph.reachable", [], [])).toBe("eval_type_error: operand 1 must be object but got array");
    expect(fails("graph.reachable", org, "ceo")).toBe("eval_type_error: operand 2 must be one of {array, set} but got string");
  });
});

describe("graph.reachable_paths", () => {
  it("lists the paths from the initial nodes, as OPA's documented example", () => {
    const paths = o({ aTop: [], cMiddle: ["aTop"], bBottom: ["cMiddle"], dIgnored: [] });
    expect(json("graph.reachable_paths", paths, s("bBottom"))).toEqual([["bBottom", "cMiddle", "aTop"]]);
    expect(json("graph.reachable_paths", org, ["ceo"])).toEqual([
      ["ceo", "cfo", "accounting"],
      ["ceo", "cto", "dev"],
    ]);
  });

  it("stops at a cycle and at nodes missing from the graph", () => {
    expect(json("graph.reachable_paths", o({ a: ["b"], b: ["a"] }), ["a"])).toEqual([["a", "b"]]);
    expect(json("graph.reachable_paths", o({ a: ["x"] }), ["a"])).toEqual([["a"]]);
    expect(json("graph.reachable_paths", o({ a: [] }), ["a", "missing"])).toEqual([["a"]]);
  });
});
