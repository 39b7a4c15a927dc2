/** Type tests: `is_string`, `is_number`, ..., and `type_name`. */
import { typeName, type TypeName, type Value } from "../value";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

function test(name: string, kind: TypeName): BuiltinDef {
  return { name, decl: { args: [T.any], result: T.boolean }, impl: ([v]) => typeName(v) === kind };
}

export const builtins: BuiltinDef[] = [
  test("is_string", "string"),
  test("is_number", "number"),
  test("is_boolean", "boolean"),
  test("is_array", "array"),
  test("is_set", "set"),
  test("is_object", "object"),
  test("is_null", "null"),
  { name: "type_name", decl: { args: [T.any], result: T.string }, impl: ([v]: readonly Value[]) => typeName(v) },
];
