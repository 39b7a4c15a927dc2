import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CompactSign, exportJWK, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { compile } from "@/lib/rego";
import { lookupBuiltin, type BuiltinContext } from ".";
import { fromJSON, toJSON, type Value } from "../value";
import { call, fails, json, o } from "./testing";

const fixture = (name: string) => readFileSync(join(__dirname, "testdata/x509", name), "utf8");

// jwt.io's example token, signed with HS256 and the secret "your-256-bit-secret".
const JWT_IO =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const otherRsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const p256 = generateKeyPairSync("ec", { namedCurve: "P-256" });
const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" });
const p521 = generateKeyPairSync("ec", { namedCurve: "P-521" });
const ed = generateKeyPairSync("ed25519");
const pem = (k: KeyObject) => k.export({ format: "pem", type: "spki" }) as string;

/** Tokens signed by jose, an implementation independent of the one under test. */
async function token(alg: string, key: KeyObject | Uint8Array, claims: Record<string, unknown> = { sub: "alice" }, header: Record<string, unknown> = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: "JWT", ...header }).sign(key);
}

const withClock = (nowNs: bigint): BuiltinContext => ({ strict: true, nowNs, cache: new Map() });
const decodeVerify = (jwt: string, constraints: Record<string, unknown>, nowNs = 0n) =>
  toJSON(lookupBuiltin("io.jwt.decode_verify")!.impl([jwt, fromJSON(constraints)], withClock(nowNs)) as Value) as unknown[];

describe("io.jwt.decode", () => {
  it("returns [header, payload, signature as hex]", () => {
    expect(json("io.jwt.decode", JWT_IO)).toEqual([
      { alg: "HS256", typ: "JWT" },
      { sub: "1234567890", name: "John Doe", iat: 1516239022 },
      "49f94ac7044948c78a285d904f87f0a4c7897f7e8f3a4eb2255fda750b2cc397",
    ]);
  });

  it("reports malformed tokens as OPA does", () => {
    expect(fails("io.jwt.decode", "nodots")).toBe("eval_builtin_error: encoded JWT had no period separators");
    expect(fails("io.jwt.decode", "a.b")).toBe("eval_builtin_error: encoded JWT must have 3 sections, found 2");
    const jwe = Buffer.from('{"alg":"RSA-OAEP","enc":"A256GCM"}').toString("base64url");
    expect(fails("io.jwt.decode", `${jwe}.e30.`)).toBe("eval_builtin_error: JWT is a JWE object, which is not supported");
    const notObject = Buffer.from("[1]").toString("base64url");
    expect(fails("io.jwt.decode", `e30.${notObject}.`)).toBe("eval_builtin_error: decoded JSON type was not an Object");
  });

  it("decodes a nested token (cty JWT) to the inner one", async () => {
    const inner = await token("HS256", Buffer.from("k"), { sub: "inner" });
    const outer = await new CompactSign(new TextEncoder().encode(inner)).setProtectedHeader({ alg: "HS256", cty: "JWT" }).sign(Buffer.from("k"));
    expect((json("io.jwt.decode", outer) as unknown[])[1]).toEqual({ sub: "inner" });
  });
});

