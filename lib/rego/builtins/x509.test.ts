import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "@/lib/rego";
import { lookupBuiltin } from ".";
import { fromJSON, toJSON, type Value } from "../value";
import { fails, json, o } from "./testing";

// Fixtures made by testdata/x509/generate.sh (openssl): a root CA (RSA), an intermediate CA
// (P-256, pathlen 0), a leaf valid 2024-06-01..2049-12-31 and one that expired in 2021.
const dir = join(__dirname, "testdata/x509");
const fixture = (name: string) => readFileSync(join(dir, name), "utf8");
const root = fixture("root.pem");
const intermediate = fixture("intermediate.pem");
const leaf = fixture("leaf.pem");
const chain = root + intermediate + leaf;
const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");

const NOW_NS = 1_750_000_000n * 1_000_000_000n; // 2025-06-15
const at = (nowNs: bigint, name: string, ...args: Value[]) =>
  toJSON(lookupBuiltin(name)!.impl(args, { strict: true, nowNs, cache: new Map() }) as Value) as [boolean, Record<string, unknown>[]];
const names = (certs: Record<string, unknown>[]) => certs.map((c) => (c.Subject as { CommonName: string }).CommonName);

type Cert = Record<string, unknown> & { Subject: Record<string, unknown>; PublicKey: Record<string, unknown> };

describe("crypto.x509.parse_certificates", () => {
  const [cert] = json("crypto.x509.parse_certificates", leaf) as Cert[];

  it("reports the fields of Go's x509.Certificate", () => {
    expect(cert).toMatchObject({
      Version: 3,
      SerialNumber: 4097,
      SignatureAlgorithm: 10, // ECDSAWithSHA256
      PublicKeyAlgorithm: 1, // RSA
      NotBefore: "2024-06-01T00:00:00Z",
      NotAfter: "2049-12-31T23:59:59Z",
      KeyUsage: 5, // DigitalSignature | KeyEncipherment
      ExtKeyUsage: [1, 2], // ServerAuth, ClientAuth
      UnknownExtKeyUsage: null,
      BasicConstraintsValid: true,
      IsCA: false,
      MaxPathLen: -1,
      DNSNames: ["service.example.com", "*.service.example.com"],
      EmailAddresses: ["ops@example.com"],
      // Go prints 16-byte IPv6 addresses compressed and IPv4-mapped ones as IPv4.
      IPAddresses: ["10.0.0.1", "2001:db8::1", "10.0.0.2"],
      URIStrings: ["spiffe://example.com/service"],
      OCSPServer: ["http://ocsp.example.com"],
      IssuingCertificateURL: ["http://ca.example.com/int.crt"],
      CRLDistributionPoints: ["http://crl.example.com/int.crl"],
      PolicyIdentifiers: [[2, 23, 140, 1, 2, 1]],
      UnhandledCriticalExtensions: null,
    });
    expect(cert.Subject).toMatchObject({ CommonName: "service.example.com", Organization: ["Policy Hub"], OrganizationalUnit: ["Platform"], Country: ["GB"], Locality: null });
    expect(cert.Subject.Names).toContainEqual({ Type: [2, 5, 4, 3], Value: "service.example.com" });
    expect((cert.Issuer as Record<string, unknown>).CommonName).toBe("Policy Hub Test Intermediate");
    expect((cert.URIs as Record<string, unknown>[])[0]).toMatchObject({ Scheme: "spiffe", Host: "example.com", Path: "/service" });
    expect(cert.Raw).toBe(der(leaf).toString("base64"));
    expect(cert.Extensions).toContainEqual({ Id: [2, 5, 29, 15], Critical: true, Value: "AwIFoA==" });
  });

  it("reports the public key and key ids as openssl sees them", () => {
    const modulus = execFileSync("openssl", ["x509", "-noout", "-modulus", "-in", join(dir, "leaf.pem")], { encoding: "utf8" }).trim().slice("Modulus=".length);
    expect(cert.PublicKey).toEqual({ N: BigInt("0x" + modulus), E: 65537 });
    const text = execFileSync("openssl", ["x509", "-noout", "-text", "-in", join(dir, "leaf.pem")], { encoding: "utf8" });
    const ski = /Subject Key Identifier:\s*\n\s*([0-9A-F:]+)/.exec(text)![1].replace(/:/g, "");
    expect(Buffer.from(cert.SubjectKeyId as string, "base64").toString("hex").toUpperCase()).toBe(ski);
    const [ca] = json("crypto.x509.parse_certificates", intermediate) as Cert[];
    expect(ca).toMatchObject({ IsCA: true, MaxPathLen: 0, MaxPathLenZero: true, KeyUsage: 96, SignatureAlgorithm: 4, PublicKeyAlgorithm: 3 });
    expect(Object.keys(ca.PublicKey).sort()).toEqual(["Curve", "X", "Y"]);
    expect(ca.AuthorityKeyId).toBe((json("crypto.x509.parse_certificates", root) as Cert[])[0].SubjectKeyId);
  });

  it("reads PEM chains, base64 DER and base64 PEM", () => {
    expect(names(json("crypto.x509.parse_certificates", chain) as Cert[])).toEqual(["Policy Hub Test Root CA", "Policy Hub Test Intermediate", "service.example.com"]);
    const concatenated = Buffer.concat([der(root), der(leaf)]).toString("base64");
    expect(names(json("crypto.x509.parse_certificates", concatenated) as Cert[])).toEqual(["Policy Hub Test Root CA", "service.example.com"]);
    expect(names(json("crypto.x509.parse_certificates", Buffer.from(leaf).toString("base64")) as Cert[])).toEqual(["service.example.com"]);
  });

  it("fails on other PEM blocks and malformed data", () => {
    expect(fails("crypto.x509.parse_certificates", leaf + fixture("leaf.key"))).toBe("eval_builtin_error: PEM block type is 'PRIVATE KEY', expected CERTIFICATE");
    expect(fails("crypto.x509.parse_certificates", "not base64!")).toMatch(/^eval_builtin_error: illegal base64 data/);
    expect(fails("crypto.x509.parse_certificates", Buffer.from("garbage").toString("base64"))).toBe("eval_builtin_error: x509: malformed certificate");
  });
});

