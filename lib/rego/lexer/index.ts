/**
 * Rego lexer: source text -> tokens with 1-based row/col. Keywords are plain identifiers here;
 * the parser decides which identifiers are keywords (see parser/keywords.ts), so a per-module
 * v0 mode only changes the parser's keyword table.
 */
import { fail } from "../errors";

export type TokenKind = "ident" | "string" | "rawstring" | "number" | "op" | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** Identifier name, operator text, number text as written, or the decoded string value. */
  readonly text: string;
  readonly row: number;
  readonly col: number;
  /** Offset in the source, for error messages and term text. */
  readonly pos: number;
  readonly end: number;
  /** A newline separates this token from the previous one (expression separator in bodies). */
  readonly nl: boolean;
}

const OPS3 = new Set<string>([]);
const OPS2 = new Set([":=", "==", "!=", "<=", ">="]);
const OPS1 = new Set(["=", "<", ">", "+", "-", "*", "/", "%", "&", "|", "(", ")", "[", "]", "{", "}", ",", ";", ".", ":"]);

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function tokenize(src: string, file: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  let row = 1;
  let lineStart = 0;
  let nl = false;
  const n = src.length;
  const loc = (p: number) => ({ file, row, col: p - lineStart + 1 });
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10) {
      i++;
      row++;
      lineStart = i;
      nl = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (c === 35) {
      while (i < n && src.charCodeAt(i) !== 10) i++;
      continue;
    }
    const start = i;
    const col = i - lineStart + 1;
    const push = (kind: TokenKind, text: string) => {
      toks.push({ kind, text, row, col, pos: start, end: i, nl });
      nl = false;
    };
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(src.charCodeAt(i))) i++;
      push("ident", src.slice(start, i));
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      while (i < n && isDigit(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) === 46 && isDigit(src.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(src.charCodeAt(i))) i++;
      }
      const e = src.charCodeAt(i);
      if (e === 101 || e === 69) {
        let j = i + 1;
        if (src[j] === "+" || src[j] === "-") j++;
        if (isDigit(src.charCodeAt(j))) {
          i = j;
          while (i < n && isDigit(src.charCodeAt(i))) i++;
        }
      }
      if (i < n && isIdentStart(src.charCodeAt(i))) fail("rego_parse_error", "unexpected identifier after number", loc(i));
      push("number", src.slice(start, i));
      continue;
    }
    if (c === 34) {
      i++;
      let out = "";
      for (;;) {
        if (i >= n || src.charCodeAt(i) === 10) fail("rego_parse_error", "non-terminated string", { file, row, col });
        const ch = src[i];
        if (ch === '"') {
          i++;
          break;
        }
        if (ch === "\\") {
          const e = src[i + 1];
          i += 2;
          switch (e) {
            case '"': out += '"'; break;
            case "\\": out += "\\"; break;
            case "/": out += "/"; break;
            case "b": out += "\b"; break;
            case "f": out += "\f"; break;
            case "n": out += "\n"; break;
            case "r": out += "\r"; break;
            case "t": out += "\t"; break;
            case "u": {
              const hex = src.slice(i, i + 4);
              if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("rego_parse_error", "illegal unicode escape in string", loc(i - 2));
              out += String.fromCharCode(parseInt(hex, 16));
              i += 4;
              break;
            }
            default:
              fail("rego_parse_error", "illegal escape sequence in string", loc(i - 2));
          }
          continue;
        }
        out += ch;
        i++;
      }
      push("string", out);
      continue;
    }
    if (c === 96) {
      const close = src.indexOf("`", i + 1);
      if (close < 0) fail("rego_parse_error", "non-terminated raw string", { file, row, col });
      const text = src.slice(i + 1, close);
      i = close + 1;
      push("rawstring", text);
      for (let j = 0; j < text.length; j++) {
        if (text.charCodeAt(j) === 10) {
          row++;
          lineStart = start + 1 + j + 1;
        }
      }
      continue;
    }
    const three = src.slice(i, i + 3);
    if (OPS3.has(three)) {
      i += 3;
      push("op", three);
      continue;
    }
    const two = src.slice(i, i + 2);
    if (OPS2.has(two)) {
      i += 2;
      push("op", two);
      continue;
    }
    const one = src[i];
    if (OPS1.has(one)) {
      i++;
      push("op", one);
      continue;
    }
    fail("rego_parse_error", `illegal token '${one}'`, loc(i));
  }
  toks.push({ kind: "eof", text: "", row, col: i - lineStart + 1, pos: i, end: i, nl: true });
  return toks;
}