describe("io.jwt.verify_*", () => {
  it("verifies HMAC signatures with the plain-text secret", async () => {
    expect(call("io.jwt.verify_hs256", JWT_IO, "your-256-bit-secret")).toBe(true);
    expect(call("io.jwt.verify_hs256", JWT_IO, "another secret")).toBe(false);
    expect(call("io.jwt.verify_hs384", JWT_IO, "your-256-bit-secret")).toBe(false);
    expect(call("io.jwt.verify_hs384", await token("HS384", Buffer.from("s3")), "s3")).toBe(true);
    expect(call("io.jwt.verify_hs512", await token("HS512", Buffer.from("s5")), "s5")).toBe(true);
  });

  it("verifies RSA, PSS, ECDSA and EdDSA signatures with PEM public keys", async () => {
    const cases: [string, string, KeyObject, KeyObject][] = [
      ["io.jwt.verify_rs256", "RS256", rsa.privateKey, rsa.publicKey],
      ["io.jwt.verify_rs384", "RS384", rsa.privateKey, rsa.publicKey],
      ["io.jwt.verify_rs512", "RS512", rsa.privateKey, rsa.publicKey],
      ["io.jwt.verify_ps256", "PS256", rsa.privateKey, rsa.publicKey],
      ["io.jwt.verify_ps384", "PS384", rsa.privateKey, rsa.publicKey],
      ["io.jwt.verify_ps512", "PS512", rsa.privateKey, rsa.publicKey],
      ["io.jwt.verify_es256", "ES256", p256.privateKey, p256.publicKey],
      ["io.jwt.verify_es384", "ES384", p384.privateKey, p384.publicKey],
      ["io.jwt.verify_es512", "ES512", p521.privateKey, p521.publicKey],
      ["io.jwt.verify_eddsa", "EdDSA", ed.privateKey, ed.publicKey],
    ];
    for (const [name, alg, priv, pub] of cases) {
      const jwt = await token(alg, priv);
      expect(call(name, jwt, pem(pub)), `${name} accepts ${alg}`).toBe(true);
      const tampered = jwt.replace(/\.[^.]+\./, "." + Buffer.from('{"sub":"mallory"}').toString("base64url") + ".");
      expect(call(name, tampered, pem(pub)), `${name} rejects a changed payload`).toBe(false);
    }
    expect(call("io.jwt.verify_rs256", await token("RS256", rsa.privateKey), pem(otherRsa.publicKey))).toBe(false);
    // The builtin's algorithm is the one checked, whatever the header says.
    expect(call("io.jwt.verify_rs384", await token("RS256", rsa.privateKey), pem(rsa.publicKey))).toBe(false);
    expect(call("io.jwt.verify_es256", await token("RS256", rsa.privateKey), pem(rsa.publicKey))).toBe(false);
  });

  it("takes the key from a PEM certificate", async () => {
    const key = (await import("node:crypto")).createPrivateKey(fixture("leaf.key"));
    const jwt = await token("RS256", key);
    expect(call("io.jwt.verify_rs256", jwt, fixture("leaf.pem"))).toBe(true);
    expect(call("io.jwt.verify_rs256", jwt, fixture("root.pem"))).toBe(false);
    expect(fails("io.jwt.verify_rs256", jwt, fixture("leaf.pem") + "trailing")).toBe("eval_builtin_error: extra data after a PEM certificate block");
    expect(fails("io.jwt.verify_rs256", jwt, fixture("leaf.key"))).toBe("eval_builtin_error: failed to extract a Key from the PEM certificate");
  });

  it("takes keys from a JWK or a JWK set, preferring the key with the token's kid", async () => {
    const good = { ...(await exportJWK(rsa.publicKey)), kid: "good" };
    const other = { ...(await exportJWK(otherRsa.publicKey)), kid: "other" };
    const jwt = await token("RS256", rsa.privateKey, {}, { kid: "good" });
    expect(call("io.jwt.verify_rs256", jwt, JSON.stringify(good))).toBe(true);
    expect(call("io.jwt.verify_rs256", jwt, JSON.stringify({ keys: [other, good] }))).toBe(true);
    // A kid that matches picks that key alone.
    expect(call("io.jwt.verify_rs256", jwt, JSON.stringify({ keys: [{ ...other, kid: "good" }, { ...good, kid: "x" }] }))).toBe(false);
    // Without a kid match every key is tried, but not those whose alg differs from the header's.
    const noKid = await token("RS256", rsa.privateKey);
    expect(call("io.jwt.verify_rs256", noKid, JSON.stringify({ keys: [other, good] }))).toBe(true);
    expect(call("io.jwt.verify_rs256", noKid, JSON.stringify({ keys: [{ ...good, alg: "RS512" }] }))).toBe(false);
    expect(fails("io.jwt.verify_rs256", noKid, "{not json")).toMatch(/^eval_builtin_error: failed to parse a JWK key \(set\): /);
  });
});

