import { describe, expect, it } from "vitest";
import { equal, RObject, RSet } from "../value";
import { call } from "./testing";

describe("base64, base64url and hex", () => {
  it("encodes UTF-8 bytes", () => {
    expect(call("base64.encode", "policy?")).toBe("cG9saWN5Pw==");
    expect(call("base64.encode", "ü")).toBe("w7w=");
    expect(call("base64url.encode", "policy?")).toBe("cG9saWN5Pw==");
    expect(call("base64url.encode", "\u00ff\u00fe")).toBe("w7_Dvg==");
    expect(call("base64url.encode_no_pad", "policy?")).toBe("cG9saWN5Pw");
    expect(call("hex.encode", "hé")).toBe("68c3a9");
  });

  it("decodes strictly, as Go's StdEncoding", () => {
    expect(call("base64.decode", "cG9saWN5Pw==")).toBe("policy?");
    expect(call("base64.decode", "cG9s\r\naWN5")).toBe("policy");
    expect(() => call("base64.decode", "cG9saWN5Pw")).toThrow("illegal base64 data at input byte 8");
    expect(() => call("base64.decode", "cG9s!WN5")).toThrow("illegal base64 data at input byte 4");
    expect(call("base64.is_valid", "cG9saWN5")).toBe(true);
    expect(call("base64.is_valid", "not base64")).toBe(false);
  });

  it("accepts unpadded base64url input", () => {
    expect(call("base64url.decode", "cG9saWN5Pw")).toBe("policy?");
    expect(call("base64url.decode", "cG9saWN5Pw==")).toBe("policy?");
    expect(call("base64url.decode", "w7_Dvg")).toBe("\u00ff\u00fe");
    expect(() => call("base64url.decode", "abcde")).toThrow("illegal base64url string: abcde");
  });

  it("decodes hex with Go's errors", () => {
    expect(call("hex.decode", "68C3A9")).toBe("hé");
    expect(() => call("hex.decode", "6x")).toThrow("encoding/hex: invalid byte: U+0078 'x'");
    expect(() => call("hex.decode", "686")).toThrow("encoding/hex: odd length hex string");
  });
});

describe("urlquery", () => {
  it("escapes and unescapes like Go's url.QueryEscape", () => {
    expect(call("urlquery.encode", "a b/c?d=é~")).toBe("a+b%2Fc%3Fd%3D%C3%A9~");
    expect(call("urlquery.decode", "a+b%2Fc%3fd%3D%C3%A9")).toBe("a b/c?d=é");
    expect(() => call("urlquery.decode", "100%")).toThrow('invalid URL escape "%"');
    expect(() => call("urlquery.decode", "%g1")).toThrow('invalid URL escape "%g1"');
  });

  it("encodes and decodes objects of values", () => {
    const o = RObject.fromRecord({ z: "1", a: ["x", "y z"], s: RSet.of(["q"]) });
    expect(call("urlquery.encode_object", o)).toBe("a=x&a=y+z&s=q&z=1");
    expect(() => call("urlquery.encode_object", RObject.fromRecord({ a: 1 }))).toThrow("values must be string, array[string], or set[string]");
    const d = call("urlquery.decode_object", "a=1&b=%20&a=2&c") as RObject;
    expect(d.get("a")).toEqual(["1", "2"]);
    expect(d.get("b")).toEqual([" "]);
    expect(d.get("c")).toEqual([""]);
  });
});

describe("json", () => {
  it("marshals compactly with sorted keys and Go's HTML-safe escapes", () => {
    const v = RObject.fromRecord({ b: RSet.of([3, 1]), a: "<x & y>", c: [null, true, 1.5, 2n ** 70n] });
    expect(call("json.marshal", v)).toBe('{"a":"\\u003cx \\u0026 y\\u003e","b":[1,3],"c":[null,true,1.5,1180591620717411303424]}');
    expect(call("json.marshal", "tab\tnl\nq\"\u0001")).toBe('"tab\\tnl\\nq\\"\\u0001"');
  });

  it("marshals with options (pretty, prefix, indent)", () => {
    const v = RObject.fromRecord({ k: [1, 2], e: [] });
    expect(call("json.marshal_with_options", v, RObject.fromRecord({ indent: "  " }))).toBe('{\n  "e": [],\n  "k": [\n    1,\n    2\n  ]\n}');
    expect(call("json.marshal_with_options", [1], RObject.fromRecord({ prefix: "> " }))).toBe("> [\n> \t1\n> ]");
    expect(call("json.marshal_with_options", [1], RObject.fromRecord({ pretty: false, indent: "x" }))).toBe("[1]");
    expect(call("json.marshal_with_options", [1], new RObject())).toBe("[1]");
    expect(() => call("json.marshal_with_options", [1], RObject.fromRecord({ colour: true }))).toThrow('operand 2 object contained unknown key "colour"');
    expect(() => call("json.marshal_with_options", [1], RObject.fromRecord({ pretty: "yes" }))).toThrow('operand 2 key "pretty" failed cast to bool');
  });

  it("unmarshals exactly, with Go's error texts", () => {
    const v = call("json.unmarshal", '{"n": 18446744073709551616, "f": 0.5, "s": "\\u00e9"}')!;
    expect(equal(v, RObject.fromRecord({ n: 18446744073709551616n, f: 0.5, s: "é" }))).toBe(true);
    expect(() => call("json.unmarshal", "{x}")).toThrow("invalid character 'x' looking for beginning of object key string");
    expect(() => call("json.unmarshal", "[1 2]")).toThrow("invalid character '2' after array element");
    expect(() => call("json.unmarshal", "nope")).toThrow("invalid character 'o' in literal null (expecting 'u')");
    expect(() => call("json.unmarshal", '{"a":1')).toThrow("unexpected EOF");
    expect(() => call("json.unmarshal", "1 2")).toThrow("invalid character '2' after top-level value");
    expect(() => call("json.unmarshal", 1)).toThrow("operand 1 must be string but got number");
  });

  it("validates JSON text", () => {
    expect(call("json.is_valid", '{"a": [1, 2]}')).toBe(true);
    expect(call("json.is_valid", "{'a': 1}")).toBe(false);
    expect(call("json.is_valid", "")).toBe(false);
  });
});
