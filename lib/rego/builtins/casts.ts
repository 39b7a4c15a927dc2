/**
 * The casts OPA deprecated in v0.13 but still evaluates: `cast_array`, `cast_set` (between arrays
 * and sets) and `cast_string`, `cast_boolean`, `cast_null`, `cast_object` (identity on their own
 * type, a type error otherwise).
 */
import { RSet, type TypeName, typeName, type Value } from "../value";
import { operandTypeError } from "./args";
import type { BuiltinDef } from "./registry";
import { T, type TypeSpec } from "./types";

function identityCast(name: string, kind: TypeName, result: TypeSpec): BuiltinDef {
  return {
    name,
    decl: { args: [T.any], result },
    impl: ([v]) => {
      if (typeName(v) !== kind) throw operandTypeError(1, v, kind);
      return v;
    },
  };
}

export const builtins: BuiltinDef[] = [
  {
    name: "cast_array",
    decl: { args: [T.any], result: T.array() },
    impl: ([v]: readonly Value[]) => {
      if (Array.isArray(v)) return v;
      if (v instanceof RSet) return v.values().slice();
      throw operandTypeError(1, v, "array", "set");
    },
  },
  {
    name: "cast_set",
    decl: { args: [T.any], result: T.set() },
    impl: ([v]: readonly Value[]) => {
      if (v instanceof RSet) return v;
      if (Array.isArray(v)) return RSet.of(v);
      throw operandTypeError(1, v, "array", "set");
    },
  },
  identityCast("cast_string", "string", T.string),
  identityCast("cast_boolean", "boolean", T.boolean),
  identityCast("cast_null", "null", T.null),
  identityCast("cast_object", "object", T.object()),
];