describe("io.jwt.decode_verify", () => {
  const secret = "s3cr3t";
  const now = 1_700_000_000n * 1_000_000_000n;

  it("returns [true, header, payload] when the signature and the claims check out", async () => {
    const jwt = await token("HS256", Buffer.from(secret), { iss: "hub", aud: "gate", exp: 1_700_000_100, nbf: 1_699_999_900 });
    expect(decodeVerify(jwt, { secret, iss: "hub", aud: "gate" }, now)).toEqual([
      true,
      { alg: "HS256", typ: "JWT" },
      { iss: "hub", aud: "gate", exp: 1_700_000_100, nbf: 1_699_999_900 },
    ]);
    const rs = await token("RS256", rsa.privateKey, { sub: "x" });
    expect(decodeVerify(rs, { cert: pem(rsa.publicKey), alg: "RS256" })[0]).toBe(true);
    expect(decodeVerify(rs, { cert: JSON.stringify({ keys: [await exportJWK(rsa.publicKey)] }) })[0]).toBe(true);
  });

  it("returns [false, {}, {}] when a check fails", async () => {
    const unverified = [false, {}, {}];
    const jwt = await token("HS256", Buffer.from(secret), { iss: "hub", aud: ["gate", "ui"], exp: 1_700_000_100, nbf: 1_699_999_900 });
    expect(decodeVerify(jwt, { secret: "wrong", aud: "gate" }, now)).toEqual(unverified);
    expect(decodeVerify(jwt, { secret, alg: "HS512", aud: "gate" }, now)).toEqual(unverified);
    expect(decodeVerify(jwt, { secret, iss: "other", aud: "gate" }, now)).toEqual(unverified);
    expect(decodeVerify(jwt, { secret, aud: "ui" }, now)[0]).toBe(true);
    expect(decodeVerify(jwt, { secret, aud: "api" }, now)).toEqual(unverified);
    // A token with an audience needs a matching aud constraint.
    expect(decodeVerify(jwt, { secret }, now)).toEqual(unverified);
    // exp is exclusive, nbf inclusive.
    expect(decodeVerify(jwt, { secret, aud: "gate", time: 1_700_000_100 * 1e9 })).toEqual(unverified);
    expect(decodeVerify(jwt, { secret, aud: "gate", time: 1_699_999_900 * 1e9 })[0]).toBe(true);
    expect(decodeVerify(jwt, { secret, aud: "gate", time: 1_699_999_899 * 1e9 })).toEqual(unverified);
    const noAud = await token("HS256", Buffer.from(secret), {});
    expect(decodeVerify(noAud, { secret, aud: "gate" })).toEqual(unverified);
    // An unknown critical header parameter invalidates the token.
    const crit = call("io.jwt.encode_sign_raw", '{"alg":"HS256","crit":["x-unknown"],"x-unknown":1}', "{}", JSON.stringify({ kty: "oct", k: Buffer.from(secret).toString("base64url") })) as string;
    expect(call("io.jwt.verify_hs256", crit, secret)).toBe(true);
    expect(decodeVerify(crit, { secret })).toEqual(unverified);
    // An asymmetric key never verifies an HMAC token (no alg confusion).
    const confused = await token("HS256", Buffer.from(pem(rsa.publicKey)), {});
    expect(decodeVerify(confused, { cert: pem(rsa.publicKey) })).toEqual(unverified);
  });

  it("uses the query's clock when no time constraint is given", async () => {
    const jwt = await token("HS256", Buffer.from(secret), { exp: 1_700_000_100 });
    expect(decodeVerify(jwt, { secret }, now)[0]).toBe(true);
    expect(decodeVerify(jwt, { secret }, now + 200n * 1_000_000_000n)[0]).toBe(false);
  });

  it("rejects bad constraints with OPA's errors", async () => {
    const jwt = await token("HS256", Buffer.from(secret));
    const err = (c: Record<string, unknown>) => {
      try {
        decodeVerify(jwt, c);
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    expect(err({ secret, foo: 1 })).toBe("unknown token validation constraint: foo");
    expect(err({ secret, cert: pem(rsa.publicKey) })).toBe("duplicate key constraints");
    expect(err({ iss: "x" })).toBe("no key constraint");
    expect(err({ secret: 1 })).toBe("secret constraint: must be a string");
    expect(err({ secret, time: -1 })).toBe("token time constraint: must not be negative");
    const badExp = await token("HS256", Buffer.from(secret), { exp: "soon" });
    expect(() => decodeVerify(badExp, { secret })).toThrow("exp value must be a number");
  });
});

describe("io.jwt.encode_sign", () => {
  const octKey = { kty: "oct", k: "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow" };

  it("reproduces RFC 7515 appendix A.1 with encode_sign_raw", () => {
    const header = '{"typ":"JWT",\r\n "alg":"HS256"}';
    const payload = '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}';
    expect(call("io.jwt.encode_sign_raw", header, payload, JSON.stringify(octKey))).toBe(
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    );
  });

  it("signs Rego objects (keys sorted, as Go marshals them) with every algorithm family", async () => {
    const hs = call("io.jwt.encode_sign", o({ typ: "JWT", alg: "HS256" }), o({ iss: "joe", aud: ["bob"] }), o(octKey)) as string;
    expect(hs.split(".")[0]).toBe(Buffer.from('{"alg":"HS256","typ":"JWT"}').toString("base64url"));
    const { payload } = await jwtVerify(hs, Buffer.from(octKey.k, "base64url"), { audience: "bob", issuer: "joe" });
    expect(payload).toEqual({ iss: "joe", aud: ["bob"] });
    const pairs: [string, { privateKey: KeyObject; publicKey: KeyObject }][] = [
      ["RS256", rsa],
      ["PS384", rsa],
      ["ES256", p256],
      ["ES512", p521],
      ["EdDSA", ed],
    ];
    for (const [alg, pair] of pairs) {
      const jwk = await exportJWK(pair.privateKey);
      const jwt = call("io.jwt.encode_sign", o({ alg }), o({ sub: "svc" }), o(jwk)) as string;
      expect(decodeVerify(jwt, { cert: pem(pair.publicKey) }), alg).toEqual([true, { alg }, { sub: "svc" }]);
    }
  });

  it("refuses unknown algorithms, non-JSON JWT payloads and unusable keys", async () => {
    expect(fails("io.jwt.encode_sign_raw", '{"alg":"none"}', "{}", JSON.stringify(octKey))).toBe("eval_builtin_error: unknown JWS algorithm: none");
    expect(fails("io.jwt.encode_sign_raw", '{"alg":"HS256","typ":"JWT"}', "not json", JSON.stringify(octKey))).toBe(
      "eval_builtin_error: type is JWT but payload is not JSON",
    );
    expect(call("io.jwt.encode_sign_raw", '{"alg":"HS256","typ":"text"}', "not json", JSON.stringify(octKey))).toMatch(/^[\w-]+\.bm90IGpzb24\.[\w-]+$/);
    expect(fails("io.jwt.encode_sign", o({ alg: "RS256" }), o({}), o(await exportJWK(rsa.publicKey)))).toMatch(/^eval_builtin_error: failed to sign payload/);
  });
});

describe("io.jwt in policies", () => {
  it("verifies a token from the input and reads its claims", async () => {
    const jwt = await token("HS256", Buffer.from("k"), { sub: "alice", roles: ["admin"] });
    const r = compile([
      {
        file: "t.rego",
        source: `package t
allow if {
  [valid, _, claims] := io.jwt.decode_verify(input.token, {"secret": "k"})
  valid
  "admin" in claims.roles
}`,
      },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.evalRule("data.t.allow", { input: { token: jwt }, data: {} })).toEqual({ ok: true, defined: true, value: true });
    expect(r.policy.evalRule("data.t.allow", { input: { token: jwt.slice(0, -2) + "AA" }, data: {} })).toEqual({ ok: true, defined: false });
  });

  it("flags certainly wrong argument types at compile time", () => {
    const r = compile([{ file: "t.rego", source: 'package t\np := io.jwt.decode_verify("x.y.z", "not an object")' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].code).toBe("rego_type_error");
  });
});
