import { describe, expect, it } from "vitest";
import { equal, RObject, RSet } from "../value";
import { call } from "./testing";

describe("yaml", () => {
  it("marshals as go-yaml does (sorted keys, unindented sequences, quoted look-alikes)", () => {
    const v = RObject.fromRecord({ z: RSet.of(["b", "a"]), a: "on", num: "42", m: new RObject(), n: 1 });
    // "n" is a YAML 1.1 boolean, so go-yaml quotes it even as a key.
    expect(call("yaml.marshal", v)).toBe('a: "on"\nm: {}\n"n": 1\nnum: "42"\nz:\n- a\n- b\n');
  });

  it("unmarshals with YAML 1.1 resolution and exact integers", () => {
    const v = call("yaml.unmarshal", "a: yes\nb: 0x10\nc: 2024-01-02\nd: 123456789012345678901\ne: [1, 2.5]\nf: ~\n") as RObject;
    expect(v.get("a")).toBe(true);
    expect(v.get("b")).toBe(16);
    expect(v.get("c")).toBe("2024-01-02");
    expect(v.get("d")).toBe(123456789012345678901n);
    expect(v.get("e")).toEqual([1, 2.5]);
    expect(v.get("f")).toBe(null);
  });

  it("reads the first document of a stream, and an empty stream as null", () => {
    expect(equal(call("yaml.unmarshal", "a: 1\n---\nb: 2\n")!, RObject.fromRecord({ a: 1 }))).toBe(true);
    expect(call("yaml.unmarshal", "")).toBe(null);
  });

  it("round-trips values", () => {
    const v = RObject.fromRecord({ list: [RObject.fromRecord({ k: "v" })], s: "multi\nline" });
    expect(equal(call("yaml.unmarshal", call("yaml.marshal", v) as string)!, v)).toBe(true);
  });

  it("reports go-yaml style errors and validates", () => {
    expect(() => call("yaml.unmarshal", "[a, b")).toThrow("yaml: line 1: did not find expected ',' or ']'");
    expect(() => call("yaml.unmarshal", "k: {a: 1")).toThrow("yaml: line 1: did not find expected ',' or '}'");
    expect(call("yaml.is_valid", "a:\n  - b\n")).toBe(true);
    expect(call("yaml.is_valid", "a: [")).toBe(false);
  });
});

describe("yaml.marshal scalar styles", () => {
  it("double-quotes type look-alikes and single-quotes other non-plain strings", () => {
    const v = RObject.fromRecord({ a: "k: v", b: "0x1F", c: "", d: "2001-12-14", e: "plain", f: "two\nlines" });
    expect(call("yaml.marshal", v)).toBe("a: 'k: v'\nb: \"0x1F\"\nc: \"\"\nd: \"2001-12-14\"\ne: plain\nf: |-\n  two\n  lines\n");
  });
});

describe("yaml.unmarshal edge cases", () => {
  it("reports bad anchors, non-JSON values and go-yaml's common syntax errors", () => {
    expect(() => call("yaml.unmarshal", "a: *missing")).toThrow("yaml: unknown anchor 'missing' referenced");
    expect(() => call("yaml.unmarshal", "a: &x [1, *x]")).toThrow("yaml: anchor value contains itself");
    expect(() => call("yaml.unmarshal", "a: .inf")).toThrow("json: unsupported value: +Inf");
    expect(() => call("yaml.unmarshal", "a: b: c")).toThrow("yaml: line 1: mapping values are not allowed in this context");
    expect((call("yaml.unmarshal", "a: !!binary aGk=") as RObject).get("a")).toBe("hi");
  });
});
