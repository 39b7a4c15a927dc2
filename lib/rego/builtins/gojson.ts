/**
 * JSON reading and writing as OPA does it with Go's encoding/json: exact numbers (big integers
 * stay exact), Go's syntax error texts, sorted object keys, HTML-safe escaping, and
 * MarshalIndent's layout. Shared by the json.* builtins and yaml.marshal.
 */
import { BigDecimal, formatNumber, parseNumber, RObject, RSet, type Value } from "../value";
import { compareCodePoints, goQuote } from "./gotext";

export class GoJSONError extends Error {}

/** Go's quoteChar for scanner error messages: 'x', '\n', '\''. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = goQuote(c);
  return "'" + q.slice(1, -1) + "'";
}

/** Parses one JSON document; errors carry Go's wording ("invalid character 'x' looking for beginning of value"). */
export function parseGoJSON(text: string): Value {
  let i = 0;
  const n = text.length;
  const eof = (): never => {
    throw new GoJSONError("unexpected EOF");
  };
  const bad = (ctx: string): never => {
    const c = String.fromCodePoint(text.codePointAt(i)!);
    throw new GoJSONError(`invalid character ${quoteChar(c)} ${ctx}`);
  };
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const literal = (word: string, v: Value): Value => {
    for (let k = 0; k < word.length; k++, i++) {
      if (i >= n) eof();
      if (text[i] !== word[k]) bad(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    return v;
  };
  const isDigit = (c: number): boolean => c >= 48 && c <= 57;
  const number = (): Value => {
    const start = i;
    if (text[i] === "-") {
      i++;
      if (i >= n) eof();
      if (!isDigit(text.charCodeAt(i))) bad("in numeric literal");
    }
    if (text[i] === "0") i++;
    else while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i < n && text[i] === ".") {
      i++;
      if (i >= n) eof();
      if (!isDigit(text.charCodeAt(i))) bad("after decimal point in numeric literal");
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    if (i < n && (text[i] === "e" || text[i] === "E")) {
      i++;
      if (i < n && (text[i] === "+" || text[i] === "-")) i++;
      if (i >= n) eof();
      if (!isDigit(text.charCodeAt(i))) bad("in exponent of numeric literal");
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    const lit = text.slice(start, i);
    const v = parseNumber(lit);
    if (v === undefined) throw new GoJSONError(`cannot represent number ${lit}`);
    return v;
  };
  const string = (): string => {
    i++; // opening quote
    let out = "";
    let run = i;
    for (;;) {
      if (i >= n) eof();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c < 0x20) bad("in string literal");
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(run, i);
      i++;
      if (i >= n) eof();
      const e = text[i];
      switch (e) {
        case '"':
        case "\\":
        case "/":
          out += e;
          i++;
          break;
        case "b":
          out += "\b";
          i++;
          break;
        case "f":
          out += "\f";
          i++;
          break;
        case "n":
          out += "\n";
          i++;
          break;
        case "r":
          out += "\r";
          i++;
          break;
        case "t":
          out += "\t";
          i++;
          break;
        case "u": {
          i++;
          let h = 0;
          for (let k = 0; k < 4; k++, i++) {
            if (i >= n) eof();
            const d = parseInt(text[i], 16);
            if (Number.isNaN(d)) bad("in \\u hexadecimal character escape");
            h = h * 16 + d;
          }
          out += String.fromCharCode(h);
          break;
        }
        default:
          bad("in string escape code");
      }
      run = i;
    }
  };
  const value = (ctx: string): Value => {
    ws();
    if (i >= n) eof();
    const c = text[i];
    switch (c) {
      case "{": {
        i++;
        const o = new RObject();
        ws();
        if (i >= n) eof();
        if (text[i] === "}") {
          i++;
          return o;
        }
        for (;;) {
          ws();
          if (i >= n) eof();
          if (text[i] !== '"') bad("looking for beginning of object key string");
          const k = string();
          ws();
          if (i >= n) eof();
          if (text[i] !== ":") bad("after object key");
          i++;
          const v = value("looking for beginning of value");
          o.set(k, v);
          ws();
          if (i >= n) eof();
          if (text[i] === ",") {
            i++;
            continue;
          }
          if (text[i] === "}") {
            i++;
            return o;
          }
          bad("after object key:value pair");
        }
      }
      // falls through (unreachable)
      case "[": {
        i++;
        const a: Value[] = [];
        ws();
        if (i >= n) eof();
        if (text[i] === "]") {
          i++;
          return a;
        }
        for (;;) {
          a.push(value("looking for beginning of value"));
          ws();
          if (i >= n) eof();
          if (text[i] === ",") {
            i++;
            continue;
          }
          if (text[i] === "]") {
            i++;
            return a;
          }
          bad("after array element");
        }
      }
      // falls through (unreachable)
      case '"':
        return string();
      case "t":
        return literal("true", true);
      case "f":
        return literal("false", false);
      case "n":
        return literal("null", null);
      default:
        if (c === "-" || isDigit(text.charCodeAt(i))) return number();
        return bad(ctx);
    }
  };
  ws();
  if (i >= n) throw new GoJSONError("EOF");
  const v = value("looking for beginning of value");
  ws();
  if (i < n) bad("after top-level value");
  return v;
}

export function isValidGoJSON(text: string): boolean {
  try {
    parseGoJSON(text);
    return true;
  } catch {
    return false;
  }
}

const HEX = "0123456789abcdef";

/** A JSON string literal as Go's encoding/json writes it (HTML-safe: <, >, & escaped). */
export function goJSONString(s: string): string {
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      switch (c) {
        case 0x22:
          esc = '\\"';
          break;
        case 0x5c:
          esc = "\\\\";
          break;
        case 0x0a:
          esc = "\\n";
          break;
        case 0x0d:
          esc = "\\r";
          break;
        case 0x09:
          esc = "\\t";
          break;
        default:
          esc = "\\u" + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // Lone surrogates are invalid UTF-8: Go writes U+FFFD.
      const pairOk =
        c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
      if (pairOk) {
        i++;
        continue;
      }
      esc = "\ufffd";
    }
    if (esc !== undefined) {
      out += s.slice(run, i) + esc;
      run = i + 1;
    }
  }
  return out + s.slice(run) + '"';
}

/** Object key text: strings as they are, other keys as their compact JSON. */
function keyText(k: Value): string {
  return typeof k === "string" ? k : marshalGoJSON(k);
}

function sortedEntries(o: RObject): [string, Value][] {
  const es = o.entries().map(([k, v]) => [keyText(k), v] as [string, Value]);
  es.sort((a, b) => compareCodePoints(a[0], b[0]));
  return es;
}

/** Go's json.Marshal of the value's JSON form (sets become arrays, keys sorted). */
export function marshalGoJSON(v: Value): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
    case "bigint":
      return formatNumber(v);
    case "string":
      return goJSONString(v);
  }
  if (v instanceof BigDecimal) return formatNumber(v);
  if (Array.isArray(v)) return "[" + v.map(marshalGoJSON).join(",") + "]";
  if (v instanceof RSet) return "[" + v.values().map(marshalGoJSON).join(",") + "]";
  return "{" + sortedEntries(v as RObject).map(([k, x]) => goJSONString(k) + ":" + marshalGoJSON(x)).join(",") + "}";
}

/** Go's json.MarshalIndent(v, prefix, indent) (the first line carries no prefix). */
export function marshalGoJSONIndent(v: Value, prefix: string, indent: string, depth = 0): string {
  const nl = (d: number): string => "\n" + prefix + indent.repeat(d);
  if (Array.isArray(v) || v instanceof RSet) {
    const items = Array.isArray(v) ? (v as readonly Value[]) : v.values();
    if (items.length === 0) return "[]";
    return "[" + items.map((x) => nl(depth + 1) + marshalGoJSONIndent(x, prefix, indent, depth + 1)).join(",") + nl(depth) + "]";
  }
  if (v instanceof RObject) {
    if (v.size === 0) return "{}";
    const parts = sortedEntries(v).map(([k, x]) => nl(depth + 1) + goJSONString(k) + ": " + marshalGoJSONIndent(x, prefix, indent, depth + 1));
    return "{" + parts.join(",") + nl(depth) + "}";
  }
  return marshalGoJSON(v);
}
