/**
 * Validation problems from the policies API, sorted into squiggles for the Scope and
 * Conditions editors (by `module`, with module-relative positions) and the rest (OCL and
 * policy-file problems) that the page lists above the editors.
 */

/** The API's problem shape (docs/policies-api.md). */
export interface ApiProblem {
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
  module?: "scope" | "conditions" | "tests" | "ocl";
  moduleLine?: number;
  moduleColumn?: number;
  /** Absent for problems that block publishing; "warning" for advice such as an unknown input field. */
  severity?: "warning";
  /** A lint warning's quick fix: edits in module positions (docs/policy-tests.md, "Lint"). */
  fix?: QuickFix;
}

export interface QuickFix {
  title: string;
  edits: { line: number; column: number; endLine: number; endColumn: number; text: string }[];
}

export type EditorModule = "scope" | "conditions";

export interface EditorMarker {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
  code: string;
  severity: "error" | "warning";
  fix?: QuickFix;
}

export interface SortedProblems {
  scope: EditorMarker[];
  conditions: EditorMarker[];
  /** Problems of a form field, in the words of the form rather than of the OCL file. */
  fields: Partial<Record<FormField, string>>;
  /** Problems with no place in either Rego editor nor a form field. */
  other: ApiProblem[];
}

export type FormField = "name";

/**
 * OCL problems the editor's form fields cause. The form writes the OCL attributes itself, so the
 * only attribute it can leave missing is the name (an empty Name field).
 */
const FIELD_PROBLEMS: Record<string, { field: FormField; message: string }> = {
  attribute_missing: { field: "name", message: "Give the policy a name." },
};

/** The squiggle covers the word (or operator run) at the position, at least one character. */
export function markerSpan(lineText: string, column: number): { startColumn: number; endColumn: number } {
  const line = lineText ?? "";
  const start = Math.max(1, Math.min(column, line.length + 1));
  const rest = line.slice(start - 1);
  const word = /^([A-Za-z_][\w.]*|"(?:[^"\\]|\\.)*"?|\d+(?:\.\d+)?|[^\sA-Za-z_\d"]+)/.exec(rest);
  const length = word ? word[0].length : 0;
  if (length > 0) return { startColumn: start, endColumn: start + length };
  // At or after the end of the line: mark the last character so the squiggle is visible.
  if (start > 1 && rest.length === 0) return { startColumn: start - 1, endColumn: start };
  return { startColumn: start, endColumn: start + 1 };
}

export function sortProblems(problems: readonly ApiProblem[], modules: Record<EditorModule, string>): SortedProblems {
  const sorted: SortedProblems = { scope: [], conditions: [], fields: {}, other: [] };
  for (const problem of problems) {
    const module = problem.module;
    const fieldProblem = FIELD_PROBLEMS[problem.code];
    if (fieldProblem) {
      sorted.fields[fieldProblem.field] = fieldProblem.message;
    } else if ((module === "scope" || module === "conditions") && problem.moduleLine) {
      const lines = modules[module].split("\n");
      const lineNumber = Math.max(1, Math.min(problem.moduleLine, lines.length));
      const span = markerSpan(lines[lineNumber - 1] ?? "", problem.moduleColumn ?? 1);
      sorted[module].push({
        startLineNumber: lineNumber,
        endLineNumber: lineNumber,
        ...span,
        message: problem.message,
        code: problem.code,
        severity: problem.severity ?? "error",
        ...(problem.fix ? { fix: problem.fix } : {}),
      });
    } else if (problem.code.startsWith("rego_") && /\b(scope|conditions) Rego\b/.test(problem.message)) {
      // A Rego error past the module's last line (e.g. an unexpected end of text) has no place
      // inside the module; it goes at the module's end, where the text is missing.
      const which = /\bscope Rego\b/.test(problem.message) ? "scope" : "conditions";
      const lines = modules[which].split("\n");
      let lineNumber = lines.length;
      while (lineNumber > 1 && lines[lineNumber - 1].trim() === "") lineNumber--;
      const lastLine = lines[lineNumber - 1] ?? "";
      const column = Math.max(1, lastLine.length);
      sorted[which].push({ startLineNumber: lineNumber, endLineNumber: lineNumber, startColumn: column, endColumn: lastLine.length + 1, message: problem.message, code: problem.code, severity: "error" });
    } else {
      sorted.other.push(problem);
    }
  }
  return sorted;
}

/** "No problems found.", "2 problems.", "1 problem, 1 warning." for the editor's status line. */
export function summarizeProblems(problems: readonly ApiProblem[]): string {
  const warnings = problems.filter((p) => p.severity === "warning").length;
  const errors = problems.length - warnings;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const parts = [...(errors ? [count(errors, "problem")] : []), ...(warnings ? [count(warnings, "warning")] : [])];
  return parts.length ? `${parts.join(", ")}.` : "No problems found.";
}

/** "Scope, line 3, column 5" for lists of problems. */
export function describeLocation(problem: ApiProblem): string {
  if ((problem.module === "scope" || problem.module === "conditions") && problem.moduleLine) {
    const name = problem.module === "scope" ? "Scope" : "Conditions";
    return `${name}, line ${problem.moduleLine}${problem.moduleColumn ? `, column ${problem.moduleColumn}` : ""}`;
  }
  return `${problem.file || "policy"}:${problem.line}:${problem.column}`;
}
