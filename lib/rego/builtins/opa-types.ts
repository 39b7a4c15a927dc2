/**
 * OPA's type notation (see `opa-capabilities.ts`) read into this engine's `TypeSpec`, and the
 * equivalence of two TypeSpecs. `TypeSpec` has no static parts, so a static array becomes an
 * array of the union of its positions and a static object an object whose keys are strings (or
 * the dynamic key type) and values the union of its fields: what a declaration here can say.
 */
import { formatType, T, type BuiltinDecl, type TypeSpec } from "./types";

class Reader {
  private i = 0;
  constructor(private readonly text: string) {}

  private skip(): void {
    while (this.text[this.i] === " ") this.i++;
  }

  peek(s: string): boolean {
    this.skip();
    return this.text.startsWith(s, this.i);
  }

  eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.i += s.length;
    return true;
  }

  expect(s: string): void {
    if (!this.eat(s)) throw new Error(`expected ${s} at ${this.i} in ${this.text}`);
  }

  word(): string {
    this.skip();
    const m = /^[a-z_]+/.exec(this.text.slice(this.i));
    if (!m) throw new Error(`expected a name at ${this.i} in ${this.text}`);
    this.i += m[0].length;
    return m[0];
  }

  done(): boolean {
    this.skip();
    return this.i === this.text.length;
  }

  list<X>(close: string, item: () => X): X[] {
    const out: X[] = [];
    if (this.eat(close)) return out;
    do out.push(item());
    while (this.eat(","));
    this.expect(close);
    return out;
  }

  type(): TypeSpec {
    const name = this.word();
    switch (name) {
      case "any":
        return this.eat("<") ? union(this.list(">", () => this.type())) : T.any;
      case "number":
      case "string":
      case "boolean":
      case "null":
        return { kind: name };
      case "set": {
        this.expect("[");
        const of = this.type();
        this.expect("]");
        return T.set(of);
      }
      case "array": {
        const parts = this.eat("<") ? this.list(">", () => this.type()) : [];
        if (this.eat("[")) {
          parts.push(this.type());
          this.expect("]");
        }
        return T.array(union(parts));
      }
      case "object": {
        const keys: TypeSpec[] = [];
        const values: TypeSpec[] = [];
        if (this.eat("<")) {
          for (const v of this.list(">", () => (this.word(), this.expect(":"), this.type()))) {
            keys.push(T.string);
            values.push(v);
          }
        }
        if (this.eat("[")) {
          keys.push(this.type());
          this.expect(":");
          values.push(this.type());
          this.expect("]");
        }
        return T.object(union(keys), union(values));
      }
      default:
        throw new Error(`unknown type ${name} in ${this.text}`);
    }
  }
}

const keyOfType = (t: TypeSpec): string => JSON.stringify(t);

/** A flat union without repeats; `any` absorbs it, one member stands for itself. */
function union(members: readonly TypeSpec[]): TypeSpec {
  const flat: TypeSpec[] = [];
  const seen = new Set<string>();
  for (const m of members.flatMap((t) => (t.kind === "union" ? t.of : [t]))) {
    if (m.kind === "any") return T.any;
    const k = keyOfType(m);
    if (!seen.has(k)) {
      seen.add(k);
      flat.push(m);
    }
  }
  if (flat.length === 0) return T.any;
  return flat.length === 1 ? flat[0] : T.union(...flat);
}

export function parseOpaType(text: string): TypeSpec {
  const r = new Reader(text);
  const t = r.type();
  if (!r.done()) throw new Error(`trailing text in ${text}`);
  return t;
}

/** A signature `(A, B) => R`, `(...any)` or `() => R`; `result` is absent for `print`-like calls. */
export function parseOpaSignature(sig: string): { args: TypeSpec[]; variadic?: TypeSpec; result?: TypeSpec } {
  const r = new Reader(sig);
  r.expect("(");
  let variadic: TypeSpec | undefined;
  const args = r.list(")", () => (r.eat("...") ? ((variadic = r.type()), undefined) : r.type())).filter((t) => t !== undefined);
  const result = r.eat("=>") ? r.type() : undefined;
  if (!r.done()) throw new Error(`trailing text in ${sig}`);
  return { args, ...(variadic ? { variadic } : {}), ...(result ? { result } : {}) };
}

/** Every value of type `a` is a value of type `b`. */
export function isSubtype(a: TypeSpec, b: TypeSpec): boolean {
  if (b.kind === "any") return true;
  if (a.kind === "union") return a.of.every((m) => isSubtype(m, b));
  if (b.kind === "union") return b.of.some((m) => isSubtype(a, m));
  if (a.kind !== b.kind) return false;
  if ((a.kind === "array" || a.kind === "set") && (b.kind === "array" || b.kind === "set")) return isSubtype(a.of, b.of);
  if (a.kind === "object" && b.kind === "object") return isSubtype(a.key, b.key) && isSubtype(a.value, b.value);
  return true;
}

export const sameType = (a: TypeSpec, b: TypeSpec): boolean => isSubtype(a, b) && isSubtype(b, a);

/** Where a declaration differs from OPA's signature, one line each; empty when they agree. */
export function declDifferences(decl: BuiltinDecl, sig: string): string[] {
  const want = parseOpaSignature(sig);
  const out: string[] = [];
  if (decl.args.length !== want.args.length) out.push(`${decl.args.length} arguments, OPA has ${want.args.length}`);
  else
    decl.args.forEach((t, i) => {
      if (!sameType(t, want.args[i])) out.push(`argument ${i + 1} is ${formatType(t)}, OPA has ${formatType(want.args[i])}`);
    });
  if (!!decl.variadic !== !!want.variadic) out.push(decl.variadic ? "variadic, OPA is not" : "not variadic, OPA is");
  if (want.result && !sameType(decl.result, want.result)) out.push(`result is ${formatType(decl.result)}, OPA has ${formatType(want.result)}`);
  return out;
}
