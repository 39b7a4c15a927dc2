import { leadingWhitespace } from "./lexer";
import type { OclAttribute, OclBlock, OclComment, OclDocument, OclItem, OclValue } from "./types";

const INDENT = "    ";

/**
 * Writes a document in the canonical layout: the `=` of consecutive attributes aligned,
 * a blank line between groups of attributes and blocks, 4-space indentation,
 * multi-line strings as `<<-EOT` heredocs indented one level deeper than their attribute.
 */
export function serializeOcl(document: OclDocument): string {
  return writeBody(document.body, "").join("\n") + "\n";
}

type Section = { attributes: boolean; items: OclItem[] };

/** Comments directly above a block belong to that block; all else stays with the attributes. */
function sections(items: OclItem[]): Section[] {
  const out: Section[] = [];
  let pending: OclComment[] = [];
  for (const item of items) {
    if (item.kind === "comment") {
      pending.push(item);
      continue;
    }
    if (item.kind === "block") {
      out.push({ attributes: false, items: [...pending, item] });
    } else {
      const last = out.at(-1);
      if (last?.attributes) last.items.push(...pending, item);
      else out.push({ attributes: true, items: [...pending, item] });
    }
    pending = [];
  }
  if (pending.length > 0) {
    const last = out.at(-1);
    if (last?.attributes) last.items.push(...pending);
    else out.push({ attributes: true, items: pending });
  }
  return out;
}

function writeBody(items: OclItem[], indent: string): string[] {
  const lines: string[] = [];
  for (const section of sections(items)) {
    if (lines.length > 0) lines.push("");
    lines.push(...(section.attributes ? writeAttributes(section.items, indent) : section.items.flatMap((i) => writeItem(i, indent))));
  }
  return lines;
}

function writeItem(item: OclItem, indent: string): string[] {
  if (item.kind === "comment") return writeComment(item, indent);
  if (item.kind === "block") return writeBlock(item, indent);
  return writeAttributes([item], indent);
}

function writeComment(comment: OclComment, indent: string): string[] {
  return comment.text.split("\n").map((l, i) => (i === 0 ? indent + l : l));
}

function writeBlock(block: OclBlock, indent: string): string[] {
  const head = [block.type, ...block.labels.map(quote)].join(" ");
  const body = writeBody(block.body, indent + INDENT);
  const close = indent + "}" + (block.trailingComment ? " " + block.trailingComment : "");
  if (body.length === 0) return [`${indent}${head} {`, close];
  return [`${indent}${head} {`, ...body, close];
}

function writeAttributes(items: OclItem[], indent: string): string[] {
  const attributes = items.filter((i): i is OclAttribute => i.kind === "attribute");
  const nameWidth = Math.max(0, ...attributes.map((a) => a.name.length));
  const rendered = new Map(attributes.map((a) => [a, writeValue(a.value, indent, true)]));
  const commentColumn = Math.max(
    0,
    ...attributes.filter((a) => a.trailingComment && rendered.get(a)!.length === 1).map((a) => nameWidth + 3 + rendered.get(a)![0].length),
  );
  const lines: string[] = [];
  for (const item of items) {
    if (item.kind !== "attribute") {
      lines.push(...writeItem(item, indent));
      continue;
    }
    const value = rendered.get(item)!;
    const first = `${item.name.padEnd(nameWidth)} = ${value[0]}`;
    const comment = item.trailingComment ? " ".repeat(Math.max(1, commentColumn - first.length + 1)) + item.trailingComment : "";
    if (value.length === 1) {
      lines.push(indent + first + comment);
    } else {
      // Nothing may follow a heredoc's opening or closing marker, so the comment moves above the attribute.
      if (item.trailingComment) lines.push(indent + item.trailingComment);
      lines.push(indent + first, ...value.slice(1));
    }
  }
  return lines;
}

/** Returns the value's lines; the first continues the line of its attribute. */
function writeValue(value: OclValue, indent: string, heredocAllowed: boolean): string[] {
  switch (value.kind) {
    case "string":
      return heredocAllowed && fitsHeredoc(value.value) ? writeHeredoc(value.value, indent) : [quote(value.value)];
    case "number":
      return [Number(value.raw) === value.value ? value.raw : String(value.value)];
    case "bool":
      return [String(value.value)];
    case "list": {
      // A heredoc's closing marker must end its line, which a list separator would break.
      const items = value.items.map((v) => writeValue(v, indent + INDENT, false)[0]);
      const oneLine = `[${items.join(", ")}]`;
      if (indent.length + oneLine.length <= 100) return [oneLine];
      return ["[", ...items.map((i) => `${indent}${INDENT}${i},`), `${indent}]`];
    }
  }
}

function fitsHeredoc(text: string): boolean {
  // Other control characters would be invisible or change line structure in a heredoc.
  return text.endsWith("\n") && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text);
}

function writeHeredoc(text: string, indent: string): string[] {
  const lines = text.slice(0, -1).split("\n");
  let marker = "EOT";
  for (let n = 2; lines.some((l) => l.trim() === marker); n++) marker = `EOT${n}`;
  // `<<-` would also strip indentation that the text itself starts with; keep such text verbatim.
  if (!lines.some((l) => l.trim() !== "" && leadingWhitespace(l) === 0)) return [`<<${marker}`, ...lines, marker];
  const inner = indent + INDENT;
  return [`<<-${marker}`, ...lines.map((l) => (l === "" ? "" : inner + l)), indent + marker];
}

function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}
