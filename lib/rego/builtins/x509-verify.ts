/**
 * Certificate chain verification as OPA asks Go's `x509.Certificate.Verify` for it: the first
 * certificate is the only root, the last the leaf, the others intermediates. Checked as Go does:
 * each link's issuer name and signature (Node's `X509Certificate.verify`; MD5 and SHA-1
 * signatures refused), the issuer's CA flag and certSign key usage, validity at the current time
 * for every certificate, intermediates being CAs, path lengths, the leaf's unhandled critical
 * extensions, the requested DNS name (SANs only) and extended key usages across the chain
 * (server auth unless other usages are asked for). Not checked: name constraints.
 */
import { isIP } from "node:net";
import { INSECURE_SIGNATURES, type ParsedCertificate } from "./x509-cert";

const EKU_ANY = 0;
const EKU_SERVER_AUTH = 1;
const EKU_MICROSOFT_SGC = 10;
const EKU_NETSCAPE_SGC = 11;
const KEY_USAGE_CERT_SIGN = 1 << 5;

export interface VerifyOptions {
  readonly dnsName?: string;
  /** Milliseconds since the epoch. */
  readonly nowMs: number;
  /** Go's ExtKeyUsage values; empty means server auth, as in Go. */
  readonly keyUsages?: readonly number[];
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/** Go's CheckSignatureFrom: `parent` may sign certificates and did sign `child`. */
function signedBy(child: ParsedCertificate, parent: ParsedCertificate): boolean {
  if (!sameBytes(child.rawIssuer, parent.rawSubject)) return false;
  if ((parent.version === 3 && !parent.basicConstraintsValid) || (parent.basicConstraintsValid && !parent.isCA)) return false;
  if (parent.keyUsage !== 0 && (parent.keyUsage & KEY_USAGE_CERT_SIGN) === 0) return false;
  if (INSECURE_SIGNATURES.has(child.signatureAlgorithm)) return false;
  try {
    return child.x509.verify(parent.x509.publicKey);
  } catch {
    return false;
  }
}

const inValidity = (c: ParsedCertificate, nowMs: number): boolean => nowMs >= c.notBeforeMs && nowMs <= c.notAfterMs;

/** Go's isValid for an intermediate or root about to extend `chain` (leaf first). */
function validIssuer(c: ParsedCertificate, intermediate: boolean, chain: readonly ParsedCertificate[], opts: VerifyOptions): boolean {
  if (!inValidity(c, opts.nowMs)) return false;
  if (intermediate && (!c.basicConstraintsValid || !c.isCA)) return false;
  return !(c.basicConstraintsValid && c.maxPathLen >= 0 && chain.length - 1 > c.maxPathLen);
}

function buildChain(chain: ParsedCertificate[], root: ParsedCertificate, intermediates: readonly ParsedCertificate[], opts: VerifyOptions): ParsedCertificate[] | undefined {
  const current = chain[chain.length - 1];
  if (signedBy(current, root) && validIssuer(root, false, chain, opts)) return [...chain, root];
  for (const next of intermediates) {
    if (chain.includes(next) || !signedBy(current, next) || !validIssuer(next, true, chain, opts)) continue;
    const found = buildChain([...chain, next], root, intermediates, opts);
    if (found) return found;
  }
  return undefined;
}

/** Go's checkChainForKeyUsage: some requested usage is allowed by every certificate that restricts usages. */
function chainAllows(chain: readonly ParsedCertificate[], usages: readonly number[]): boolean {
  if (usages.includes(EKU_ANY)) return true;
  let remaining = [...usages];
  for (const c of chain) {
    if (c.extKeyUsage.length === 0 && c.unknownExtKeyUsage.length === 0) continue;
    if (c.extKeyUsage.includes(EKU_ANY)) continue;
    remaining = remaining.filter(
      (u) => c.extKeyUsage.includes(u) || (u === EKU_SERVER_AUTH && (c.extKeyUsage.includes(EKU_NETSCAPE_SGC) || c.extKeyUsage.includes(EKU_MICROSOFT_SGC))),
    );
    if (remaining.length === 0) return false;
  }
  return true;
}

/** Go's VerifyHostname: an IP address against the IP SANs, a name against the DNS SANs (never the CN). */
function hostMatches(leaf: ParsedCertificate, host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  try {
    if (isIP(bare)) return leaf.x509.checkIP(bare) !== undefined;
    return leaf.x509.checkHost(host.replace(/\.$/, ""), { subject: "never", wildcards: true, partialWildcards: false, multiLabelWildcards: false }) !== undefined;
  } catch {
    return false;
  }
}

/** The verified chain (leaf first, root last), or undefined when the certificates don't form a valid one. */
export function verifyChain(certs: readonly ParsedCertificate[], opts: VerifyOptions): ParsedCertificate[] | undefined {
  if (certs.length < 2) return undefined;
  const root = certs[0];
  const leaf = certs[certs.length - 1];
  const intermediates = certs.slice(1, -1);
  if (leaf.unhandledCritical.length > 0) return undefined;
  if (opts.dnsName && !hostMatches(leaf, opts.dnsName)) return undefined;
  if (!inValidity(leaf, opts.nowMs)) return undefined;
  // A leaf that is the root itself is its own chain, as Go finds it in the root pool.
  const chain = sameBytes(leaf.der, root.der) ? [leaf] : buildChain([leaf], root, intermediates, opts);
  if (!chain) return undefined;
  const usages = opts.keyUsages && opts.keyUsages.length > 0 ? opts.keyUsages : [EKU_SERVER_AUTH];
  return chainAllows(chain, usages) ? chain : undefined;
}
