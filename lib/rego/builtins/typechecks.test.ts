import { describe, expect, it } from "vitest";
import { type Value } from "../value";
import { call, s, o } from "./testing";

describe("type tests", () => {
  const samples: [Value, string][] = [
    [null, "null"],
    [true, "boolean"],
    [-42.5, "number"],
    [2n ** 70n, "number"],
    ["Hello", "string"],
    [[1, 2], "array"],
    [s(1), "set"],
    [o({ foo: 1 }), "object"],
  ];

  it("name each kind", () => {
    for (const [v, name] of samples) expect(call("type_name", v)).toBe(name);
  });

  it("test each kind", () => {
    for (const [v, name] of samples) {
      for (const kind of ["null", "boolean", "number", "string", "array", "set", "object"]) {
        expect(call(`is_${kind}`, v)).toBe(kind === name);
      }
    }
  });
});
