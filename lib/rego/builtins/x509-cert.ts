/**
 * DER certificates and certificate requests read into the JSON that Go's `encoding/json` makes of
 * `x509.Certificate` / `x509.CertificateRequest` (what OPA's x509 builtins return): byte slices
 * as base64, enums as numbers, big integers as numbers, absent slices as null, times in RFC 3339.
 *
 * Covered: the raw encodings, signature and public-key algorithms, the public key (RSA `{N, E}`,
 * ECDSA `{Curve: {}, X, Y}`, Ed25519 bytes), Version, SerialNumber, Issuer/Subject (named fields
 * and `Names`), NotBefore/NotAfter, KeyUsage, Extensions, UnhandledCriticalExtensions,
 * ExtKeyUsage/UnknownExtKeyUsage, basic constraints, subject/authority key ids, AIA (OCSP and
 * issuer URLs), SANs (DNS, email, IP, URI), CRL distribution points and policy OIDs.
 * Not decoded (reported as Go's zero values): name constraints (the Permitted and Excluded fields),
 * policy constraints, inhibitAnyPolicy and policy mappings, DSA public keys.
 */
import { createPublicKey, X509Certificate, type KeyObject } from "node:crypto";
import { formatIP } from "./ipnet";
import { bigInteger, bitAt, bitStringBytes, children, ctxTag, DerError, expectTag, oidArcs, oidText, parseDer, readTlv, stringValue, TAG, timeValue, type Tlv } from "./der";

/** A JSON value as Go marshals it; converted to a Rego value with `fromJSON`. */
export type GoJson = null | boolean | number | bigint | string | GoJson[] | { [k: string]: GoJson };

const b64 = (u: Uint8Array): string => Buffer.from(u).toString("base64");
const bigFromB64url = (s: string): bigint => BigInt("0x" + (Buffer.from(s, "base64url").toString("hex") || "0"));
const listOrNull = <T extends GoJson>(xs: T[]): T[] | null => (xs.length ? xs : null);

// Go's x509.SignatureAlgorithm values.
const SIGNATURE_ALGORITHMS: Record<string, number> = {
  "1.2.840.113549.1.1.2": 1, // MD2WithRSA
  "1.2.840.113549.1.1.4": 2, // MD5WithRSA
  "1.2.840.113549.1.1.5": 3, // SHA1WithRSA
  "1.2.840.113549.1.1.11": 4, // SHA256WithRSA
  "1.2.840.113549.1.1.12": 5, // SHA384WithRSA
  "1.2.840.113549.1.1.13": 6, // SHA512WithRSA
  "1.2.840.10040.4.3": 7, // DSAWithSHA1
  "2.16.840.1.101.3.4.3.2": 8, // DSAWithSHA256
  "1.2.840.10045.4.1": 9, // ECDSAWithSHA1
  "1.2.840.10045.4.3.2": 10, // ECDSAWithSHA256
  "1.2.840.10045.4.3.3": 11, // ECDSAWithSHA384
  "1.2.840.10045.4.3.4": 12, // ECDSAWithSHA512
  "1.3.101.112": 16, // PureEd25519
};
const RSA_PSS = "1.2.840.113549.1.1.10";
const PSS_BY_HASH: Record<string, number> = { "2.16.840.1.101.3.4.2.1": 13, "2.16.840.1.101.3.4.2.2": 14, "2.16.840.1.101.3.4.2.3": 15 };
/** MD2, MD5 and SHA-1 signatures, which Go refuses when verifying chains. */
export const INSECURE_SIGNATURES = new Set([1, 2, 3, 7, 9]);

// Go's x509.PublicKeyAlgorithm values.
const PUBLIC_KEY_ALGORITHMS: Record<string, number> = { "1.2.840.113549.1.1.1": 1, "1.2.840.10040.4.1": 2, "1.2.840.10045.2.1": 3, "1.3.101.112": 4 };

// Go's x509.ExtKeyUsage values.
const EXT_KEY_USAGES: Record<string, number> = {
  "2.5.29.37.0": 0,
  "1.3.6.1.5.5.7.3.1": 1,
  "1.3.6.1.5.5.7.3.2": 2,
  "1.3.6.1.5.5.7.3.3": 3,
  "1.3.6.1.5.5.7.3.4": 4,
  "1.3.6.1.5.5.7.3.5": 5,
  "1.3.6.1.5.5.7.3.6": 6,
  "1.3.6.1.5.5.7.3.7": 7,
  "1.3.6.1.5.5.7.3.8": 8,
  "1.3.6.1.5.5.7.3.9": 9,
  "1.3.6.1.4.1.311.10.3.3": 10,
  "2.16.840.1.113730.4.1": 11,
  "1.3.6.1.4.1.311.2.1.22": 12,
  "1.3.6.1.4.1.311.61.1.1": 13,
};

