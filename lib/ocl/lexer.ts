import type { OclError, OclHeredoc, OclPosition } from "./types";

export type OclToken =
  | ({ type: "ident"; text: string } & OclPosition)
  | ({ type: "string"; value: string } & OclPosition)
  | ({ type: "heredoc"; value: string; heredoc: OclHeredoc } & OclPosition)
  | ({ type: "number"; value: number; raw: string } & OclPosition)
  | ({ type: "punct"; text: "{" | "}" | "[" | "]" | "," | "=" } & OclPosition)
  | ({ type: "comment"; text: string; ownLine: boolean } & OclPosition)
  | ({ type: "newline" } & OclPosition)
  | ({ type: "eof" } & OclPosition);

export type OclLexResult = { ok: true; tokens: OclToken[] } | { ok: false; error: OclError };

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;
const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

class LexError extends Error {
  constructor(readonly error: OclError) {
    super(error.message);
  }
}

/** Splits OCL source into tokens. Newlines are tokens because they end attributes. */
export function lexOcl(source: string): OclLexResult {
  try {
    return { ok: true, tokens: new Lexer(source.replace(/\r\n?/g, "\n")).run() };
  } catch (e) {
    if (e instanceof LexError) return { ok: false, error: e.error };
    throw e;
  }
}

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: OclToken[] = [];

  constructor(private readonly src: string) {}

  run(): OclToken[] {
    while (this.pos < this.src.length) this.next();
    this.tokens.push({ type: "eof", ...this.here() });
    return this.tokens;
  }

  private here(): OclPosition {
    return { line: this.line, column: this.pos - this.lineStart + 1 };
  }

  private fail(code: OclError["code"], message: string, at: OclPosition = this.here()): never {
    throw new LexError({ code, message, ...at });
  }

  private newline(): void {
    this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }

  private next(): void {
    const c = this.src[this.pos];
    const at = this.here();
    if (c === " " || c === "\t") {
      this.pos++;
    } else if (c === "\n") {
      this.tokens.push({ type: "newline", ...at });
      this.newline();
    } else if (c === "#" || (c === "/" && this.src[this.pos + 1] === "/")) {
      this.lineComment(at);
    } else if (c === "/" && this.src[this.pos + 1] === "*") {
      this.blockComment(at);
    } else if (c === '"') {
      this.tokens.push({ type: "string", value: this.quoted(), ...at });
    } else if (c === "<" && this.src[this.pos + 1] === "<") {
      this.heredoc(at);
    } else if (c === "{" || c === "}" || c === "[" || c === "]" || c === "," || c === "=") {
      this.pos++;
      this.tokens.push({ type: "punct", text: c, ...at });
    } else if (IDENT_START.test(c)) {
      const start = this.pos;
      while (this.pos < this.src.length && IDENT_PART.test(this.src[this.pos])) this.pos++;
      this.tokens.push({ type: "ident", text: this.src.slice(start, this.pos), ...at });
    } else if (NUMBER.test(this.src.slice(this.pos, this.pos + 2))) {
      const raw = NUMBER.exec(this.src.slice(this.pos))![0];
      this.pos += raw.length;
      this.tokens.push({ type: "number", value: Number(raw), raw, ...at });
    } else {
      this.fail("ocl_unexpected_character", `Unexpected character ${JSON.stringify(c)}`);
    }
  }

  private ownLine(): boolean {
    return this.src.slice(this.lineStart, this.pos).trim() === "";
  }

  private lineComment(at: OclPosition): void {
    const ownLine = this.ownLine();
    const end = this.src.indexOf("\n", this.pos);
    const stop = end === -1 ? this.src.length : end;
    this.tokens.push({ type: "comment", text: this.src.slice(this.pos, stop).trimEnd(), ownLine, ...at });
    this.pos = stop;
  }

  private blockComment(at: OclPosition): void {
    const ownLine = this.ownLine();
    const end = this.src.indexOf("*/", this.pos + 2);
    if (end === -1) this.fail("ocl_unexpected_character", "Comment opened with /* is never closed with */", at);
    const text = this.src.slice(this.pos, end + 2);
    for (let i = this.pos; i < end + 2; i++) {
      if (this.src[i] === "\n") {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.pos = end + 2;
    this.tokens.push({ type: "comment", text, ownLine, ...at });
  }

  private quoted(): string {
    const open = this.here();
    this.pos++;
    let out = "";
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || c === "\n") {
        this.fail("ocl_unterminated_string", "String is not closed: add a closing \" on the same line", open);
      }
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c !== "\\") {
        out += c;
        this.pos++;
        continue;
      }
      out += this.escape();
    }
  }

  private escape(): string {
    const at = this.here();
    const e = this.src[this.pos + 1];
    if (e in SIMPLE_ESCAPES) {
      this.pos += 2;
      return SIMPLE_ESCAPES[e];
    }
    const hex = e === "u" ? /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.pos + 2)) : e === "U" ? /^[0-9a-fA-F]{8}/.exec(this.src.slice(this.pos + 2)) : null;
    if (!hex) {
      this.fail("ocl_invalid_escape", `Invalid escape \\${e ?? ""}: use \\n, \\r, \\t, \\", \\\\, \\uXXXX or \\UXXXXXXXX`, at);
    }
    this.pos += 2 + hex[0].length;
    const code = parseInt(hex[0], 16);
    if (code > 0x10ffff) this.fail("ocl_invalid_escape", `\\U${hex[0]} is not a Unicode character`, at);
    return String.fromCodePoint(code);
  }

  private heredoc(at: OclPosition): void {
    const header = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*(?=\n|$)/.exec(this.src.slice(this.pos));
    if (!header) {
      this.fail("ocl_invalid_heredoc", "A heredoc starts with <<MARKER or <<-MARKER followed by a line break, e.g. <<-EOT");
    }
    const [, dash, marker] = header;
    this.pos += header[0].length;
    if (this.pos >= this.src.length) this.fail("ocl_unterminated_heredoc", `Heredoc is not closed: add a line with ${marker}`, at);
    this.newline();
    const contentLine = this.line;
    const lines: string[] = [];
    for (;;) {
      if (this.pos >= this.src.length) {
        this.fail("ocl_unterminated_heredoc", `Heredoc is not closed: add a line containing only ${marker}`, at);
      }
      const end = this.src.indexOf("\n", this.pos);
      const stop = end === -1 ? this.src.length : end;
      const line = this.src.slice(this.pos, stop);
      if (line.trim() === marker) {
        this.pos = stop;
        break;
      }
      lines.push(line);
      this.pos = stop;
      if (end !== -1) this.newline();
    }
    const indent = dash ? commonIndent(lines) : 0;
    const value = lines.map((l) => l.slice(Math.min(indent, leadingWhitespace(l)))).map((l) => l + "\n").join("");
    this.tokens.push({ type: "heredoc", value, heredoc: { marker, dedent: dash === "-", contentLine, indent }, ...at });
  }
}

export function leadingWhitespace(line: string): number {
  return /^[ \t]*/.exec(line)![0].length;
}

/** Blank lines do not count: editors strip their trailing spaces. */
export function commonIndent(lines: string[]): number {
  const counted = lines.filter((l) => l.trim() !== "").map(leadingWhitespace);
  return counted.length === 0 ? 0 : Math.min(...counted);
}
