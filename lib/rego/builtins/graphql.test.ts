import { describe, expect, it } from "vitest";
import { fails, json, o } from "./testing";

// The employee schema and queries of OPA's policy reference (graphql).
const SCHEMA = `
  type Employee {
    id: String!
    salary: Int!
  }
  schema {
    query: Query
  }
  type Query {
    employeeByID(id: String): Employee
  }
`;
const QUERY = '{ employeeByID(id: "alice") { salary } }';

describe("graphql.is_valid / schema_is_valid", () => {
  it("validates a query against a schema", () => {
    expect(json("graphql.is_valid", QUERY, SCHEMA)).toBe(true);
    expect(json("graphql.is_valid", '{ employeeByID(id: "alice") { name } }', SCHEMA)).toBe(false);
    expect(json("graphql.is_valid", "{ employeeByID(", SCHEMA)).toBe(false);
    expect(json("graphql.is_valid", QUERY, 42)).toBe(false);
  });

  it("validates schemas", () => {
    expect(json("graphql.schema_is_valid", SCHEMA)).toBe(true);
    expect(json("graphql.schema_is_valid", "type Query { x: Missing }")).toBe(false);
    expect(json("graphql.schema_is_valid", "type Query {")).toBe(false);
  });
});

describe("graphql.parse_query / parse_schema", () => {
  it("returns gqlparser's AST, pruned as OPA prunes it", () => {
    expect(json("graphql.parse_query", 'query Q($id: String = "x") { a: employeeByID(id: $id) { salary ...F } } fragment F on Employee { id }')).toEqual({
      Operations: [
        {
          Operation: "query",
          Name: "Q",
          VariableDefinitions: [{ Variable: "id", Type: { NamedType: "String", NonNull: false }, DefaultValue: { Raw: "x", Kind: 3 } }],
          SelectionSet: [
            {
              Alias: "a",
              Name: "employeeByID",
              Arguments: [{ Name: "id", Value: { Raw: "id", Kind: 0 } }],
              SelectionSet: [{ Alias: "salary", Name: "salary" }, { Name: "F" }],
            },
          ],
        },
      ],
      Fragments: [{ Name: "F", TypeCondition: "Employee", SelectionSet: [{ Alias: "id", Name: "id" }] }],
    });
    const schema = json("graphql.parse_schema", SCHEMA) as Record<string, unknown>;
    expect(schema.Schema).toEqual([{ Description: "", OperationTypes: [{ Operation: "query", Type: "Query" }] }]);
    expect(schema.Definitions).toContainEqual({
      Kind: "OBJECT",
      Description: "",
      Name: "Employee",
      Fields: [
        { Description: "", Name: "id", Type: { NamedType: "String", NonNull: true } },
        { Description: "", Name: "salary", Type: { NamedType: "Int", NonNull: true } },
      ],
      BuiltIn: false,
    });
  });

  it("reports syntax errors with their location, as OPA", () => {
    expect(fails("graphql.parse_query", "{ a(")).toBe("eval_builtin_error: Expected Name, found <EOF> in GraphQL string at location 1:5");
  });
});

describe("graphql.parse / parse_and_verify", () => {
  it("parses and verifies, or says why not", () => {
    const [ok, q, s] = json("graphql.parse_and_verify", QUERY, SCHEMA) as [boolean, Record<string, unknown>, Record<string, unknown>];
    expect(ok).toBe(true);
    expect(q.Operations).toHaveLength(1);
    expect(s.Definitions).toHaveLength(2);
    expect(json("graphql.parse_and_verify", "{ nope }", SCHEMA)).toEqual([false, {}, {}]);
    expect(json("graphql.parse", QUERY, SCHEMA)).toHaveLength(2);
    expect(fails("graphql.parse", "{ nope }", SCHEMA)).toBe(
      'eval_builtin_error: Cannot query field "nope" on type "Query" in GraphQL query string at location 1:3',
    );
    expect(fails("graphql.parse", o({ Operations: [] }), SCHEMA)).toMatch(/AST objects are not supported/);
  });
});
