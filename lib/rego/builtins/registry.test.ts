import { describe, expect, it } from "vitest";
import { lookupBuiltin, registerBuiltins, type BuiltinDef } from "./registry";
import { T } from "./types";

const probe = (result: string): BuiltinDef => ({
  name: "test.registry_probe",
  decl: { args: [], result: T.string },
  impl: () => result,
});

describe("builtin registry", () => {
  it("refuses one name defined twice in a set", () => {
    expect(() => registerBuiltins([probe("a"), probe("b")])).toThrow("builtin test.registry_probe defined twice");
  });

  it("lets a re-registered set replace the earlier definitions, as a hot reload does", () => {
    registerBuiltins([probe("first")]);
    registerBuiltins([probe("second")]);
    expect(lookupBuiltin("test.registry_probe")!.impl([], { strict: true, nowNs: 0n, cache: new Map() })).toBe("second");
  });
});