describe("crypto.x509.parse_and_verify_certificates", () => {
  it("returns the verified chain, leaf first", () => {
    const [valid, certs] = at(NOW_NS, "crypto.x509.parse_and_verify_certificates", chain);
    expect(valid).toBe(true);
    expect(names(certs)).toEqual(["service.example.com", "Policy Hub Test Intermediate", "Policy Hub Test Root CA"]);
    expect(certs[0].URIStrings).toEqual(["spiffe://example.com/service"]);
  });

  it("takes a leaf that is the root as a chain of one, as Go does", () => {
    const [valid, certs] = at(NOW_NS, "crypto.x509.parse_and_verify_certificates", root + root);
    expect(valid).toBe(true);
    expect(names(certs)).toEqual(["Policy Hub Test Root CA"]);
  });

  it("returns [false, []] for chains that do not verify", () => {
    const unverified = [false, []];
    expect(at(NOW_NS, "crypto.x509.parse_and_verify_certificates", root + intermediate + fixture("expired.pem"))).toEqual(unverified);
    expect(at(NOW_NS, "crypto.x509.parse_and_verify_certificates", root + leaf)).toEqual(unverified); // the intermediate is missing
    expect(at(NOW_NS, "crypto.x509.parse_and_verify_certificates", leaf)).toEqual(unverified); // one certificate
    expect(at(NOW_NS, "crypto.x509.parse_and_verify_certificates", leaf + intermediate + root)).toEqual(unverified); // wrong order
    expect(at(NOW_NS, "crypto.x509.parse_and_verify_certificates", "garbage")).toEqual(unverified);
    expect(at(1_000_000_000n, "crypto.x509.parse_and_verify_certificates", chain)).toEqual(unverified); // 1970
  });

  it("checks DNSName, CurrentTime and KeyUsages options", () => {
    const verify = (opts: Record<string, unknown>) => at(0n, "crypto.x509.parse_and_verify_certificates_with_options", chain, fromJSON({ CurrentTime: Number(NOW_NS), ...opts }))[0];
    expect(verify({})).toBe(true);
    expect(verify({ CurrentTime: 2_000_000_000_000_000_000 })).toBe(true);
    expect(verify({ CurrentTime: 2_600_000_000_000_000_000 })).toBe(false); // 2052, after the leaf's NotAfter
    expect(verify({ DNSName: "service.example.com" })).toBe(true);
    expect(verify({ DNSName: "api.service.example.com" })).toBe(true);
    expect(verify({ DNSName: "a.b.service.example.com" })).toBe(false);
    expect(verify({ DNSName: "example.com" })).toBe(false);
    expect(verify({ DNSName: "10.0.0.1" })).toBe(true);
    expect(verify({ DNSName: "2001:db8::1" })).toBe(true);
    expect(verify({ DNSName: "10.0.0.3" })).toBe(false);
    expect(verify({ DNSName: "10.0.0" })).toBe(false);
    expect(verify({ DNSName: "[2001:db8::1]" })).toBe(true);
    expect(verify({ KeyUsages: ["KeyUsageClientAuth"] })).toBe(true);
    expect(verify({ KeyUsages: ["KeyUsageCodeSigning"] })).toBe(false);
    expect(verify({ KeyUsages: ["KeyUsageAny"] })).toBe(true);
    const [, certs] = at(0n, "crypto.x509.parse_and_verify_certificates_with_options", chain, o({ CurrentTime: Number(NOW_NS) }));
    expect(certs[0]).not.toHaveProperty("URIStrings");
  });

  it("rejects bad options with OPA's errors", () => {
    const opts = (x: Record<string, unknown>) => fails("crypto.x509.parse_and_verify_certificates_with_options", chain, o(x));
    expect(opts({ Foo: 1 })).toBe("eval_builtin_error: invalid key option");
    expect(opts({ DNSName: 1 })).toBe("eval_builtin_error: 'DNSName' should be a string");
    expect(opts({ KeyUsages: ["KeyUsageServerAuth", "Bogus"] })).toBe("eval_builtin_error: invalid entries for 'KeyUsages' found: [Bogus]");
  });
});

