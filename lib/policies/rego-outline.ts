/**
 * A light scan of a Rego module for its package and the names of the rules it defines.
 * It does not need the module to be valid Rego, so that validation can point at a wrong
 * package or a missing rule even while the rest of the module does not compile.
 */

export type RegoPosition = { row: number; col: number };
/** `length` is the number of characters the name takes in the source, as written. */
export type RegoPackage = { name: string; length: number } & RegoPosition;
/** What a rule head sets its rule to, as far as a look at the head tells; "unknown" for computed values. */
export type RegoValueKind = "boolean" | "string" | "number" | "null" | "array" | "object" | "set" | "function" | "unknown";
export type RegoRuleHead = { value: RegoValueKind } & RegoPosition;
/** Rule heads by rule name, in source order. */
export type RegoOutline = { package: RegoPackage | null; rules: Map<string, RegoRuleHead[]> };

type Word = { text: string; depth: number; firstOnLine: boolean } & RegoPosition;

const NOT_RULE_NAMES = new Set(["package", "import", "default", "else", "if", "not", "some", "every", "with", "as", "contains", "in", "true", "false", "null"]);

export function outlineRego(source: string): RegoOutline {
  const words = scanWords(source);
  let pkg: RegoPackage | null = null;
  const rules = new Map<string, RegoRuleHead[]>();
  const lines = source.split("\n");
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.depth !== 0 || !w.firstOnLine) continue;
    if (w.text === "package" && pkg === null) {
      const name = packageName(source, words[i + 1]);
      if (name) pkg = name;
      continue;
    }
    const nameWord = w.text === "default" ? words[i + 1] : w;
    if (!nameWord || NOT_RULE_NAMES.has(nameWord.text) || nameWord.row !== w.row) continue;
    const rest = lines[nameWord.row - 1].slice(nameWord.col - 1 + nameWord.text.length);
    const head = { row: nameWord.row, col: nameWord.col, value: headValueKind(rest) };
    rules.set(nameWord.text, [...(rules.get(nameWord.text) ?? []), head]);
  }
  return { package: pkg, rules };
}

const LITERALS: [RegExp, RegoValueKind][] = [
  [/^(true|false)\b/, "boolean"],
  [/^null\b/, "null"],
  [/^["`]/, "string"],
  [/^-?\d/, "number"],
  [/^\[/, "array"],
  [/^\{/, "object"],
];

/** `rest` is the head after the rule name: `:= value if ...`, `contains x`, `(args)`, or nothing, which means true. */
function headValueKind(rest: string): RegoValueKind {
  const trimmed = rest.replace(/#.*/, "").trim();
  if (trimmed.startsWith("(")) return "function";
  if (/^(\[|\.)/.test(trimmed)) return "unknown";
  if (/^contains\b/.test(trimmed)) return "set";
  const assigned = /^:?=\s*(.*)$/.exec(trimmed);
  if (!assigned) return "boolean";
  return LITERALS.find(([pattern]) => pattern.test(assigned[1]))?.[1] ?? "unknown";
}

const PACKAGE_REF = /^[A-Za-z_][A-Za-z0-9_]*(\s*\.\s*[A-Za-z_][A-Za-z0-9_]*|\["[^"]*"\])*/;

function packageName(source: string, first: Word | undefined): RegoPackage | null {
  if (!first) return null;
  const ref = PACKAGE_REF.exec(source.split("\n")[first.row - 1].slice(first.col - 1))!;
  return { name: ref[0].replace(/\s+/g, ""), length: ref[0].length, row: first.row, col: first.col };
}

/** Identifiers with their bracket depth, skipping comments and string literals. */
function scanWords(source: string): Word[] {
  const words: Word[] = [];
  let row = 1;
  let lineStart = 0;
  let depth = 0;
  let lastRow = 0;
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    if (c === "\n") {
      row++;
      lineStart = ++i;
    } else if (c === "#") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === '"') {
      for (i++; i < source.length && source[i] !== '"' && source[i] !== "\n"; i++) if (source[i] === "\\") i++;
      i++;
      lastRow = row;
    } else if (c === "`") {
      for (i++; i < source.length && source[i] !== "`"; i++) {
        if (source[i] === "\n") {
          row++;
          lineStart = i + 1;
        }
      }
      i++;
      lastRow = row;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i])) i++;
      words.push({ text: source.slice(start, i), depth, firstOnLine: lastRow !== row, row, col: start - lineStart + 1 });
      lastRow = row;
    } else {
      if (c === "{" || c === "[" || c === "(") depth++;
      else if (c === "}" || c === "]" || c === ")") depth = Math.max(0, depth - 1);
      if (!/\s/.test(c)) lastRow = row;
      i++;
    }
  }
  return words;
}

/** Replaces the package name, or adds a package declaration when there is none. */
export function withPackage(source: string, slug: string): string {
  const pkg = outlineRego(source).package;
  if (!pkg) return `package ${slug}\n\n${source}`;
  const lines = source.split("\n");
  const line = lines[pkg.row - 1];
  lines[pkg.row - 1] = line.slice(0, pkg.col - 1) + slug + line.slice(pkg.col - 1 + pkg.length);
  return lines.join("\n");
}
