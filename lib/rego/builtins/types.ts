/**
 * Builtin signatures, as OPA declares them: the compiler checks arity and, where argument types
 * are known statically, types (`rego_type_error`); the evaluator reports run-time type errors.
 */
export type TypeSpec =
  | { readonly kind: "any" }
  | { readonly kind: "null" | "boolean" | "number" | "string" }
  | { readonly kind: "array"; readonly of: TypeSpec }
  | { readonly kind: "set"; readonly of: TypeSpec }
  | { readonly kind: "object"; readonly key: TypeSpec; readonly value: TypeSpec }
  | { readonly kind: "union"; readonly of: readonly TypeSpec[] };

const any: TypeSpec = { kind: "any" };

export const T = {
  any,
  null: { kind: "null" } as TypeSpec,
  boolean: { kind: "boolean" } as TypeSpec,
  number: { kind: "number" } as TypeSpec,
  string: { kind: "string" } as TypeSpec,
  array: (of: TypeSpec = any): TypeSpec => ({ kind: "array", of }),
  set: (of: TypeSpec = any): TypeSpec => ({ kind: "set", of }),
  object: (key: TypeSpec = any, value: TypeSpec = any): TypeSpec => ({ kind: "object", key, value }),
  union: (...of: TypeSpec[]): TypeSpec => ({ kind: "union", of }),
};

export interface BuiltinDecl {
  readonly args: readonly TypeSpec[];
  /** Extra arguments of this type may follow `args` (e.g. `print`). */
  readonly variadic?: TypeSpec;
  readonly result: TypeSpec;
}

/** A type in OPA's notation (`array[string]`, `any<number, set[any]>`), as its type errors print it. */
export function formatType(t: TypeSpec): string {
  switch (t.kind) {
    case "array":
    case "set":
      return `${t.kind}[${formatType(t.of)}]`;
    case "object":
      return `object[${formatType(t.key)}: ${formatType(t.value)}]`;
    case "union":
      return `any<${t.of.map(formatType).join(", ")}>`;
    default:
      return t.kind;
  }
}