describe("crypto.x509.parse_certificate_request", () => {
  it("reports the request's subject, key and requested names", () => {
    const csr = json("crypto.x509.parse_certificate_request", fixture("request.csr")) as Cert;
    expect(csr).toMatchObject({ Version: 0, SignatureAlgorithm: 10, PublicKeyAlgorithm: 3, DNSNames: ["csr.example.com"], EmailAddresses: ["csr@example.com"], IPAddresses: null });
    expect(csr.Subject).toMatchObject({ CommonName: "csr.example.com", Organization: ["Policy Hub"] });
    expect(csr.Extensions).toEqual([expect.objectContaining({ Id: [2, 5, 29, 17], Critical: false })]);
    expect(json("crypto.x509.parse_certificate_request", Buffer.from(fixture("request.csr")).toString("base64"))).toEqual(csr);
  });

  it("fails on a PEM block of another type", () => {
    expect(fails("crypto.x509.parse_certificate_request", Buffer.from(leaf).toString("base64"))).toBe("eval_builtin_error: invalid PEM-encoded certificate signing request");
  });
});

describe("private keys", () => {
  it("crypto.x509.parse_keypair returns the chain, the key and the leaf", () => {
    const kp = json("crypto.x509.parse_keypair", leaf, fixture("leaf.key")) as Record<string, Record<string, unknown>>;
    expect(kp.Certificate).toEqual([der(leaf).toString("base64")]);
    expect(Object.keys(kp.PrivateKey).sort()).toEqual(["D", "E", "N", "Precomputed", "Primes"]);
    expect(kp.PrivateKey.N).toEqual((json("crypto.x509.parse_certificates", leaf) as Cert[])[0].PublicKey.N);
    expect((kp.Leaf.Subject as Record<string, unknown>).CommonName).toBe("service.example.com");
    expect(json("crypto.x509.parse_keypair", Buffer.from(leaf).toString("base64"), fixture("leaf.rsa.key"))).toEqual(kp);
    expect(fails("crypto.x509.parse_keypair", leaf, fixture("ec.key"))).toBe("eval_builtin_error: tls: private key type does not match public key type");
    expect(fails("crypto.x509.parse_keypair", leaf, leaf)).toBe("eval_builtin_error: tls: found a certificate rather than a key in the PEM for the private key");
  });

  it("crypto.x509.parse_rsa_private_key returns a JWK", () => {
    const jwk = json("crypto.x509.parse_rsa_private_key", fixture("leaf.rsa.key")) as Record<string, string>;
    expect(Object.keys(jwk).sort()).toEqual(["d", "dp", "dq", "e", "kty", "n", "p", "q", "qi"]);
    expect(jwk).toMatchObject({ kty: "RSA", e: "AQAB" });
    expect(json("crypto.x509.parse_rsa_private_key", Buffer.from(fixture("leaf.key")).toString("base64"))).toEqual(jwk);
    expect(fails("crypto.x509.parse_rsa_private_key", "")).toBe("eval_builtin_error: input PEM data was empty");
  });

  it("crypto.parse_private_keys returns every RSA, EC and Ed25519 key as Go marshals them", () => {
    const keys = json("crypto.parse_private_keys", fixture("leaf.rsa.key") + fixture("ec.key") + fixture("ed25519.key")) as unknown[];
    expect(keys).toHaveLength(3);
    expect(Object.keys(keys[0] as object).sort()).toEqual(["D", "E", "N", "Precomputed", "Primes"]);
    expect(Object.keys(keys[1] as object).sort()).toEqual(["Curve", "D", "X", "Y"]);
    const ecText = execFileSync("openssl", ["ec", "-noout", "-text", "-in", join(dir, "ec.key")], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const priv = /priv:\n([\s0-9a-f:]+)pub:/.exec(ecText)![1].replace(/[\s:]/g, "");
    expect((keys[1] as Record<string, unknown>).D).toBe(BigInt("0x" + priv));
    expect(Buffer.from(keys[2] as string, "base64")).toHaveLength(64);
    expect(json("crypto.parse_private_keys", "")).toBe(null);
    expect(json("crypto.parse_private_keys", leaf)).toEqual([]);
  });
});

describe("x509 in policies", () => {
  it("denies certificates whose names are not allowed", () => {
    const r = compile([
      {
        file: "t.rego",
        source: `package t
deny contains name if {
  some cert in crypto.x509.parse_certificates(input.pem)
  some name in cert.DNSNames
  not endswith(name, ".internal")
}`,
      },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.evalRule("data.t.deny", { input: { pem: leaf }, data: {} })).toEqual({
      ok: true,
      defined: true,
      value: ["*.service.example.com", "service.example.com"],
    });
    expect(compile([{ file: "t.rego", source: "package t\np := crypto.x509.parse_certificates(42)" }]).ok).toBe(false);
  });
});
