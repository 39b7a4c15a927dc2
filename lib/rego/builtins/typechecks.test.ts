import { describe, expect, it } from "vitest";
import { fromJSON, RObject, RSet, toJSON, type Value } from "../value";
import { BuiltinError, lookupBuiltin, type BuiltinContext } from ".";

const ctx: BuiltinContext = { strict: true, nowNs: 0n, cache: new Map() };
const call = (name: string, ...args: Value[]) => lookupBuiltin(name)!.impl(args, ctx);
const json = (name: string, ...args: Value[]) => {
  const r = call(name, ...args);
  return r === undefined ? undefined : toJSON(r);
};
const fails = (name: string, ...args: Value[]) => {
  try {
    call(name, ...args);
  } catch (e) {
    if (e instanceof BuiltinError) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error(`${name} did not fail`);
};
const s = (...xs: Value[]) => RSet.of(xs);
const o = (x: unknown) => fromJSON(x);
void RObject;
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
