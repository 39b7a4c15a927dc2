/**
 * `crypto.x509.*` and `crypto.parse_private_keys`: certificates, chains, certificate requests,
 * key pairs and private keys read from PEM or base64 DER, returned as Go's structs marshal to
 * JSON (see `x509-cert.ts` for the fields covered). Input handling and errors follow OPA's
 * topdown/crypto.go; parsing of keys and signature checks are Node's `crypto`.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { fromJSON, isInteger, RObject, RSet, toFloat, type Value } from "../value";
import { argObject, argString, builtinError } from "./args";
import { DerError } from "./der";
import { base64DecodeBytes } from "./encoding";
import { decodeAllPem, decodePem, type PemBlock } from "./pem";
import { BuiltinError, type BuiltinContext, type BuiltinDef } from "./registry";
import { T } from "./types";
import { parseCertificate, parseCertificateRequest, parseCertificates, type GoJson, type ParsedCertificate } from "./x509-cert";
import { verifyChain, type VerifyOptions } from "./x509-verify";

const b64 = (u: Uint8Array): string => Buffer.from(u).toString("base64");
const latin1 = (u: Uint8Array): string => Buffer.from(u).toString("latin1");
const bigFromB64url = (s: string): bigint => BigInt("0x" + (Buffer.from(s, "base64url").toString("hex") || "0"));
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Parse failures as builtin errors; anything else is a bug and propagates. */
function guarded<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof BuiltinError) throw e;
    if (e instanceof DerError) throw builtinError(e.message);
    throw builtinError(messageOf(e));
  }
}

function concat(blocks: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(blocks.map((b) => Buffer.from(b)));
}

function certsFromPem(text: string): ParsedCertificate[] {
  const blocks = decodeAllPem(text);
  const bad = blocks.find((b) => b.type !== "CERTIFICATE");
  if (bad) throw builtinError(`PEM block type is '${bad.type}', expected CERTIFICATE`);
  return parseCertificates(concat(blocks.map((b) => b.bytes)));
}

/** OPA's getX509CertsFromString: PEM, or base64 of PEM or of concatenated DER. */
function certsFromString(text: string): ParsedCertificate[] {
  return guarded(() => {
    if (text.startsWith("-----BEGIN")) return certsFromPem(text);
    const bytes = base64DecodeBytes(text);
    if (latin1(bytes.subarray(0, 10)) === "-----BEGIN") return certsFromPem(latin1(bytes));
    return parseCertificates(bytes);
  });
}

const certsValue = (certs: readonly ParsedCertificate[], withUriStrings: boolean): Value =>
  fromJSON(certs.map((c) => (withUriStrings ? { ...c.json, URIStrings: c.uris.length ? [...c.uris] : null } : c.json)));

// OPA's option names for Go's ExtKeyUsage values.
const KEY_USAGE_OPTIONS: Record<string, number> = {
  KeyUsageAny: 0,
  KeyUsageServerAuth: 1,
  KeyUsageClientAuth: 2,
  KeyUsageCodeSigning: 3,
  KeyUsageEmailProtection: 4,
  KeyUsageIPSECEndSystem: 5,
  KeyUsageIPSECTunnel: 6,
  KeyUsageIPSECUser: 7,
  KeyUsageTimeStamping: 8,
  KeyUsageOCSPSigning: 9,
  KeyUsageMicrosoftServerGatedCrypto: 10,
  KeyUsageNetscapeServerGatedCrypto: 11,
  KeyUsageMicrosoftCommercialCodeSigning: 12,
  KeyUsageMicrosoftKernelCodeSigning: 13,
};

/** OPA's extractVerifyOpts. `MaxConstraintComparisons` is accepted and unused (name constraints are not checked). */
function verifyOptions(o: RObject, ctx: BuiltinContext): VerifyOptions {
  let nowMs = Number(ctx.nowNs / 1_000_000n);
  let dnsName: string | undefined;
  let keyUsages: number[] | undefined;
  for (const [k, v] of o.entries()) {
    if (typeof k !== "string") continue;
    switch (k) {
      case "DNSName":
        if (typeof v !== "string") throw builtinError("'DNSName' should be a string");
        dnsName = v;
        break;
      case "CurrentTime":
        if (typeof v !== "number" && typeof v !== "bigint") throw builtinError("'CurrentTime' should be a number");
        if (!isInteger(v)) throw builtinError("'CurrentTime' should be a valid int64 number");
        nowMs = toFloat(v) / 1e6;
        break;
      case "MaxConstraintComparisons":
        if (typeof v !== "number" && typeof v !== "bigint") throw builtinError("'MaxConstraintComparisons' should be a number");
        if (!isInteger(v)) throw builtinError("'MaxConstraintComparisons' should be a valid number");
        break;
      case "KeyUsages": {
        if (!Array.isArray(v) && !(v instanceof RSet)) throw builtinError("'KeyUsages' should be an Array or Set");
        const names = (Array.isArray(v) ? (v as readonly Value[]) : v.values()).filter((x): x is string => typeof x === "string");
        const invalid = names.filter((n) => !(n in KEY_USAGE_OPTIONS));
        if (invalid.length) throw builtinError(`invalid entries for 'KeyUsages' found: [${invalid.join(" ")}]`);
        keyUsages = names.map((n) => KEY_USAGE_OPTIONS[n]);
        break;
      }
      default:
        throw builtinError("invalid key option");
    }
  }
  return { nowMs, dnsName, keyUsages };
}

