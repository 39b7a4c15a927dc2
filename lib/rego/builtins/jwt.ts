/**
 * `io.jwt.*`: decoding, signature verification (HMAC, RSA PKCS#1 v1.5 and PSS, ECDSA, EdDSA with
 * keys given as PEM certificates, PEM public keys, JWKs or JWK sets), `decode_verify` with OPA's
 * constraints object and claim checks, and `encode_sign` / `encode_sign_raw`. Errors, results
 * and the order of checks follow OPA's topdown/tokens.go; the cryptography is Node's (`jws.ts`).
 */
import { compareNumbers, RObject, type Value } from "../value";
import { argObject, argString, builtinError } from "./args";
import { base64urlDecodeBytes } from "./encoding";
import { GoJSONError, isValidGoJSON, marshalGoJSON, parseGoJSON } from "./gojson";
import { fromUtf8, utf8Bytes } from "./gotext";
import { JWS_ALGORITHMS, keysFromCertOrJwk, parseJwkSet, signJws, verifyJws, verifyWithKeys, type VerificationKey } from "./jws";
import { BuiltinError, type BuiltinDef, type BuiltinContext } from "./registry";
import { T } from "./types";

interface Token {
  readonly header: string;
  readonly payload: string;
  readonly signature: string;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function splitToken(v: Value): Token {
  const s = argString([v], 0);
  if (!s.includes(".")) throw builtinError("encoded JWT had no period separators");
  const parts = s.split(".");
  if (parts.length !== 3) throw builtinError(`encoded JWT must have 3 sections, found ${parts.length}`);
  return { header: parts[0], payload: parts[1], signature: parts[2] };
}

function decodePart(part: string, what: string): string {
  try {
    return fromUtf8(base64urlDecodeBytes(part));
  } catch (e) {
    throw builtinError(`JWT ${what} had invalid encoding: ${messageOf(e)}`);
  }
}

function decodeSignature(token: Token): Uint8Array {
  return base64urlDecodeBytes(token.signature);
}

/** Go's json.Unmarshal into an object: OPA's extractJSONObject. */
function jsonObject(text: string): RObject {
  let v: Value;
  try {
    v = parseGoJSON(text);
  } catch (e) {
    if (e instanceof GoJSONError || e instanceof BuiltinError) throw builtinError(`invalid JSON: ${e.message}`);
    throw e;
  }
  if (!(v instanceof RObject)) throw builtinError("decoded JSON type was not an Object");
  return v;
}

function decodeHeader(token: Token): RObject {
  const text = decodePart(token.header, "header");
  let header: RObject;
  try {
    header = jsonObject(text);
  } catch (e) {
    throw builtinError(`bad JWT header: ${messageOf(e)}`);
  }
  if (header.has("enc")) throw builtinError("JWT is a JWE object, which is not supported");
  return header;
}

interface ParsedHeader {
  alg: string;
  kid: string;
  typ: string;
  cty: string;
  crit?: Set<string>;
  unknown: string[];
}

/** OPA's parseTokenHeader: the registered parameters, type-checked, and the names of the others. */
function parseHeader(header: RObject): ParsedHeader {
  const h: ParsedHeader = { alg: "", kid: "", typ: "", cty: "", unknown: [] };
  for (const [k, v] of header.entries()) {
    const name = typeof k === "string" ? k : marshalGoJSON(k);
    if (name === "alg" || name === "kid" || name === "typ" || name === "cty") {
      if (typeof v !== "string") throw builtinError(`${name}: must be a string`);
      h[name] = v;
    } else if (name === "crit") {
      if (!Array.isArray(v)) throw builtinError("crit: must be a list");
      h.crit = new Set();
      // OPA stops at the first non-string member without failing.
      for (const x of v as readonly Value[]) {
        if (typeof x !== "string") break;
        h.crit.add(x);
      }
      if (h.crit.size === 0) throw builtinError("crit: must be a nonempty list");
    } else h.unknown.push(name);
  }
  return h;
}

/** RFC 7515: `alg` is required, and a critical parameter we do not understand invalidates the JWS. */
const headerValid = (h: ParsedHeader): boolean => h.alg !== "" && !h.unknown.some((u) => h.crit?.has(u));

const signingInput = (t: Token): Uint8Array => utf8Bytes(t.header + "." + t.payload);

function decode(v: Value): Value[] {
  const token = splitToken(v);
  const header = decodeHeader(token);
  const payload = decodePart(token.payload, "payload");
  if (header.get("cty") === "JWT") {
    // A nested token is quoted by some encoders (jwt.io): strip the quotes as OPA does.
    return decode(payload.replace(/^["']+|["']+$/g, ""));
  }
  const claims = jsonObject(payload);
  let sig: Uint8Array;
  try {
    sig = decodeSignature(token);
  } catch (e) {
    throw builtinError(`JWT signature had invalid encoding: ${messageOf(e)}`);
  }
  return [header, claims, Buffer.from(sig).toString("hex")];
}

/** verify_rs256 and the other asymmetric verifiers: `alg` is the builtin's own algorithm. */
const verifyAsymmetric =
  (alg: string) =>
  (args: readonly Value[]): boolean => {
    const token = splitToken(args[0]);
    const keys = keysFromCertOrJwk(argString(args, 1));
    const signature = decodeSignature(token);
    const header = parseHeader(decodeHeader(token));
    return verifyWithKeys(keys, header, alg, signingInput(token), signature);
  };

const verifyHmac =
  (alg: string) =>
  (args: readonly Value[]): boolean => {
    argString(args, 0);
    const secret = argString(args, 1);
    const token = splitToken(args[0]);
    return verifyJws(utf8Bytes(secret), alg, signingInput(token), decodeSignature(token));
  };

interface Constraints {
  keys?: VerificationKey[];
  secret: string;
  alg: string;
  iss: string;
  aud: string;
  /** Nanoseconds since the epoch. */
  time: number;
}

function parseConstraints(o: RObject, ctx: BuiltinContext): Constraints {
  const c: Constraints = { secret: "", alg: "", iss: "", aud: "", time: -1 };
  for (const [k, v] of o.entries()) {
    const name = typeof k === "string" ? k : marshalGoJSON(k);
    switch (name) {
      case "cert":
        if (typeof v !== "string") throw builtinError("cert constraint: must be a string");
        c.keys = keysFromCertOrJwk(v);
        break;
      case "secret":
      case "alg":
      case "iss":
      case "aud":
        if (typeof v !== "string") throw builtinError(`${name} constraint: must be a string`);
        c[name] = v;
        break;
      case "time":
        if (typeof v !== "number" && typeof v !== "bigint") throw builtinError("token time constraint: must be a number");
        if (Number(v) < 0) throw builtinError("token time constraint: must not be negative");
        c.time = Number(v);
        break;
      default:
        throw builtinError(`unknown token validation constraint: ${name}`);
    }
  }
  if (c.time === -1) c.time = Number(ctx.nowNs);
  const keyConstraints = (c.keys !== undefined ? 1 : 0) + (c.secret !== "" ? 1 : 0);
  if (keyConstraints > 1) throw builtinError("duplicate key constraints");
  if (keyConstraints < 1) throw builtinError("no key constraint");
  return c;
}

function signatureVerifies(c: Constraints, header: ParsedHeader, token: Token, signature: Uint8Array): boolean {
  if (c.keys !== undefined) return verifyWithKeys(c.keys, header, header.alg, signingInput(token), signature);
  return verifyJws(utf8Bytes(c.secret), header.alg, signingInput(token), signature);
}

/** `aud` as a string, or an array holding the constraint's audience (OPA's validAudience). */
function audienceMatches(aud: Value, want: string): boolean {
  if (typeof aud === "string") return aud === want;
  return Array.isArray(aud) && (aud as readonly Value[]).some((x) => x === want);
}

function decodeVerify(args: readonly Value[], ctx: BuiltinContext): Value {
  const unverified: Value = [false, new RObject(), new RObject()];
  const c = parseConstraints(argObject(args, 1), ctx);
  let jwt: Value = args[0];
  let headerObj: RObject;
  let payloadText: string;
  for (;;) {
    const token = splitToken(jwt);
    headerObj = decodeHeader(token);
    const header = parseHeader(headerObj);
    if (!headerValid(header)) return unverified;
    if (c.alg !== "" && c.alg !== header.alg) return unverified;
    const signature = decodeSignature(token);
    if (!signatureVerifies(c, header, token, signature)) return unverified;
    payloadText = decodePart(token.payload, "payload");
    if (header.cty.toLowerCase() !== "jwt") break;
    jwt = payloadText;
  }
  const claims = jsonObject(payloadText);

  if (c.iss !== "" && claims.get("iss") !== c.iss) return unverified;
  const aud = claims.get("aud");
  if (aud !== undefined ? !audienceMatches(aud, c.aud) : c.aud !== "") return unverified;
  const nowSeconds = c.time / 1e9;
  const exp = claims.get("exp");
  if (exp !== undefined) {
    if (typeof exp !== "number" && typeof exp !== "bigint") throw builtinError("exp value must be a number");
    if (compareNumbers(nowSeconds, exp) >= 0) return unverified;
  }
  const nbf = claims.get("nbf");
  if (nbf !== undefined) {
    if (typeof nbf !== "number" && typeof nbf !== "bigint") throw builtinError("nbf value must be a number");
    if (compareNumbers(nowSeconds, nbf) < 0) return unverified;
  }
  return [true, headerObj, claims];
}

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64url");

/** OPA's commonBuiltinJWTEncodeSign: the first key of the JWK (set) signs with the header's `alg`. */
function encodeSign(headerText: string, payloadText: string, jwkText: string): string {
  let keys: ReturnType<typeof parseJwkSet>;
  try {
    keys = parseJwkSet(jwkText);
  } catch (e) {
    throw builtinError(`failed to parse JWK: ${messageOf(e)}`);
  }
  if (keys.length === 0) throw builtinError("no keys found in JWK set");
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch {
    header = undefined;
  }
  const field = (name: string): string | undefined => {
    const v = header !== null && typeof header === "object" ? (header as Record<string, unknown>)[name] : undefined;
    return typeof v === "string" ? v : undefined;
  };
  const alg = field("alg");
  if (alg === undefined) throw builtinError("missing or invalid 'alg' header");
  if (!JWS_ALGORITHMS.has(alg)) throw builtinError(`unknown JWS algorithm: ${alg}`);
  const typ = field("typ");
  if ((typ === undefined || typ === "JWT") && !isValidGoJSON(payloadText)) throw builtinError("type is JWT but payload is not JSON");
  const input = b64url(utf8Bytes(headerText)) + "." + b64url(utf8Bytes(payloadText));
  return input + "." + b64url(signJws(keys[0].key, alg, utf8Bytes(input)));
}

const S = T.string;
const B = T.boolean;
const OBJ = T.object(T.string, T.any);
const ANY_OBJ = T.object(T.any, T.any);

const asymmetric = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

export const builtins: BuiltinDef[] = [
  {
    name: "io.jwt.decode",
    // OPA: array<object, object, string>; TypeSpec has no fixed positions.
    decl: { args: [S], result: T.array(T.union(ANY_OBJ, S)) },
    impl: (args) => decode(args[0]),
  },
  ...asymmetric.map(
    (alg): BuiltinDef => ({ name: `io.jwt.verify_${alg.toLowerCase()}`, decl: { args: [S, S], result: B }, impl: verifyAsymmetric(alg) }),
  ),
  { name: "io.jwt.verify_eddsa", decl: { args: [S, S], result: B }, impl: verifyAsymmetric("EdDSA") },
  ...["HS256", "HS384", "HS512"].map(
    (alg): BuiltinDef => ({ name: `io.jwt.verify_${alg.toLowerCase()}`, decl: { args: [S, S], result: B }, impl: verifyHmac(alg) }),
  ),
  {
    name: "io.jwt.decode_verify",
    // OPA: array<boolean, object, object>. Marked nondeterministic as OPA does (it reads the clock).
    decl: { args: [S, OBJ], result: T.array(T.union(B, ANY_OBJ)) },
    nondeterministic: true,
    impl: decodeVerify,
  },
  {
    name: "io.jwt.encode_sign_raw",
    decl: { args: [S, S, S], result: S },
    // ECDSA and PSS signatures are randomised.
    nondeterministic: true,
    impl: (args) => {
      const key = argString(args, 2);
      return encodeSign(argString(args, 0), argString(args, 1), key);
    },
  },
  {
    name: "io.jwt.encode_sign",
    decl: { args: [OBJ, OBJ, OBJ], result: S },
    nondeterministic: true,
    impl: (args) => encodeSign(marshalGoJSON(args[0]), marshalGoJSON(args[1]), marshalGoJSON(args[2])),
  },
];
