/**
 * Keyword handling in one place. Rego v1 reserves all of these; a future per-module v0 mode
 * (`p { ... }` bodies without `if`, `p[x] { ... }` partial sets) only needs a different table here
 * and the few `requireIf` checks in the parser.
 */
export interface Dialect {
  readonly name: "v1" | "v0";
  readonly keywords: ReadonlySet<string>;
  /** v1 requires `if` before a rule body and `contains` for partial sets. */
  readonly requireIf: boolean;
}

export const V1: Dialect = {
  name: "v1",
  keywords: new Set(["package", "import", "as", "default", "if", "else", "contains", "some", "in", "every", "not", "with", "true", "false", "null"]),
  requireIf: true,
};

/**
 * Pre-v1 Rego (OPA 0.x): `if`, `contains`, `in` and `every` are keywords only when imported from
 * `future.keywords` (or with `rego.v1`); bodies may follow a head directly; `p[x] { ... }` is a
 * partial set.
 */
export const V0: Dialect = {
  name: "v0",
  keywords: new Set(["package", "import", "as", "default", "else", "some", "not", "with", "true", "false", "null"]),
  requireIf: false,
};

/** Keywords that `import future.keywords.<kw>` (or all of them, or `rego.v1`) enables in v0. */
export const FUTURE_KEYWORDS = ["if", "contains", "in", "every"];
