/**
 * Encoding builtins: base64 / base64url / hex / urlquery and json.*, with Go's decoders'
 * strictness and error texts ("illegal base64 data at input byte 4", "encoding/hex: invalid
 * byte: U+0067 'g'", "invalid URL escape \"%zz\"").
 */
import { formatValue, RObject, RSet, type Value } from "../value";
import { argString, builtinError, operandTypeError } from "./args";
import { fromUtf8, goQuote, isGoPrintable, utf8Bytes } from "./gotext";
import { GoJSONError, isValidGoJSON, marshalGoJSON, marshalGoJSONIndent, parseGoJSON } from "./gojson";
import { BuiltinError, type BuiltinDef } from "./registry";
import { T } from "./types";
import { isResourceExhaustion } from "../limits";

const STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function b64encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63] + alphabet[(v >> 6) & 63] + alphabet[v & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i] << 16;
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63] + (pad ? "==" : "");
  } else if (rest === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63] + alphabet[(v >> 6) & 63] + (pad ? "=" : "");
  }
  return out;
}

const decodeTables = new Map<string, Int16Array>();
function table(alphabet: string): Int16Array {
  let t = decodeTables.get(alphabet);
  if (!t) {
    t = new Int16Array(256).fill(-1);
    for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
    decodeTables.set(alphabet, t);
  }
  return t;
}

const illegal = (at: number): BuiltinError => builtinError(`illegal base64 data at input byte ${at}`);

/** Go's base64.Encoding.DecodeString (padded encodings; newlines are ignored). */
function b64decode(s: string, alphabet: string): Uint8Array {
  const src = utf8Bytes(s);
  const t = table(alphabet);
  const out: number[] = [];
  let si = 0;
  const n = src.length;
  for (;;) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let done = false;
    for (let j = 0; j < 4; j++) {
      while (si < n && (src[si] === 0x0a || src[si] === 0x0d)) si++;
      if (si === n) {
        if (j === 0) return Uint8Array.from(out);
        throw illegal(si - j);
      }
      const c = src[si];
      si++;
      const v = t[c];
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (c === 0x3d /* = */) {
        if (j === 0 || j === 1) throw illegal(si - 1);
        if (j === 2) {
          while (si < n && (src[si] === 0x0a || src[si] === 0x0d)) si++;
          if (si === n) throw illegal(n);
          if (src[si] !== 0x3d) throw illegal(si - 1);
          si++;
        }
        while (si < n && (src[si] === 0x0a || src[si] === 0x0d)) si++;
        if (si < n) throw illegal(si);
        dlen = j;
        done = true;
        break;
      }
      throw illegal(si - 1);
    }
    const v = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    if (dlen >= 2) out.push((v >> 16) & 255);
    if (dlen >= 3) out.push((v >> 8) & 255);
    if (dlen >= 4) out.push(v & 255);
    if (done) return Uint8Array.from(out);
  }
}

/** Go's base64.StdEncoding.DecodeString, for builtins that need the bytes (x509, keys). */
export function base64DecodeBytes(s: string): Uint8Array {
  return b64decode(s, STD);
}

/** OPA's base64url.decode on bytes (padding optional), for builtins that need them (JWT signatures). */
export function base64urlDecodeBytes(s: string): Uint8Array {
  if (!s.endsWith("=")) {
    const rem = utf8Bytes(s).length % 4;
    if (rem === 2) s += "==";
    else if (rem === 3) s += "=";
    else if (rem === 1) throw builtinError(`illegal base64url string: ${s}`);
  }
  return b64decode(s, URL);
}

function hexDecode(s: string): string {
  const src = utf8Bytes(s);
  const val = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1);
  const invalid = (c: number): BuiltinError => {
    const q = isGoPrintable(c) ? " " + "'" + String.fromCharCode(c) + "'" : "";
    return builtinError(`encoding/hex: invalid byte: U+${c.toString(16).toUpperCase().padStart(4, "0")}${q}`);
  };
  const out = new Uint8Array(src.length >> 1);
  let i = 1;
  for (; i < src.length; i += 2) {
    const a = val(src[i - 1]);
    const b = val(src[i]);
    if (a < 0) throw invalid(src[i - 1]);
    if (b < 0) throw invalid(src[i]);
    out[(i - 1) >> 1] = (a << 4) | b;
  }
  if (src.length % 2 === 1) {
    if (val(src[i - 1]) < 0) throw invalid(src[i - 1]);
    throw builtinError("encoding/hex: odd length hex string");
  }
  return fromUtf8(out);
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = "";
  for (const b of utf8Bytes(s)) {
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e) {
      out += String.fromCharCode(b);
    } else if (b === 0x20) out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** Go's url.QueryUnescape. */