/** OPA's parse-and-verify: certificates that don't parse are unverified, while bad options (read after them) fail. */
function parseAndVerify(text: string, options: () => VerifyOptions, withUriStrings: boolean): Value {
  let certs: ParsedCertificate[];
  try {
    certs = certsFromString(text);
  } catch {
    return [false, []];
  }
  const chain = verifyChain(certs, options());
  return chain ? [true, certsValue(chain, withUriStrings)] : [false, []];
}

/** Go's rsa/ecdsa/ed25519 private key structs as JSON. */
function privateKeyJson(key: KeyObject): GoJson {
  const jwk = key.export({ format: "jwk" });
  const n = (s: string | undefined) => bigFromB64url(s!);
  switch (key.asymmetricKeyType) {
    case "rsa":
      return { N: n(jwk.n), E: Number(n(jwk.e)), D: n(jwk.d), Primes: [n(jwk.p), n(jwk.q)], Precomputed: { Dp: n(jwk.dp), Dq: n(jwk.dq), Qinv: n(jwk.qi), CRTValues: [] } };
    case "ec":
      return { Curve: {}, X: n(jwk.x), Y: n(jwk.y), D: n(jwk.d) };
    case "ed25519":
      // Go's ed25519.PrivateKey is the seed followed by the public key.
      return b64(Buffer.concat([Buffer.from(jwk.d!, "base64url"), Buffer.from(jwk.x!, "base64url")]));
    default:
      throw builtinError(`unsupported private key type ${key.asymmetricKeyType ?? "unknown"}`);
  }
}

const PRIVATE_KEY_FORMATS: Record<string, "pkcs1" | "pkcs8" | "sec1"> = { "RSA PRIVATE KEY": "pkcs1", "PRIVATE KEY": "pkcs8", "EC PRIVATE KEY": "sec1" };

function privateKeyFromDer(der: Uint8Array, type: "pkcs1" | "pkcs8" | "sec1"): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(der), format: "der", type });
  } catch (e) {
    throw builtinError(`x509: failed to parse private key: ${messageOf(e)}`);
  }
}

/** OPA's getPrivateKeysFromPEMData: base64 is decoded first when it is base64; unknown blocks are skipped. */
function privateKeysFromPem(text: string): KeyObject[] {
  let pem = text;
  try {
    pem = latin1(base64DecodeBytes(text));
  } catch {
    // not base64: the PEM text itself
  }
  const keys: KeyObject[] = [];
  for (const block of decodeAllPem(pem)) {
    const format = PRIVATE_KEY_FORMATS[block.type];
    if (format) keys.push(privateKeyFromDer(block.bytes, format));
  }
  return keys;
}

/** A PEM input, or base64 of one, as OPA's getTLSx509KeyPairFromString reads it (DER is wrapped). */
function pemOrWrapped(text: string, derType: string): PemBlock[] {
  let data = text;
  if (!text.startsWith("-----BEGIN ")) data = latin1(base64DecodeBytes(text));
  if (!data.startsWith("-----BEGIN")) return [{ type: derType, bytes: Buffer.from(data, "latin1") }];
  return decodeAllPem(data);
}

