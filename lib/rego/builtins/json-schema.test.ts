import { describe, expect, it } from "vitest";
import { compile } from "@/lib/rego";
import { fails, json, o } from "./testing";

const schema = JSON.stringify({ properties: { id: { type: "integer" } }, required: ["id"] });

describe("json.verify_schema", () => {
  it("returns [true, null] for a valid schema, as a string or an object", () => {
    expect(json("json.verify_schema", "{}")).toEqual([true, null]);
    expect(json("json.verify_schema", schema)).toEqual([true, null]);
    expect(json("json.verify_schema", o({ properties: { id: { type: "integer" } } }))).toEqual([true, null]);
  });

  it("returns [false, message] for broken JSON or an invalid schema", () => {
    expect(json("json.verify_schema", '{ "a": "')).toEqual([false, "jsonschema: invalid JSON string"]);
    const [valid, message] = json("json.verify_schema", JSON.stringify({ properties: { id: { type: "UNKNOWN" } } })) as [boolean, string];
    expect(valid).toBe(false);
    expect(message).toMatch(/^jsonschema: /);
    expect(json("json.verify_schema", 5)).toEqual([false, "jsonschema: wrong type, expected string or object"]);
  });
});

describe("json.match_schema", () => {
  it("returns [true, []] for a matching document", () => {
    expect(json("json.match_schema", "{}", "{}")).toEqual([true, []]);
    expect(json("json.match_schema", '{ "id": 5 }', schema)).toEqual([true, []]);
    expect(json("json.match_schema", o({ id: 5 }), o(JSON.parse(schema)))).toEqual([true, []]);
  });

  it("describes mismatches with OPA's error objects", () => {
    expect(json("json.match_schema", '{ "id": "test" }', schema)).toEqual([
      false,
      [{ error: "id: Invalid type. Expected: integer, given: string", type: "invalid_type", field: "id", desc: "Invalid type. Expected: integer, given: string" }],
    ]);
    expect(json("json.match_schema", o({}), schema)).toEqual([false, [{ error: "(root): id is required", type: "required", field: "(root)", desc: "id is required" }]]);
    const nested = {
      type: "object",
      properties: {
        tags: { type: "array", items: { type: "string", minLength: 2 } },
        env: { enum: ["dev", "prod"] },
        port: { type: "number", maximum: 65535 },
      },
      additionalProperties: false,
    };
    const [valid, errors] = json("json.match_schema", o({ tags: ["ok", "x"], env: "qa", port: 70000.5, extra: 1 }), o(nested)) as [boolean, Record<string, string>[]];
    expect(valid).toBe(false);
    expect(errors).toEqual(
      expect.arrayContaining([
        { error: "(root): Additional property extra is not allowed", type: "additional_property_not_allowed", field: "(root)", desc: "Additional property extra is not allowed" },
        { error: "tags.1: String length must be greater than or equal to 2", type: "string_gte", field: "tags.1", desc: "String length must be greater than or equal to 2" },
        { error: 'env: env must be one of the following: "dev", "prod"', type: "enum", field: "env", desc: 'env must be one of the following: "dev", "prod"' },
        { error: "port: Must be less than or equal to 65535", type: "number_lte", field: "port", desc: "Must be less than or equal to 65535" },
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it("lists several expected types as gojsonschema does", () => {
    const [, errors] = json("json.match_schema", o({ a: 1 }), o({ properties: { a: { type: ["string", "null"] } } })) as [boolean, Record<string, string>[]];
    expect(errors[0].desc).toBe("Invalid type. Expected: [string,null], given: integer");
  });

  it("follows a draft-06 $schema", () => {
    const draft6 = { $schema: "http://json-schema.org/draft-06/schema#", properties: { n: { type: "integer", exclusiveMinimum: 0 } } };
    expect(json("json.verify_schema", o(draft6))).toEqual([true, null]);
    expect((json("json.match_schema", o({ n: 0 }), o(draft6)) as unknown[])[1]).toEqual([
      { error: "n: Must be greater than 0", type: "number_gt", field: "n", desc: "Must be greater than 0" },
    ]);
  });

  it("reports combinators as gojsonschema does", () => {
    const schema = {
      properties: {
        x: { anyOf: [{ type: "string" }, { type: "object", required: ["a", "b"] }] },
        y: { allOf: [{ minimum: 5 }, { multipleOf: 2 }] },
        z: { if: { type: "integer" }, then: { minimum: 10 } },
      },
    };
    const [, errors] = json("json.match_schema", o({ x: { c: 1 }, y: 3, z: 5 }), o(schema)) as [boolean, Record<string, string>[]];
    expect(errors.map((e) => e.error)).toEqual([
      // anyOf: its own error, then the closest branch (the object one) only
      "x: Must validate at least one schema (anyOf)",
      "x: a is required",
      "x: b is required",
      // allOf: the failing subschemas, then allOf itself
      "y: Must be greater than or equal to 5",
      "y: Must be a multiple of 2",
      "y: Must validate all the schemas (allOf)",
      // if/then: the condition first, then the branch's errors
      'z: Must validate "then" as "if" was valid',
      "z: Must be greater than or equal to 10",
    ]);
    expect(errors[5].type).toBe("number_all_of");
    const items = json("json.match_schema", "[1, \"a\", true]", o({ items: { anyOf: [{ type: "integer" }, { type: "string" }] } })) as [boolean, Record<string, string>[]];
    expect(items[1].map((e) => e.error)).toEqual(["2: Must validate at least one schema (anyOf)", "2: Invalid type. Expected: integer, given: boolean"]);
  });

  it("checks formats", () => {
    const [valid, errors] = json("json.match_schema", o({ mail: "nope" }), o({ properties: { mail: { type: "string", format: "email" } } })) as [boolean, Record<string, string>[]];
    expect(valid).toBe(false);
    expect(errors[0]).toMatchObject({ type: "format", field: "mail", desc: "Does not match format 'email'" });
  });

  it("fails on a broken document or schema, as OPA does", () => {
    expect(fails("json.match_schema", "{}", '{ "a": "')).toBe("eval_builtin_error: invalid JSON string");
    expect(fails("json.match_schema", '{ "a": "', "{}")).toBe("eval_builtin_error: invalid JSON string");
    // Documents other than objects must be given as JSON text, as in OPA.
    expect(fails("json.match_schema", [1], "{}")).toBe("eval_builtin_error: wrong type, expected string or object");
    expect(fails("json.match_schema", '{ "id": 5 }', JSON.stringify({ properties: { id: { type: "UNKNOWN" } } }))).toMatch(/^eval_builtin_error: /);
  });

  it("works in a policy, with the declared types", () => {
    const r = compile([
      {
        file: "t.rego",
        source: `package t
schema := {"type": "object", "required": ["owner"]}
errors contains e.desc if {
  [false, errs] = json.match_schema(input, schema)
  some e in errs
}`,
      },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.evalRule("data.t.errors", { input: {}, data: {} })).toEqual({ ok: true, defined: true, value: ["owner is required"] });
    expect(r.policy.evalRule("data.t.errors", { input: { owner: "me" }, data: {} })).toEqual({ ok: true, defined: true, value: [] });
    const bad = compile([{ file: "t.rego", source: "package t\np := json.match_schema({}, 5)" }]);
    expect(bad.ok).toBe(false);
  });
});
