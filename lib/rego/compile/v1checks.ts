/**
 * Checks OPA makes of v1 modules (and v0 modules importing `rego.v1`) beyond their syntax:
 * no duplicate imports, no rule, argument or local named `input` or `data`, no deprecated
 * builtins. Messages and codes as OPA's compiler gives them.
 */
import type { Import, Module } from "../ast";
import { refToPath } from "../ast";
import type { Location, RegoError } from "../errors";

/** Builtins OPA marks deprecated: v0 modules may call them, v1 modules may not. */
export const DEPRECATED_BUILTINS: ReadonlySet<string> = new Set([
  "any",
  "all",
  "re_match",
  "net.cidr_overlap",
  "set_diff",
  "cast_array",
  "cast_set",
  "cast_string",
  "cast_boolean",
  "cast_null",
  "cast_object",
]);

const ROOT_DOCUMENTS: ReadonlySet<string> = new Set(["input", "data"]);

export function isRootDocumentName(name: string): boolean {
  return ROOT_DOCUMENTS.has(name);
}

export function deprecatedBuiltinError(name: string, location: Location): RegoError {
  return { code: "rego_type_error", message: `deprecated built-in function calls in expression: ${name}`, location };
}

export function shadowingError(what: "variables" | "args", name: string, location: Location): RegoError {
  return { code: "rego_compile_error", message: `${what} must not shadow ${name} (use a different variable name)`, location };
}

/** Module-level v1 errors: duplicate import names and rules named after a root document. */
export function moduleV1Errors(m: Module): RegoError[] {
  const errors: RegoError[] = [];
  const seen = new Map<string, Import>();
  for (const imp of m.imports) {
    const path = refToPath(imp.path);
    if (!path) continue;
    const name = imp.alias ?? path[path.length - 1];
    const first = seen.get(name);
    if (first) errors.push({ code: "rego_compile_error", message: `import must not shadow ${importText(first)}`, location: imp.loc });
    else seen.set(name, imp);
  }
  for (const r of m.rules) {
    const head = r.ref.type === "ref" ? r.ref.head : r.ref;
    if (head.type === "var" && ROOT_DOCUMENTS.has(head.name)) {
      errors.push({ code: "rego_compile_error", message: `rules must not shadow ${head.name} (use a different rule name)`, location: r.loc });
    }
  }
  return errors;
}

function importText(imp: Import): string {
  const path = refToPath(imp.path) ?? [];
  const text = path.map((s, i) => (i === 0 || /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`)).join("");
  return `import ${text}${imp.alias ? ` as ${imp.alias}` : ""}`;
}
