/**
 * JWS keys, signatures and verification for the `io.jwt.*` builtins.
 *
 * Why Node's `crypto` and not `jose`: builtins run synchronously inside the evaluator, and jose's
 * key import, signing and verification are all async (WebCrypto). Node's `crypto.sign`,
 * `crypto.verify`, `createHmac` and `createPublicKey({ format: "jwk" })` do the same operations
 * synchronously with the same OpenSSL primitives. jose's sync decoders (`decodeJwt`,
 * `decodeProtectedHeader`) are not used either: OPA parses header and claims with Go's JSON
 * decoder (exact numbers, last duplicate key wins), which `gojson.ts` reproduces and JS's
 * `JSON.parse` does not.
 */
import { createHmac, createPrivateKey, createPublicKey, KeyObject, sign, verify, X509Certificate, constants, type JsonWebKey } from "node:crypto";
import { constantTimeEqual } from "./crypto";
import { builtinError } from "./args";
import { decodePem } from "./pem";

/** An HMAC secret (raw bytes) or an asymmetric key. */
export type JwsKey = Uint8Array | KeyObject;

export interface VerificationKey {
  readonly key: JwsKey;
  /** From a JWK's `alg`; "" for certificates, PEM keys and JWKs without one. */
  readonly alg: string;
  readonly kid: string;
}

