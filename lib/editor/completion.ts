/**
 * Completion and hover for Rego in the policy editor, as pure functions of the text: `input.`
 * paths from the input schema (also through variables bound to them, like `step` in
 * `some step in input.Steps`) and builtin names with their signatures. Monaco adapters in
 * components/editor only translate these results.
 */
import type { EditorBuiltin } from "./builtins";

/** The part of `InputField` (lib/policy-input/fields.ts) the editor needs. */
export interface EditorField {
  path: string;
  segments: string[];
  type: string;
  description: string;
  optional: boolean;
}

export interface Suggestion {
  kind: "field" | "function" | "keyword";
  label: string;
  insertText: string;
  /** What Monaco filters against: the text from `replaceFrom` up to the cursor. */
  filterText: string;
  detail: string;
  documentation: string;
  /** 1-based column where the replaced text starts (it ends at the cursor). */
  replaceFrom: number;
}

/** A reference under the cursor: `input.Steps[_].ActionType`, `object.get`, `step.Source`. */
const EXPRESSION = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\.|\[[^\][]*\])*$/;

/** `input.Steps[i].Source` → ["Steps", "[_]", "Source"]; the root is returned separately. */
export function splitReference(expression: string): { root: string; segments: string[] } {
  const normalized = expression.replace(/\[[^\][]*\]/g, ".[_]");
  const [root, ...segments] = normalized.split(".");
  return { root, segments };
}

/**
 * Variables bound to input paths in the text before the cursor: `some step in input.Steps`,
 * `some i, s in input.Steps`, `every step in input.Steps`, `step := input.Steps[_]`,
 * `env := input.Environment`. Later bindings win.
 */
export function inputBindings(text: string): Map<string, string[]> {
  const bindings = new Map<string, string[]>();
  const path = String.raw`([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[[^\][\n]*\])*)`;
  const patterns: Array<{ re: RegExp; element: boolean }> = [
    { re: new RegExp(String.raw`\b(?:some|every)\s+(?:[A-Za-z_]\w*\s*,\s*)?([A-Za-z_]\w*)\s+in\s+${path}`, "g"), element: true },
    { re: new RegExp(String.raw`\b([A-Za-z_]\w*)\s*:?=\s*${path}\s*(?:$|[\n;#}])`, "gm"), element: false },
  ];
  const found: Array<{ index: number; name: string; target: string; element: boolean }> = [];
  for (const { re, element } of patterns) {
    for (const m of text.matchAll(re)) found.push({ index: m.index ?? 0, name: m[1], target: m[2], element });
  }
  found.sort((a, b) => a.index - b.index);
  for (const { name, target, element } of found) {
    const resolved = resolve(target, bindings);
    if (!resolved) continue;
    bindings.set(name, element ? [...resolved, "[_]"] : resolved);
  }
  return bindings;
}

/** Segments after `input` that a reference stands for, or null when it is not under input. */
function resolve(expression: string, bindings: Map<string, string[]>): string[] | null {
  const { root, segments } = splitReference(expression);
  if (root === "input") return segments;
  const bound = bindings.get(root);
  return bound ? [...bound, ...segments] : null;
}

function sameSegments(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The fields directly under `parent` (segments after input). */
export function childFields(fields: readonly EditorField[], parent: readonly string[]): EditorField[] {
  return fields.filter((f) => f.segments.length === parent.length + 1 && sameSegments(f.segments.slice(0, -1), parent) && f.segments.at(-1) !== "[_]");
}

/** A field by its segments after input, looking through array elements. */
export function fieldAt(fields: readonly EditorField[], segments: readonly string[]): EditorField | undefined {
  return fields.find((f) => sameSegments(f.segments, segments));
}

function fieldDetail(field: EditorField): string {
  return `${field.type}${field.optional ? " (optional)" : ""}`;
}

/**
 * Suggestions at the cursor. `lineBefore` is the current line up to the cursor; `textBefore`
 * the whole module up to the cursor (for variable bindings).
 */
export function completionsAt(
  lineBefore: string,
  textBefore: string,
  fields: readonly EditorField[],
  builtins: readonly EditorBuiltin[],
): Suggestion[] {
  const match = EXPRESSION.exec(lineBefore);
  if (!match) return [];
  // Inside a string or comment nothing is offered.
  const prefix = lineBefore.slice(0, match.index);
  if (prefix.includes("#") || (prefix.match(/"/g)?.length ?? 0) % 2 === 1) return [];
  const expression = match[0];
  const startColumn = match.index + 1;
  const { root, segments } = splitReference(expression);

  if (segments.length > 0) {
    const partial = segments.at(-1)!;
    const parentRef = segments.slice(0, -1);
    const parent = resolve([root, ...parentRef].join(".").replaceAll(".[_]", "[_]"), inputBindings(textBefore));
    if (parent) {
      const replaceFrom = startColumn + expression.length - partial.length;
      return childFields(fields, parent).map((field) => {
        const name = field.segments.at(-1)!;
        return {
          kind: "field",
          label: name,
          insertText: name,
          filterText: name,
          detail: `${field.path}: ${fieldDetail(field)}`,
          documentation: field.description,
          replaceFrom,
        };
      });
    }
  }
  // A (possibly dotted) name: builtins, and `input` itself.
  if (expression.includes("[")) return [];
  const suggestions: Suggestion[] = builtins
    .filter((b) => b.name.startsWith(expression) || !expression.includes("."))
    .map((b) => ({
      kind: "function",
      label: b.name,
      insertText: b.name,
      filterText: b.name,
      detail: b.signature,
      documentation: b.doc ?? "",
      replaceFrom: startColumn,
    }));
  if (!expression.includes(".")) {
    suggestions.push({
      kind: "keyword",
      label: "input",
      insertText: "input",
      filterText: "input",
      detail: "The execution being evaluated",
      documentation: "The input object: Environment, Project, Space, Steps, ... (see the Schema page)",
      replaceFrom: startColumn,
    });
  }
  return suggestions;
}

export interface HoverInfo {
  /** Markdown paragraphs. */
  contents: string[];
  startColumn: number;
  endColumn: number;
}

/** Hover at a 1-based column: builtin signature and description, or an input field's type and description. */
export function hoverAt(
  lineText: string,
  column: number,
  textBefore: string,
  fields: readonly EditorField[],
  builtins: readonly EditorBuiltin[],
): HoverInfo | null {
  const reference = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[[^\][]*\])*/g;
  for (const m of lineText.matchAll(reference)) {
    const start = (m.index ?? 0) + 1;
    const end = start + m[0].length;
    if (column < start || column > end) continue;
    const text = m[0];
    const builtin = builtins.find((b) => b.name === text);
    if (builtin) {
      return { contents: ["```rego\n" + builtin.signature + "\n```", ...(builtin.doc ? [builtin.doc] : [])], startColumn: start, endColumn: end };
    }
    // The part of the reference up to the end of the hovered segment.
    const offset = column - start;
    const segmentEnd = text.slice(offset).search(/[.[]/);
    const upTo = segmentEnd === -1 ? text : text.slice(0, offset + segmentEnd);
    const resolved = resolve(upTo, inputBindings(textBefore));
    if (!resolved) return null;
    if (resolved.length === 0) {
      return { contents: ["**input**", "The execution being evaluated; see Platform Hub › Schema for every field."], startColumn: start, endColumn: start + upTo.length };
    }
    const field = fieldAt(fields, resolved);
    if (!field) return null;
    return {
      contents: ["`" + field.path + "`: " + fieldDetail(field), field.description].filter(Boolean),
      startColumn: start,
      endColumn: start + upTo.length,
    };
  }
  return null;
}
