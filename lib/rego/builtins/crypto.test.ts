import { describe, expect, it } from "vitest";
import { compile } from "@/lib/rego";
import { call, fails } from "./testing";

// Vectors: FIPS 180 ("abc"), RFC 1321 (""), RFC 2104 / RFC 2202 / RFC 4231 ("Jefe").
const JEFE = "what do ya want for nothing?";

describe("crypto hashes", () => {
  it("hex-encodes the digest of the string's bytes", () => {
    expect(call("crypto.md5", "")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(call("crypto.sha1", "abc")).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(call("crypto.sha256", "abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // UTF-8 bytes, as Go hashes the string's bytes.
    expect(call("crypto.md5", "é")).toBe("66ddcd97cfdeabb2f6fb8a999b4bc76f");
    expect(call("crypto.sha256", "é")).toBe("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  });

  it("rejects non-string operands", () => {
    expect(fails("crypto.sha256", 1)).toBe("eval_type_error: operand 1 must be string but got number");
  });
});

describe("crypto.hmac", () => {
  it("computes RFC test vectors", () => {
    expect(call("crypto.hmac.md5", JEFE, "Jefe")).toBe("750c783e6ab0b503eaa86e310a5db738");
    expect(call("crypto.hmac.sha1", JEFE, "Jefe")).toBe("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    expect(call("crypto.hmac.sha256", JEFE, "Jefe")).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    expect(call("crypto.hmac.sha512", JEFE, "Jefe")).toBe(
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    );
  });

  it("compares MACs with crypto.hmac.equal", () => {
    const mac = call("crypto.hmac.sha256", "message", "key") as string;
    expect(call("crypto.hmac.equal", mac, mac)).toBe(true);
    const flipped = mac.slice(0, -1) + (mac.endsWith("0") ? "1" : "0");
    expect(call("crypto.hmac.equal", mac, flipped)).toBe(false);
    expect(call("crypto.hmac.equal", mac, mac.slice(1))).toBe(false);
    expect(fails("crypto.hmac.equal", mac, null)).toBe("eval_type_error: operand 2 must be string but got null");
  });

  it("is declared with OPA's types: a certainly wrong argument is a compile-time type error", () => {
    const r = compile([{ file: "t.rego", source: 'package t\np := crypto.hmac.sha256(1, "k")' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: "rego_type_error" });
    const ok = compile([{ file: "t.rego", source: 'package t\np := crypto.hmac.equal(crypto.hmac.sha256("m", "k"), crypto.hmac.sha256("m", "k"))' }]);
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.policy.evalRule("data.t.p", { input: {}, data: {} })).toEqual({ ok: true, defined: true, value: true });
  });
});
