import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allBuiltins, lookupBuiltin } from ".";
import { builtinRows, withBuiltinTable } from "./capabilities-table";
import { OPA_BUILTINS } from "./opa-capabilities";
import { declDifferences, parseOpaSignature, parseOpaType } from "./opa-types";
import { T } from "./types";

describe("OPA's type notation", () => {
  it("reads dynamic, static and union types into TypeSpecs", () => {
    expect(parseOpaType("object[string: any<number, set[string]>]")).toEqual(T.object(T.string, T.union(T.number, T.set(T.string))));
    expect(parseOpaType("array<number, string>")).toEqual(T.array(T.union(T.number, T.string)));
    expect(parseOpaType("array<number, number>")).toEqual(T.array(T.number));
    expect(parseOpaType("object<indent: string, pretty: boolean>[string: any]")).toEqual(T.object(T.string, T.any));
    expect(parseOpaType("any<string, any>")).toEqual(T.any);
    expect(parseOpaSignature("(...any)")).toEqual({ args: [], variadic: T.any });
    expect(parseOpaSignature("() => number")).toEqual({ args: [], result: T.number });
    expect(() => parseOpaType("array[number")).toThrow();
  });

  it("every signature of the capabilities list parses", () => {
    for (const b of OPA_BUILTINS) expect(() => parseOpaSignature(b.sig), b.name).not.toThrow();
  });
});

describe("builtin declarations", () => {
  it("agree with OPA's declared types, for every OPA builtin registered here", () => {
    const differences = OPA_BUILTINS.flatMap((b) => {
      const def = lookupBuiltin(b.name);
      return def ? declDifferences(def.decl, b.sig).map((d) => `${b.name}: ${d}`) : [];
    });
    expect(differences).toEqual([]);
  });

  it("register only OPA's builtins, plus test.sleep (OPA's test-only builtin)", () => {
    const opa = new Set(OPA_BUILTINS.map((b) => b.name));
    expect([...allBuiltins()].map((d) => d.name).filter((n) => !opa.has(n))).toEqual(["test.sleep"]);
  });

  it("leave nothing of OPA unimplemented", () => {
    expect(builtinRows().filter((r) => !r.implemented).map((r) => r.name)).toEqual([]);
  });
});

describe("lib/rego/README.md", () => {
  it("lists every builtin of OPA's capabilities with its status here (run `npm run rego:builtins` when this fails)", () => {
    const readme = readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
    expect(withBuiltinTable(readme)).toBe(readme);
  });
});