/** Go's tls.X509KeyPair, marshalled: the chain, the private key and the parsed leaf. */
function keyPair(certText: string, keyText: string): GoJson {
  const certBlocks = pemOrWrapped(certText, "CERTIFICATE");
  const keyBlocks = pemOrWrapped(keyText, "PRIVATE KEY");
  const chain = certBlocks.filter((b) => b.type === "CERTIFICATE");
  if (chain.length === 0) {
    const skipped = certBlocks.map((b) => b.type);
    if (skipped.length === 0) throw builtinError("tls: failed to find any PEM data in certificate input");
    throw builtinError(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(" ")}]`);
  }
  const keyBlock = keyBlocks.find((b) => b.type === "PRIVATE KEY" || b.type.endsWith(" PRIVATE KEY"));
  if (!keyBlock) {
    const skipped = keyBlocks.map((b) => b.type);
    if (skipped.length === 0) throw builtinError("tls: failed to find any PEM data in key input");
    if (skipped.includes("CERTIFICATE")) throw builtinError("tls: found a certificate rather than a key in the PEM for the private key");
    throw builtinError(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(" ")}]`);
  }
  // Go tries PKCS #1, PKCS #8 and SEC 1 whatever the block says.
  let key: KeyObject | undefined;
  for (const format of ["pkcs1", "pkcs8", "sec1"] as const) {
    try {
      key = createPrivateKey({ key: Buffer.from(keyBlock.bytes), format: "der", type: format });
      break;
    } catch {
      // next format
    }
  }
  if (!key) throw builtinError("tls: failed to parse private key");
  const leaf = parseCertificate(chain[0].bytes);
  const leafKey = leaf.x509.publicKey;
  const publicOfKey = createPublicKey(key);
  if (leafKey.asymmetricKeyType !== publicOfKey.asymmetricKeyType) throw builtinError("tls: private key type does not match public key type");
  const spki = (k: KeyObject) => k.export({ format: "der", type: "spki" });
  if (!spki(leafKey).equals(spki(publicOfKey))) throw builtinError("tls: private key does not match public key");
  return {
    Certificate: chain.map((b) => b64(b.bytes)),
    PrivateKey: privateKeyJson(key),
    SupportedSignatureAlgorithms: null,
    OCSPStaple: null,
    SignedCertificateTimestamps: null,
    Leaf: leaf.json,
  };
}

/** OPA's parse_certificate_request input: PEM, or base64 of PEM or DER. */
function certificateRequest(text: string): GoJson {
  let bytes: Uint8Array = Buffer.from(text, "latin1");
  if (!text.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) bytes = base64DecodeBytes(text);
  const { block } = decodePem(latin1(bytes));
  if (block && block.type !== "CERTIFICATE REQUEST") throw builtinError("invalid PEM-encoded certificate signing request");
  return parseCertificateRequest(block ? block.bytes : bytes);
}

/** A JWK of the first private key, as jwx's jwk.New marshals it. */
function rsaPrivateKeyJwk(text: string): Value {
  if (text === "") throw builtinError("input PEM data was empty");
  const pem = text.startsWith("-----BEGIN") ? text : latin1(base64DecodeBytes(text));
  const keys = privateKeysFromPem(pem);
  if (keys.length === 0) return null;
  return fromJSON(keys[0].export({ format: "jwk" }));
}

const S = T.string;
const OBJ = T.object(T.string, T.any);
// OPA: array<boolean, array[object[string: any]]>; TypeSpec has no fixed positions.
const VERIFIED = T.array(T.union(T.boolean, T.array(OBJ)));

export const builtins: BuiltinDef[] = [
  {
    name: "crypto.x509.parse_certificates",
    decl: { args: [S], result: T.array(OBJ) },
    impl: (args) => certsValue(certsFromString(argString(args, 0)), true),
  },
  {
    name: "crypto.x509.parse_and_verify_certificates",
    decl: { args: [S], result: VERIFIED },
    impl: (args, ctx) => parseAndVerify(argString(args, 0), () => ({ nowMs: Number(ctx.nowNs / 1_000_000n) }), true),
  },
  {
    name: "crypto.x509.parse_and_verify_certificates_with_options",
    decl: { args: [S, OBJ], result: VERIFIED },
    impl: (args, ctx) => {
      const text = argString(args, 0);
      const options = argObject(args, 1);
      // Unlike the variant without options, OPA adds no URIStrings here.
      return parseAndVerify(text, () => verifyOptions(options, ctx), false);
    },
  },
  {
    name: "crypto.x509.parse_certificate_request",
    decl: { args: [S], result: OBJ },
    impl: (args) => fromJSON(guarded(() => certificateRequest(argString(args, 0)))),
  },
  {
    name: "crypto.x509.parse_keypair",
    decl: { args: [S, S], result: OBJ },
    impl: (args) => {
      const cert = argString(args, 0);
      const key = argString(args, 1);
      return fromJSON(guarded(() => keyPair(cert, key)));
    },
  },
  {
    name: "crypto.x509.parse_rsa_private_key",
    decl: { args: [S], result: OBJ },
    impl: (args) => guarded(() => rsaPrivateKeyJwk(argString(args, 0))),
  },
  {
    name: "crypto.parse_private_keys",
    decl: { args: [S], result: T.array(OBJ) },
    impl: (args) => {
      const text = argString(args, 0);
      if (text === "") return null;
      return fromJSON(guarded(() => privateKeysFromPem(text).map(privateKeyJson)));
    },
  },
];
