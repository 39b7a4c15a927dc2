import { describe, expect, it } from "vitest";
import { lookupBuiltin, type BuiltinContext } from ".";
import { RObject, type Value } from "../value";

const newCtx = (): BuiltinContext => ({ strict: true, nowNs: 0n, cache: new Map() });
const call = (ctx: BuiltinContext, name: string, ...args: Value[]) => lookupBuiltin(name)!.impl(args, ctx);

describe("uuid", () => {
  it("generates version 4 UUIDs, stable per key within a query", () => {
    const ctx = newCtx();
    const a = call(ctx, "uuid.rfc4122", "a") as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call(ctx, "uuid.rfc4122", "a")).toBe(a);
    expect(call(ctx, "uuid.rfc4122", "b")).not.toBe(a);
    expect(call(newCtx(), "uuid.rfc4122", "a")).not.toBe(a);
  });

  it("parses version, variant and version 1 fields", () => {
    const ctx = newCtx();
    const v4 = call(ctx, "uuid.parse", "{A3BB189E-8BF9-4888-9912-ACE4E6543002}") as RObject;
    expect(v4.get("version")).toBe(4);
    expect(v4.get("variant")).toBe("RFC4122");
    expect(v4.size).toBe(2);
    const v1 = call(ctx, "uuid.parse", "00000000-0000-1000-8000-0242ac130003") as RObject;
    expect(v1.get("version")).toBe(1);
    expect(v1.get("clocksequence")).toBe(0);
    expect(v1.get("nodeid")).toBe("local:unicast:0242ac130003");
    expect(v1.get("time")).toBe(-12219292800000000000n);
    expect(call(ctx, "uuid.parse", "not-a-uuid")).toBeUndefined();
  });
});
