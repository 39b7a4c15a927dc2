/**
 * `json.verify_schema(schema)` -> `[valid, error]` and `json.match_schema(doc, schema)` ->
 * `[match, errors]`, validated by ajv (draft-07, or draft-06 by `$schema`; ajv-formats' formats)
 * where OPA uses gojsonschema. Each ajv error becomes OPA's `{error, type, field, desc}` object with
 * gojsonschema's error type and description for the keyword (`invalid_type`, "Invalid type.
 * Expected: integer, given: string"), `field` the dotted path of the value ("(root)" for the
 * document itself) and `error` "<field>: <desc>"; combinators report as gojsonschema's do
 * (`json-schema-order.ts`).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";
import addFormats from "ajv-formats";
import { RObject, type Value } from "../value";
import { builtinError } from "./args";
import { isValidGoJSON, marshalGoJSON } from "./gojson";
import { gojsonschemaOrder } from "./json-schema-order";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

/** OPA's astValueToJSONSchemaLoader: a JSON string or an object, as plain JSON for ajv. */
function load(v: Value): unknown {
  if (typeof v === "string") {
    if (!isValidGoJSON(v)) throw new Error("invalid JSON string");
    return JSON.parse(v);
  }
  // Through JSON text so that big integers become numbers ajv can compare.
  if (v instanceof RObject) return JSON.parse(marshalGoJSON(v));
  throw new Error("wrong type, expected string or object");
}

const CACHE_SIZE = 64;
/** Compiled schemas by their JSON text: policies match many documents against a few schemas. */
const compiled = new Map<string, ValidateFunction>();

function compileSchema(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  // One ajv instance per schema, so two schemas with the same `$id` don't collide.
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  const validate = ajv.compile(schema as object);
  if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, validate);
  return validate;
}

/** gojsonschema's name for a value's type in "given: ..." ("integer" for whole numbers). */
function givenType(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "array";
  if (typeof x === "number") return Number.isInteger(x) ? "integer" : "number";
  return typeof x;
}

/** gojsonschema's context path: "(root)" or the dotted keys and indexes below it. */
function fieldOf(instancePath: string): string {
  if (instancePath === "") return "(root)";
  return instancePath
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

const quoteAll = (xs: unknown): string => (Array.isArray(xs) ? xs : [xs]).map((x) => JSON.stringify(x)).join(", ");

/** gojsonschema's error type and description for an ajv error. */
function describe(e: ErrorObject, field: string): [string, string] {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "type": {
      // gojsonschema lists several types as "[string,null]".
      const types = Array.isArray(p.type) ? p.type.map(String) : String(p.type).split(",");
      const expected = types.length > 1 ? `[${types.join(",")}]` : types[0];
      return ["invalid_type", `Invalid type. Expected: ${expected}, given: ${givenType(e.data)}`];
    }
    case "required":
      return ["required", `${String(p.missingProperty)} is required`];
    case "additionalProperties":
      return ["additional_property_not_allowed", `Additional property ${String(p.additionalProperty)} is not allowed`];
    case "enum":
      return ["enum", `${field} must be one of the following: ${quoteAll(p.allowedValues)}`];
    case "const":
      return ["const", `${field} does not match: ${JSON.stringify(p.allowedValue)}`];
    case "minLength":
      return ["string_gte", `String length must be greater than or equal to ${String(p.limit)}`];
    case "maxLength":
      return ["string_lte", `String length must be less than or equal to ${String(p.limit)}`];
    case "pattern":
      return ["pattern", `Does not match pattern '${String(p.pattern)}'`];
    case "format":
      return ["format", `Does not match format '${String(p.format)}'`];
    case "minimum":
      return ["number_gte", `Must be greater than or equal to ${String(p.limit)}`];
    case "exclusiveMinimum":
      return ["number_gt", `Must be greater than ${String(p.limit)}`];
    case "maximum":
      return ["number_lte", `Must be less than or equal to ${String(p.limit)}`];
    case "exclusiveMaximum":
      return ["number_lt", `Must be less than ${String(p.limit)}`];
    case "multipleOf":
      return ["multiple_of", `Must be a multiple of ${String(p.multipleOf)}`];
    case "minItems":
      return ["array_min_items", `Array must have at least ${String(p.limit)} items`];
    case "maxItems":
      return ["array_max_items", `Array must have at most ${String(p.limit)} items`];
    case "uniqueItems":
      return ["unique", `array items[${String(p.j)},${String(p.i)}] must be unique`];
    case "contains":
      return ["contains", "At least one of the items must match"];
    case "minProperties":
      return ["array_min_properties", `Must have at least ${String(p.limit)} properties`];
    case "maxProperties":
      return ["array_max_properties", `Must have at most ${String(p.limit)} properties`];
    case "allOf":
      return ["number_all_of", "Must validate all the schemas (allOf)"];
    case "anyOf":
      return ["number_any_of", "Must validate at least one schema (anyOf)"];
    case "oneOf":
      return ["number_one_of", "Must validate one and only one schema (oneOf)"];
    case "not":
      return ["number_not", "Must not validate the schema (not)"];
    case "if":
      return p.failingKeyword === "then"
        ? ["condition_then", 'Must validate "then" as "if" was valid']
        : ["condition_else", 'Must validate "else" as "if" was not valid'];
    case "dependencies":
    case "dependentRequired":
      return ["missing_dependency", `Has a dependency on ${String(p.missingProperty)}`];
    case "propertyNames":
      return ["invalid_property_name", `Property name of "${String(p.propertyName)}" does not match`];
    case "additionalItems":
      return ["array_no_additional_items", "No additional items allowed on array"];
    case "false schema":
      return ["false", "False always fails validation"];
    default:
      return [e.keyword, e.message ?? e.keyword];
  }
}

function errorObject(e: ErrorObject): RObject {
  const field = fieldOf(e.instancePath);
  const [type, desc] = describe(e, field);
  return RObject.fromRecord({ error: `${field}: ${desc}`, type, field, desc });
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const DOC = T.union(T.string, T.object(T.any, T.any));

export const builtins: BuiltinDef[] = [
  {
    name: "json.verify_schema",
    // OPA: array<boolean, any<null, string>>.
    decl: { args: [DOC], result: T.array(T.union(T.boolean, T.null, T.string)) },
    impl: (args) => {
      try {
        compileSchema(load(args[0]));
      } catch (e) {
        return [false, `jsonschema: ${messageOf(e)}`];
      }
      return [true, null];
    },
  },
  {
    name: "json.match_schema",
    // OPA: array<boolean, array[object<desc, error, field, type: string>]>.
    decl: { args: [DOC, DOC], result: T.array(T.union(T.boolean, T.array(T.object(T.string, T.string)))) },
    impl: (args) => {
      let doc: unknown;
      let validate: ValidateFunction;
      try {
        doc = load(args[0]);
        validate = compileSchema(load(args[1]));
      } catch (e) {
        throw builtinError(messageOf(e));
      }
      const valid = validate(doc) as boolean;
      return [valid, gojsonschemaOrder(validate.errors ?? []).map(errorObject)];
    },
  },
];