export function queryUnescape(s: string): string {
  const src = utf8Bytes(s);
  const isHex = (c: number | undefined): boolean =>
    c !== undefined && ((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70));
  for (let i = 0; i < src.length; i++) {
    if (src[i] === 0x25 && (!isHex(src[i + 1]) || !isHex(src[i + 2]))) {
      let bad = fromUtf8(src.slice(i));
      if (bad.length > 3) bad = bad.slice(0, 3);
      throw builtinError(`invalid URL escape ${goQuote(bad)}`);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === 0x25) {
      out.push(parseInt(String.fromCharCode(src[i + 1], src[i + 2]), 16));
      i += 2;
    } else out.push(c === 0x2b ? 0x20 : c);
  }
  return fromUtf8(Uint8Array.from(out));
}

function jsonError(e: unknown): BuiltinError {
  if (e instanceof BuiltinError) return e;
  // too deep or too big is a limit of the evaluation, not an invalid document
  if (isResourceExhaustion(e)) throw e;
  return builtinError(e instanceof Error ? e.message : String(e));
}

function marshalWithOptions(v: Value, opts: Value): string {
  if (!(opts instanceof RObject)) throw operandTypeError(2, opts, "object");
  let indent = "\t";
  let prefix = "";
  let implicit = false;
  let explicitSet = false;
  let pretty = false;
  opts.keys().forEach((k, idx) => {
    const val = opts.get(k)!;
    const typeErr = (pos: number, x: Value, want: string): string => `operand ${pos} must be ${want} but got ${typeNameOf(x)}`;
    if (typeof k !== "string") {
      throw new BuiltinError("eval_type_error", `operand 2 failed to stringify key ${formatValue(k)} at index ${idx}: ${typeErr(idx, k, "string")}`);
    }
    switch (k) {
      case "prefix":
        if (typeof val !== "string") throw new BuiltinError("eval_type_error", `operand 2 key "prefix" failed cast to string: ${typeErr(idx, val, "string")}`);
        prefix = val;
        implicit = true;
        break;
      case "indent":
        if (typeof val !== "string") throw new BuiltinError("eval_type_error", `operand 2 key "indent" failed cast to string: ${typeErr(idx, val, "string")}`);
        indent = val;
        implicit = true;
        break;
      case "pretty":
        explicitSet = true;
        if (typeof val !== "boolean") throw new BuiltinError("eval_type_error", `operand 2 key "pretty" failed cast to bool`);
        pretty = val;
        break;
      default:
        throw new BuiltinError("eval_type_error", `operand 2 object contained unknown key ${goQuote(k)}`);
    }
  });
  if (!explicitSet) pretty = implicit;
  return pretty ? prefix + marshalGoJSONIndent(v, prefix, indent) : marshalGoJSON(v);
}

function typeNameOf(x: Value): string {
  return x === null ? "null" : Array.isArray(x) ? "array" : x instanceof RObject ? "object" : x instanceof RSet ? "set" : typeof x === "bigint" ? "number" : typeof x;
}

const encodeObjectErr = (): BuiltinError => new BuiltinError("eval_type_error", "operand 1 values must be string, array[string], or set[string]");

const S = T.string;

