import { describe, expect, it } from "vitest";
import { lookupBuiltin, type BuiltinContext } from ".";
import { RObject, toJSON, type Value } from "../value";

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
    expect(v1.get("nodeid")).toBe("02-42-ac-13-00-03");
    expect(v1.get("macvariables")).toBe("local:unicast");
    // the Gregorian epoch is 1582: Go's int64 nanoseconds since 1970 wrap, and OPA returns the wrapped value
    expect(v1.get("time")).toBe(-12219292800000000000n + 2n ** 64n);
    expect(call(ctx, "uuid.parse", "not-a-uuid")).toBeUndefined();
  });

  it("decodes version 1 and 2 UUIDs with OPA's fields", () => {
    // a version 1 UUID of 2022-03-08 (time_low ... node as google/uuid reads them)
    expect(toJSON(call(newCtx(), "uuid.parse", "6e3f3fa4-9efb-11ec-b909-325096b39f47")!)).toEqual({
      clocksequence: 0x3909,
      macvariables: "local:unicast",
      nodeid: "32-50-96-b3-9f-47",
      time: 1646756326526147600n, // (0x1ec9efb6e3f3fa4 - 0x1b21dd213814000) * 100
      variant: "RFC4122",
      version: 1,
    });
    // version 2 (DCE security): the local id replaces time_low, the domain is byte 9
    const v2 = toJSON(call(newCtx(), "uuid.parse", "000003e8-4f5e-21ef-b101-0cc47a0b1c6d")!) as Record<string, unknown>;
    expect(v2).toMatchObject({ version: 2, variant: "RFC4122", id: 1000, domain: "Group", clocksequence: 0x3101 });
    expect(v2.nodeid).toBe("0c-c4-7a-0b-1c-6d");
    expect(v2.macvariables).toBe("global:unicast");
    expect(toJSON(call(newCtx(), "uuid.parse", "000003e8-4f5e-21ef-b105-0cc47a0b1c6d")!)).toMatchObject({ domain: "Domain5" });
  });
});