/** The algorithms OPA knows (its `tokenAlgorithms`). */
export const JWS_ALGORITHMS = new Set(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512", "EdDSA"]);

const HASHES: Record<string, string> = { "256": "sha256", "384": "sha384", "512": "sha512" };

function hashOf(alg: string): string | undefined {
  return HASHES[alg.slice(2)];
}

const isRsa = (k: KeyObject): boolean => k.asymmetricKeyType === "rsa" || k.asymmetricKeyType === "rsa-pss";

/**
 * Whether `signature` is `alg`'s signature of `input` under `key`. A key of the wrong kind for
 * the algorithm, an unknown algorithm or a malformed signature is simply not a valid signature.
 */
export function verifyJws(key: JwsKey, alg: string, input: Uint8Array, signature: Uint8Array): boolean {
  const family = alg.slice(0, 2);
  const hash = hashOf(alg);
  try {
    if (family === "HS" && hash) {
      if (key instanceof KeyObject) return false;
      return constantTimeEqual(createHmac(hash, key).update(input).digest(), signature);
    }
    if (!(key instanceof KeyObject) || key.type === "secret") return false;
    if (family === "RS" && hash && isRsa(key)) return verify(hash, input, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    if (family === "PS" && hash && isRsa(key)) {
      return verify(hash, input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature);
    }
    if (family === "ES" && hash && key.asymmetricKeyType === "ec") return verify(hash, input, { key, dsaEncoding: "ieee-p1363" }, signature);
    if (alg === "EdDSA" && (key.asymmetricKeyType === "ed25519" || key.asymmetricKeyType === "ed448")) return verify(null, input, key, signature);
  } catch {
    return false;
  }
  return false;
}

/** `alg`'s signature of `input` with a private (or HMAC) key; throws a builtin error when they don't fit. */
export function signJws(key: JwsKey, alg: string, input: Uint8Array): Uint8Array {
  const family = alg.slice(0, 2);
  const hash = hashOf(alg);
  const mismatch = () => builtinError(`failed to sign payload: key is not usable for ${alg}`);
  if (family === "HS" && hash) {
    if (key instanceof KeyObject) throw mismatch();
    return createHmac(hash, key).update(input).digest();
  }
  if (!(key instanceof KeyObject) || key.type !== "private") throw mismatch();
  try {
    if (family === "RS" && hash && isRsa(key)) return sign(hash, input, { key, padding: constants.RSA_PKCS1_PADDING });
    // jwx signs PSS with a salt as long as the hash.
    if (family === "PS" && hash && isRsa(key)) return sign(hash, input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
    if (family === "ES" && hash && key.asymmetricKeyType === "ec") return sign(hash, input, { key, dsaEncoding: "ieee-p1363" });
    if (alg === "EdDSA" && (key.asymmetricKeyType === "ed25519" || key.asymmetricKeyType === "ed448")) return sign(null, input, key);
  } catch (e) {
    throw builtinError(`failed to sign payload: ${e instanceof Error ? e.message : String(e)}`);
  }
  throw mismatch();
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** One JWK as a key: `oct` gives the secret's bytes; RSA, EC and OKP keys a KeyObject (private when `d` is present). */
function keyFromJwk(jwk: Record<string, unknown>): JwsKey {
  if (jwk.kty === "oct") {
    if (typeof jwk.k !== "string") throw new Error(`required field k is missing`);
    return Buffer.from(jwk.k, "base64url");
  }
  if (jwk.kty !== "RSA" && jwk.kty !== "EC" && jwk.kty !== "OKP") throw new Error(`invalid key type from JSON (${String(jwk.kty)})`);
  const key = jwk as JsonWebKey;
  return typeof jwk.d === "string" ? createPrivateKey({ key, format: "jwk" }) : createPublicKey({ key, format: "jwk" });
}

/** A JWK or a JWK set (`{"keys": [...]}`), as jwx's `jwk.Parse` reads them; throws on bad JSON or keys. */
export function parseJwkSet(text: string): { key: JwsKey; alg: string; kid: string }[] {
  const doc: unknown = JSON.parse(text);
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new Error("invalid JWK: not an object");
  const o = doc as Record<string, unknown>;
  const jwks = Array.isArray(o.keys) ? (o.keys as unknown[]) : [o];
  return jwks.map((j) => {
    if (j === null || typeof j !== "object" || Array.isArray(j)) throw new Error("invalid JWK: not an object");
    const jwk = j as Record<string, unknown>;
    return { key: keyFromJwk(jwk), alg: typeof jwk.alg === "string" ? jwk.alg : "", kid: typeof jwk.kid === "string" ? jwk.kid : "" };
  });
}

/**
 * OPA's getKeysFromCertOrJWK: a PEM certificate or PEM public key (nothing may follow the block),
 * else a JWK or JWK set; JWKs whose `alg` OPA does not know are skipped.
 */
export function keysFromCertOrJwk(text: string): VerificationKey[] {
  const { block, rest } = decodePem(text);
  if (block) {
    if (rest.length > 0) throw builtinError("extra data after a PEM certificate block");
    const der = Buffer.from(block.bytes);
    if (block.type === "CERTIFICATE") {
      try {
        return [{ key: new X509Certificate(der).publicKey, alg: "", kid: "" }];
      } catch (e) {
        throw builtinError(`failed to parse a PEM certificate: ${message(e)}`);
      }
    }
    if (block.type === "PUBLIC KEY") {
      try {
        return [{ key: createPublicKey({ key: der, format: "der", type: "spki" }), alg: "", kid: "" }];
      } catch (e) {
        throw builtinError(`failed to parse a PEM public key: ${message(e)}`);
      }
    }
    throw builtinError("failed to extract a Key from the PEM certificate");
  }
  try {
    return parseJwkSet(text).filter((k) => k.alg === "" || JWS_ALGORITHMS.has(k.alg));
  } catch (e) {
    throw builtinError(`failed to parse a JWK key (set): ${message(e)}`);
  }
}

/**
 * OPA's key selection: a key whose `kid` matches the header's is the only one tried; otherwise
 * every key whose `alg` is unset or equals the header's `alg` is tried until one verifies.
 * `verifyAlg` is the algorithm checked: the header's for `decode_verify`, the builtin's own for
 * `verify_rs256` and the like.
 */
export function verifyWithKeys(
  keys: readonly VerificationKey[],
  header: { readonly kid: string; readonly alg: string },
  verifyAlg: string,
  input: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (header.kid !== "") {
    const byKid = keys.find((k) => k.kid === header.kid);
    if (byKid) return verifyJws(byKid.key, verifyAlg, input, signature);
  }
  return keys.some((k) => (k.alg === "" || k.alg === header.alg) && verifyJws(k.key, verifyAlg, input, signature));
}