/** The certificate extensions Go understands (anything else marked critical is "unhandled"). */
const HANDLED_EXTENSIONS = new Set(["2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.30", "2.5.29.31", "2.5.29.32", "2.5.29.33", "2.5.29.35", "2.5.29.36", "2.5.29.37", "2.5.29.54", "1.3.6.1.5.5.7.1.1"]);

function signatureAlgorithm(algId: Tlv): number {
  const [oid, params] = children(algId);
  const id = oidText(expectTag(oid, TAG.OID, "algorithm identifier").content);
  if (id !== RSA_PSS) return SIGNATURE_ALGORITHMS[id] ?? 0;
  // RSASSA-PSS-params: [0] hashAlgorithm (SHA-1 by default, which Go does not support).
  const hash = params ? children(params).find((p) => p.tag === ctxTag(0, true)) : undefined;
  const hashOid = hash ? children(children(hash)[0])[0] : undefined;
  return hashOid ? (PSS_BY_HASH[oidText(hashOid.content)] ?? 0) : 0;
}

/** Go's ecdsa/rsa/ed25519 public key structs as JSON. */
export function publicKeyJson(key: KeyObject): GoJson {
  const jwk = key.export({ format: "jwk" });
  switch (key.asymmetricKeyType) {
    case "rsa":
      return { N: bigFromB64url(jwk.n!), E: Number(bigFromB64url(jwk.e!)) };
    case "ec":
      // elliptic.Curve values have only unexported fields: Go marshals them as {}.
      return { Curve: {}, X: bigFromB64url(jwk.x!), Y: bigFromB64url(jwk.y!) };
    case "ed25519":
      return b64(Buffer.from(jwk.x!, "base64url"));
    default:
      return null;
  }
}

/** pkix.Name filled as Go's FillFromRDNSequence does. */
function nameJson(name: Tlv): { [k: string]: GoJson } {
  const multi: Record<string, string[]> = { Country: [], Organization: [], OrganizationalUnit: [], Locality: [], Province: [], StreetAddress: [], PostalCode: [] };
  const byArc: Record<number, string> = { 6: "Country", 10: "Organization", 11: "OrganizationalUnit", 7: "Locality", 8: "Province", 9: "StreetAddress", 17: "PostalCode" };
  let commonName = "";
  let serialNumber = "";
  const names: GoJson[] = [];
  for (const rdn of children(name)) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      const arcs = oidArcs(expectTag(type, TAG.OID, "name").content);
      const text = value ? stringValue(value) : undefined;
      names.push({ Type: arcs, Value: text ?? (value ? b64(value.content) : null) });
      if (text === undefined || arcs.length !== 4 || arcs[0] !== 2 || arcs[1] !== 5 || arcs[2] !== 4) continue;
      if (arcs[3] === 3) commonName = text;
      else if (arcs[3] === 5) serialNumber = text;
      else if (byArc[arcs[3]]) multi[byArc[arcs[3]]].push(text);
    }
  }
  const out: { [k: string]: GoJson } = {};
  for (const [k, v] of Object.entries(multi)) out[k] = listOrNull(v);
  return { ...out, SerialNumber: serialNumber, CommonName: commonName, Names: listOrNull(names), ExtraNames: null };
}

/** An iPAddress name as Go's net.IP prints it (IPv4-mapped addresses as IPv4). */
function ipText(b: Uint8Array): string {
  if (b.length !== 4 && b.length !== 16) throw new DerError(`x509: cannot parse IP address of length ${b.length}`);
  const value = BigInt("0x" + Buffer.from(b).toString("hex"));
  if (b.length === 4) return formatIP({ bits: 32, value });
  return value >> 32n === 0xffffn ? formatIP({ bits: 32, value: value & 0xffffffffn }) : formatIP({ bits: 128, value });
}