export const builtins: BuiltinDef[] = [
  {
    name: "base64.encode",
    decl: { args: [S], result: S },
    impl: (args) => b64encode(utf8Bytes(argString(args, 0)), STD, true),
  },
  {
    name: "base64.decode",
    decl: { args: [S], result: S },
    impl: (args) => fromUtf8(b64decode(argString(args, 0), STD)),
  },
  {
    name: "base64.is_valid",
    decl: { args: [S], result: T.boolean },
    impl: (args) => {
      if (typeof args[0] !== "string") return false;
      try {
        b64decode(args[0], STD);
        return true;
      } catch {
        return false;
      }
    },
  },
  {
    name: "base64url.encode",
    decl: { args: [S], result: S },
    impl: (args) => b64encode(utf8Bytes(argString(args, 0)), URL, true),
  },
  {
    name: "base64url.encode_no_pad",
    decl: { args: [S], result: S },
    impl: (args) => b64encode(utf8Bytes(argString(args, 0)), URL, false),
  },
  {
    name: "base64url.decode",
    decl: { args: [S], result: S },
    impl: (args) => fromUtf8(base64urlDecodeBytes(argString(args, 0))),
  },
  {
    name: "hex.encode",
    decl: { args: [S], result: S },
    impl: (args) => Array.from(utf8Bytes(argString(args, 0)), (b) => b.toString(16).padStart(2, "0")).join(""),
  },
  {
    name: "hex.decode",
    decl: { args: [S], result: S },
    impl: (args) => hexDecode(argString(args, 0)),
  },
  {
    name: "urlquery.encode",
    decl: { args: [S], result: S },
    impl: (args) => queryEscape(argString(args, 0)),
  },
  {
    name: "urlquery.decode",
    decl: { args: [S], result: S },
    impl: (args) => queryUnescape(argString(args, 0)),
  },
  {
    name: "urlquery.encode_object",
    decl: { args: [T.object(S, T.union(S, T.array(S), T.set(S)))], result: S },
    impl: (args) => {
      const o = args[0];
      if (!(o instanceof RObject)) throw operandTypeError(1, o, "object");
      const pairs: [string, string[]][] = [];
      for (const [k, v] of o.entries()) {
        const key = typeof k === "string" ? k : marshalGoJSON(k);
        if (typeof v === "string") pairs.push([key, [v]]);
        else if (Array.isArray(v) || v instanceof RSet) {
          const vals = Array.isArray(v) ? (v as readonly Value[]) : v.values();
          const strs: string[] = [];
          for (const x of vals) {
            if (typeof x !== "string") throw encodeObjectErr();
            strs.push(x);
          }
          pairs.push([key, strs]);
        } else throw encodeObjectErr();
      }
      pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const parts: string[] = [];
      for (const [k, vs] of pairs) for (const v of vs) parts.push(queryEscape(k) + "=" + queryEscape(v));
      return parts.join("&");
    },
  },
  {
    name: "urlquery.decode_object",
    decl: { args: [S], result: T.object(S, T.array(S)) },
    impl: (args) => {
      const q = argString(args, 0);
      const acc = new Map<string, string[]>();
      let firstErr: BuiltinError | undefined;
      for (const part of q.split("&")) {
        if (part === "") continue;
        if (part.includes(";")) {
          firstErr ??= builtinError("invalid semicolon separator in query");
          continue;
        }
        const eq = part.indexOf("=");
        const rawK = eq < 0 ? part : part.slice(0, eq);
        const rawV = eq < 0 ? "" : part.slice(eq + 1);
        try {
          const k = queryUnescape(rawK);
          const v = queryUnescape(rawV);
          const list = acc.get(k) ?? [];
          list.push(v);
          acc.set(k, list);
        } catch (e) {
          firstErr ??= e as BuiltinError;
        }
      }
      if (firstErr) throw firstErr;
      const o = new RObject();
      for (const [k, vs] of acc) o.set(k, vs);
      return o;
    },
  },
  {
    name: "json.marshal",
    decl: { args: [T.any], result: S },
    impl: (args) => marshalGoJSON(args[0]),
  },
  {
    name: "json.marshal_with_options",
    decl: { args: [T.any, T.object(S, T.any)], result: S },
    impl: (args) => marshalWithOptions(args[0], args[1]),
  },
  {
    name: "json.unmarshal",
    decl: { args: [S], result: T.any },
    impl: (args) => {
      const s = argString(args, 0);
      try {
        return parseGoJSON(s);
      } catch (e) {
        if (e instanceof GoJSONError) throw builtinError(e.message);
        throw jsonError(e);
      }
    },
  },
  {
    name: "json.is_valid",
    decl: { args: [S], result: T.boolean },
    impl: (args) => typeof args[0] === "string" && isValidGoJSON(args[0]),
  },
];
