import { lexOcl, type OclToken } from "./lexer";
import type { OclAttribute, OclBlock, OclError, OclItem, OclParseResult, OclPosition, OclValue } from "./types";

class ParseError extends Error {
  constructor(readonly error: OclError) {
    super(error.message);
  }
}

/** Parses OCL source into a syntax tree. Never throws: syntax errors are returned with their position. */
export function parseOcl(source: string): OclParseResult {
  const lexed = lexOcl(source);
  if (!lexed.ok) return { ok: false, errors: [lexed.error] };
  try {
    return { ok: true, document: { body: new Parser(lexed.tokens).document() } };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, errors: [e.error] };
    throw e;
  }
}

function describe(t: OclToken): string {
  switch (t.type) {
    case "ident":
      return `"${t.text}"`;
    case "punct":
      return `"${t.text}"`;
    case "string":
    case "heredoc":
      return "a string";
    case "number":
      return "a number";
    case "comment":
      return "a comment";
    case "newline":
      return "the end of the line";
    case "eof":
      return "the end of the file";
  }
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: OclToken[]) {}

  document(): OclItem[] {
    return this.body(null);
  }

  private peek(): OclToken {
    return this.tokens[this.i];
  }

  private take(): OclToken {
    return this.tokens[this.i++];
  }

  private fail(message: string, at: OclPosition = this.peek(), code: OclError["code"] = "ocl_unexpected_token"): never {
    throw new ParseError({ code, message, line: at.line, column: at.column });
  }

  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.type === "punct" && t.text === text;
  }

  private expectPunct(text: string, context: string): void {
    if (!this.isPunct(text)) this.fail(`Expected "${text}" ${context}, found ${describe(this.peek())}`);
    this.i++;
  }

  /** `open` is the block whose body this is, or null for the top level of the file. */
  private body(open: OclBlock | null): OclItem[] {
    const items: OclItem[] = [];
    const seen = new Map<string, OclAttribute>();
    for (;;) {
      const t = this.peek();
      if (t.type === "newline") {
        this.i++;
      } else if (t.type === "comment") {
        this.i++;
        items.push({ kind: "comment", text: t.text, line: t.line, column: t.column });
      } else if (t.type === "eof") {
        if (open) this.fail(`Block "${open.type}" opened on line ${open.line} is not closed: add "}"`);
        return items;
      } else if (t.type === "punct" && t.text === "}") {
        if (!open) this.fail('Unexpected "}": there is no open block to close');
        return items;
      } else if (t.type === "ident") {
        const item = this.item();
        if (item.kind === "attribute") {
          const earlier = seen.get(item.name);
          if (earlier) {
            this.fail(`Attribute "${item.name}" is already set on line ${earlier.line}: remove one of them`, item, "ocl_duplicate_attribute");
          }
          seen.set(item.name, item);
        }
        items.push(item);
      } else {
        this.fail(`Expected an attribute name or a block, found ${describe(t)}`);
      }
    }
  }

  private item(): OclAttribute | OclBlock {
    const name = this.take() as Extract<OclToken, { type: "ident" }>;
    if (this.isPunct("=")) {
      this.i++;
      const attribute: OclAttribute = { kind: "attribute", name: name.text, value: this.value(), line: name.line, column: name.column };
      attribute.trailingComment = this.endOfItem(`after the value of "${name.text}"`);
      if (attribute.trailingComment === undefined) delete attribute.trailingComment;
      return attribute;
    }
    const labels: string[] = [];
    for (let t = this.peek(); t.type === "string" || t.type === "ident"; t = this.peek()) {
      labels.push(t.type === "string" ? t.value : t.text);
      this.i++;
    }
    if (!this.isPunct("{")) {
      this.fail(`Expected "=" to set attribute "${name.text}" or "{" to open block "${name.text}", found ${describe(this.peek())}`);
    }
    this.i++;
    const block: OclBlock = { kind: "block", type: name.text, labels, body: [], line: name.line, column: name.column };
    block.body = this.body(block);
    this.expectPunct("}", `to close block "${name.text}"`);
    const trailing = this.endOfItem(`after the "}" closing block "${name.text}"`);
    if (trailing !== undefined) block.trailingComment = trailing;
    return block;
  }

  /** An attribute or block ends at a line break, the end of the file or a closing brace. */
  private endOfItem(context: string): string | undefined {
    let comment: string | undefined;
    const t = this.peek();
    if (t.type === "comment") {
      comment = t.text;
      this.i++;
    }
    const end = this.peek();
    if (end.type === "newline" || end.type === "eof" || (end.type === "punct" && end.text === "}")) return comment;
    return this.fail(`Expected a line break ${context}, found ${describe(end)}`);
  }

  private value(): OclValue {
    const t = this.take();
    switch (t.type) {
      case "string":
        return { kind: "string", value: t.value, line: t.line, column: t.column };
      case "heredoc":
        return { kind: "string", value: t.value, heredoc: t.heredoc, line: t.line, column: t.column };
      case "number":
        return { kind: "number", value: t.value, raw: t.raw, line: t.line, column: t.column };
      case "ident":
        if (t.text === "true" || t.text === "false") return { kind: "bool", value: t.text === "true", line: t.line, column: t.column };
        return this.fail(`Unknown value ${t.text}: strings need double quotes, e.g. "${t.text}"`, t);
      case "punct":
        if (t.text === "[") return this.list(t);
        break;
    }
    return this.fail(`Expected a value (string, number, true, false or [list]), found ${describe(t)}`, t);
  }

  private list(open: OclPosition): OclValue {
    const items: OclValue[] = [];
    for (;;) {
      this.skipLayout();
      if (this.isPunct("]")) {
        this.i++;
        return { kind: "list", items, line: open.line, column: open.column };
      }
      items.push(this.value());
      this.skipLayout();
      if (this.isPunct(",")) this.i++;
      else if (!this.isPunct("]")) this.fail(`Expected "," or "]" in the list opened on line ${open.line}, found ${describe(this.peek())}`);
    }
  }

  /** Line breaks and comments carry no meaning inside lists. */
  private skipLayout(): void {
    while (this.peek().type === "newline" || this.peek().type === "comment") this.i++;
  }
}