/** Go's url.URL as JSON, for the URIs field. */
function urlJson(uri: string): GoJson {
  const base = { Scheme: "", Opaque: "", User: null as GoJson, Host: "", Path: "", RawPath: "", OmitHost: false, ForceQuery: false, RawQuery: "", Fragment: "", RawFragment: "" };
  let rest = uri;
  const hashAt = rest.indexOf("#");
  if (hashAt >= 0) [rest, base.Fragment] = [rest.slice(0, hashAt), decodeURIComponentSafe(rest.slice(hashAt + 1))];
  const queryAt = rest.indexOf("?");
  if (queryAt >= 0) [rest, base.RawQuery] = [rest.slice(0, queryAt), rest.slice(queryAt + 1)];
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (scheme) [base.Scheme, rest] = [scheme[1].toLowerCase(), rest.slice(scheme[0].length)];
  if (rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    let authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? "" : rest.slice(slash);
    const at = authority.lastIndexOf("@");
    if (at >= 0) [base.User, authority] = [{}, authority.slice(at + 1)];
    base.Host = authority;
    base.Path = decodeURIComponentSafe(rest);
  } else if (scheme && !rest.startsWith("/")) base.Opaque = rest;
  else base.Path = decodeURIComponentSafe(rest);
  return base;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface SubjectAltNames {
  dns: string[];
  email: string[];
  ip: string[];
  uri: string[];
}

function generalNames(seq: Tlv, into: SubjectAltNames): void {
  for (const gn of children(seq)) {
    const text = Buffer.from(gn.content).toString("latin1");
    if (gn.tag === ctxTag(1, false)) into.email.push(text);
    else if (gn.tag === ctxTag(2, false)) into.dns.push(text);
    else if (gn.tag === ctxTag(6, false)) into.uri.push(text);
    else if (gn.tag === ctxTag(7, false)) into.ip.push(ipText(gn.content));
  }
}

const sanJson = (san: SubjectAltNames) => ({
  DNSNames: listOrNull(san.dns),
  EmailAddresses: listOrNull(san.email),
  IPAddresses: listOrNull(san.ip),
  URIs: listOrNull(san.uri.map(urlJson)),
});

/** What the verifier needs besides the JSON: the fields it checks, typed. */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  readonly x509: X509Certificate;
  readonly rawSubject: Uint8Array;
  readonly rawIssuer: Uint8Array;
  readonly version: number;
  readonly signatureAlgorithm: number;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly basicConstraintsValid: boolean;
  readonly isCA: boolean;
  readonly maxPathLen: number;
  readonly keyUsage: number;
  readonly extKeyUsage: readonly number[];
  readonly unknownExtKeyUsage: readonly number[][];
  readonly unhandledCritical: readonly number[][];
  readonly uris: readonly string[];
  /** Go's x509.Certificate as JSON. */
  readonly json: { [k: string]: GoJson };
}

const malformed = (what: string) => new DerError(`x509: malformed ${what}`);

function extensionsOf(list: Tlv | undefined): { id: string; arcs: number[]; critical: boolean; value: Uint8Array }[] {
  if (!list) return [];
  return children(children(list)[0]).map((ext) => {
    const parts = children(ext);
    const critical = parts.length === 3 && parts[1].tag === TAG.BOOLEAN && parts[1].content[0] !== 0;
    const value = expectTag(parts[parts.length - 1], TAG.OCTET_STRING, "extension").content;
    const arcs = oidArcs(expectTag(parts[0], TAG.OID, "extension").content);
    return { id: arcs.join("."), arcs, critical, value };
  });
}

/** One DER certificate, checked by Node (OpenSSL) and read field by field. */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(Buffer.from(der));
  } catch {
    throw malformed("certificate");
  }
  const [tbs, sigAlg, sigValue] = children(parseDer(der));
  const fields = children(expectTag(tbs, TAG.SEQUENCE, "tbs certificate"));
  let i = 0;
  let version = 1;
  if (fields[0]?.tag === ctxTag(0, true)) {
    version = Number(bigInteger(children(fields[0])[0].content)) + 1;
    i++;
  }
  const serial = bigInteger(expectTag(fields[i++], TAG.INTEGER, "serial number").content);
  i++; // the signature algorithm, repeated
  const issuer = expectTag(fields[i++], TAG.SEQUENCE, "issuer");
  const [notBefore, notAfter] = children(expectTag(fields[i++], TAG.SEQUENCE, "validity"));
  const subject = expectTag(fields[i++], TAG.SEQUENCE, "subject");
  const spki = expectTag(fields[i++], TAG.SEQUENCE, "public key info");
  const extensionsList = fields.slice(i).find((f) => f.tag === ctxTag(3, true));
  const spkiAlg = oidText(children(children(spki)[0])[0].content);

  let keyUsage = 0;
  let basicConstraintsValid = false;
  let isCA = false;
  let maxPathLen = 0;
  const extKeyUsage: number[] = [];
  const unknownExtKeyUsage: number[][] = [];
  const unhandledCritical: number[][] = [];
  const san: SubjectAltNames = { dns: [], email: [], ip: [], uri: [] };
  let subjectKeyId: string | null = null;
  let authorityKeyId: string | null = null;
  const ocsp: string[] = [];
  const issuingUrls: string[] = [];
  const crl: string[] = [];
  const policies: number[][] = [];
  const extensions = extensionsOf(extensionsList);
  for (const ext of extensions) {
    if (ext.critical && !HANDLED_EXTENSIONS.has(ext.id)) unhandledCritical.push(ext.arcs);
    const value = () => parseDer(ext.value);
    switch (ext.id) {
      case "2.5.29.15":
        for (let bit = 0; bit < 9; bit++) if (bitAt(value().content, bit)) keyUsage |= 1 << bit;
        break;
      case "2.5.29.19": {
        const bc = children(value());
        basicConstraintsValid = true;
        isCA = bc[0]?.tag === TAG.BOOLEAN && bc[0].content[0] !== 0;
        const len = bc.find((x) => x.tag === TAG.INTEGER);
        maxPathLen = len ? Number(bigInteger(len.content)) : -1;
        break;
      }
      case "2.5.29.37":
        for (const oid of children(value())) {
          const known = EXT_KEY_USAGES[oidText(oid.content)];
          if (known === undefined) unknownExtKeyUsage.push(oidArcs(oid.content));
          else extKeyUsage.push(known);
        }
        break;
      case "2.5.29.17":
        generalNames(value(), san);
        break;
      case "2.5.29.14":
        subjectKeyId = b64(value().content);
        break;
      case "2.5.29.35": {
        const id = children(value()).find((x) => x.tag === ctxTag(0, false));
        if (id) authorityKeyId = b64(id.content);
        break;
      }
      case "1.3.6.1.5.5.7.1.1":
        for (const ad of children(value())) {
          const [method, location] = children(ad);
          if (location?.tag !== ctxTag(6, false)) continue;
          const url = Buffer.from(location.content).toString("latin1");
          const m = oidText(method.content);
          if (m === "1.3.6.1.5.5.7.48.1") ocsp.push(url);
          else if (m === "1.3.6.1.5.5.7.48.2") issuingUrls.push(url);
        }
        break;
      case "2.5.29.31":
        for (const dp of children(value())) {
          const name = children(dp).find((x) => x.tag === ctxTag(0, true));
          const full = name && children(name).find((x) => x.tag === ctxTag(0, true));
          if (!full) continue;
          const names: SubjectAltNames = { dns: [], email: [], ip: [], uri: [] };
          generalNames(full, names);
          crl.push(...names.uri);
        }
        break;
      case "2.5.29.32":
        for (const info of children(value())) policies.push(oidArcs(children(info)[0].content));
        break;
    }
  }

  const json: { [k: string]: GoJson } = {
    Raw: b64(der),
    RawTBSCertificate: b64(tbs.raw),
    RawSubjectPublicKeyInfo: b64(spki.raw),
    RawSubject: b64(subject.raw),
    RawIssuer: b64(issuer.raw),
    Signature: b64(bitStringBytes(expectTag(sigValue, TAG.BIT_STRING, "signature").content)),
    SignatureAlgorithm: signatureAlgorithm(sigAlg),
    PublicKeyAlgorithm: PUBLIC_KEY_ALGORITHMS[spkiAlg] ?? 0,
    PublicKey: publicKeyJson(x509.publicKey),
    Version: version,
    SerialNumber: serial,
    Issuer: nameJson(issuer),
    Subject: nameJson(subject),
    NotBefore: timeValue(notBefore),
    NotAfter: timeValue(notAfter),
    KeyUsage: keyUsage,
    Extensions: listOrNull(extensions.map((e) => ({ Id: e.arcs, Critical: e.critical, Value: b64(e.value) }))),
    ExtraExtensions: null,
    UnhandledCriticalExtensions: listOrNull(unhandledCritical),
    ExtKeyUsage: listOrNull(extKeyUsage),
    UnknownExtKeyUsage: listOrNull(unknownExtKeyUsage),
    BasicConstraintsValid: basicConstraintsValid,
    IsCA: isCA,
    MaxPathLen: maxPathLen,
    MaxPathLenZero: basicConstraintsValid && maxPathLen === 0,
    SubjectKeyId: subjectKeyId,
    AuthorityKeyId: authorityKeyId,
    OCSPServer: listOrNull(ocsp),
    IssuingCertificateURL: listOrNull(issuingUrls),
    ...sanJson(san),
    PermittedDNSDomainsCritical: false,
    PermittedDNSDomains: null,
    ExcludedDNSDomains: null,
    PermittedIPRanges: null,
    ExcludedIPRanges: null,
    PermittedEmailAddresses: null,
    ExcludedEmailAddresses: null,
    PermittedURIDomains: null,
    ExcludedURIDomains: null,
    CRLDistributionPoints: listOrNull(crl),
    PolicyIdentifiers: listOrNull(policies),
    Policies: listOrNull(policies.map((p) => p.join("."))),
    InhibitAnyPolicy: 0,
    InhibitAnyPolicyZero: false,
    InhibitPolicyMapping: 0,
    InhibitPolicyMappingZero: false,
    RequireExplicitPolicy: 0,
    RequireExplicitPolicyZero: false,
    PolicyMappings: null,
  };
  return {
    der,
    x509,
    rawSubject: subject.raw,
    rawIssuer: issuer.raw,
    version,
    signatureAlgorithm: json.SignatureAlgorithm as number,
    notBeforeMs: Date.parse(json.NotBefore as string),
    notAfterMs: Date.parse(json.NotAfter as string),
    basicConstraintsValid,
    isCA,
    maxPathLen,
    keyUsage,
    extKeyUsage,
    unknownExtKeyUsage,
    unhandledCritical,
    uris: san.uri,
    json,
  };
}

/** Concatenated DER certificates, as Go's x509.ParseCertificates reads them. */
export function parseCertificates(der: Uint8Array): ParsedCertificate[] {
  const out: ParsedCertificate[] = [];
  for (let at = 0; at < der.length; ) {
    let next: number;
    try {
      next = readTlv(der, at).next;
    } catch {
      throw malformed("certificate");
    }
    out.push(parseCertificate(der.subarray(at, next)));
    at = next;
  }
  return out;
}

/** A DER PKCS#10 request as Go's x509.CertificateRequest marshals. */
export function parseCertificateRequest(der: Uint8Array): { [k: string]: GoJson } {
  const [info, sigAlg, sigValue] = children(parseDer(der));
  const [version, subject, spki, attrs] = children(expectTag(info, TAG.SEQUENCE, "certificate request"));
  expectTag(spki, TAG.SEQUENCE, "public key info");
  let publicKey: GoJson = null;
  try {
    publicKey = publicKeyJson(createPublicKey({ key: Buffer.from(spki.raw), format: "der", type: "spki" }));
  } catch {
    throw malformed("subject public key info");
  }
  const attributes: GoJson[] = [];
  let extensions: ReturnType<typeof extensionsOf> = [];
  for (const attr of attrs && attrs.tag === ctxTag(0, true) ? children(attrs) : []) {
    const [type, values] = children(attr);
    const arcs = oidArcs(type.content);
    if (arcs.join(".") !== "1.2.840.113549.1.9.14") continue;
    const requested = children(values)[0];
    extensions = extensionsOf({ tag: ctxTag(3, true), raw: requested.raw, content: requested.raw });
    // Go reads each extension as {Type, Value} and drops the attribute when one is critical.
    if (!extensions.some((e) => e.critical)) {
      attributes.push({ Type: arcs, Value: [extensions.map((e) => ({ Type: e.arcs, Value: b64(e.value) }))] });
    }
  }
  const san: SubjectAltNames = { dns: [], email: [], ip: [], uri: [] };
  for (const e of extensions) if (e.id === "2.5.29.17") generalNames(parseDer(e.value), san);
  const spkiAlg = oidText(children(children(spki)[0])[0].content);
  return {
    Raw: b64(der),
    RawTBSCertificateRequest: b64(info.raw),
    RawSubjectPublicKeyInfo: b64(spki.raw),
    RawSubject: b64(subject.raw),
    Version: Number(bigInteger(expectTag(version, TAG.INTEGER, "version").content)),
    Signature: b64(bitStringBytes(expectTag(sigValue, TAG.BIT_STRING, "signature").content)),
    SignatureAlgorithm: signatureAlgorithm(sigAlg),
    PublicKeyAlgorithm: PUBLIC_KEY_ALGORITHMS[spkiAlg] ?? 0,
    PublicKey: publicKey,
    Subject: nameJson(subject),
    Attributes: listOrNull(attributes),
    Extensions: listOrNull(extensions.map((e) => ({ Id: e.arcs, Critical: e.critical, Value: b64(e.value) }))),
    ExtraExtensions: null,
    ...sanJson(san),
  };
}
