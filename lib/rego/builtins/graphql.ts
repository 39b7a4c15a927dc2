/**
 * `graphql.*`: parsing and validation with graphql-js (the reference implementation), results
 * shaped as OPA returns them: OPA's parser (gqlparser) AST marshalled to JSON with Go's field
 * names (`Operations`, `SelectionSet`, `Alias`, value `Kind` numbers...), then pruned of
 * `Position`, nulls and empty arrays/objects, as OPA's pruneIrrelevantGraphQLASTNodes does.
 * Queries are validated with the spec's rules against the schema (plus the built-in scalars and
 * directives); `graphql.parse` fails with the first error, the others answer false / unverified.
 * Query and schema operands are GraphQL text; OPA also takes the AST objects back, which this
 * engine does not (an error for parse, false / unverified for the others).
 */
import {
  buildASTSchema,
  GraphQLError,
  Kind,
  parse as gqlParse,
  validate,
  validateSchema,
  type ArgumentNode,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
  type SelectionNode,
  type TypeNode,
  type ValueNode,
  type VariableDefinitionNode,
} from "graphql";
import { fromJSON, RObject, type Value } from "../value";
import { argString, builtinError, operandTypeError } from "./args";
import { BuiltinError, type BuiltinDef } from "./registry";
import { T } from "./types";

type J = null | boolean | number | string | J[] | { [k: string]: J };

// gqlparser's ValueKind order
const VALUE_KIND: Record<string, number> = {
  [Kind.VARIABLE]: 0,
  [Kind.INT]: 1,
  [Kind.FLOAT]: 2,
  [Kind.STRING]: 3,
  [Kind.BOOLEAN]: 5,
  [Kind.NULL]: 6,
  [Kind.ENUM]: 7,
  [Kind.LIST]: 8,
  [Kind.OBJECT]: 9,
};

function value(v: ValueNode | undefined): J {
  if (!v) return null;
  switch (v.kind) {
    case Kind.VARIABLE:
      return { Raw: v.name.value, Kind: 0 };
    case Kind.LIST:
      return { Raw: "", Kind: 8, Children: v.values.map((x) => ({ Name: "", Value: value(x) })) };
    case Kind.OBJECT:
      return { Raw: "", Kind: 9, Children: v.fields.map((f) => ({ Name: f.name.value, Value: value(f.value) })) };
    case Kind.NULL:
      return { Raw: "null", Kind: 6 };
    case Kind.BOOLEAN:
      return { Raw: String(v.value), Kind: 5 };
    case Kind.STRING:
      return { Raw: v.value, Kind: v.block ? 4 : 3 };
    default:
      return { Raw: v.value, Kind: VALUE_KIND[v.kind] };
  }
}

const args = (xs: readonly ArgumentNode[] | undefined): J => (xs ?? []).map((a) => ({ Name: a.name.value, Value: value(a.value) }));
const directives = (xs: readonly (DirectiveNode | ConstDirectiveNode)[] | undefined): J =>
  (xs ?? []).map((d) => ({ Name: d.name.value, Arguments: args(d.arguments), Location: "" }));

function type(t: TypeNode | undefined): J {
  if (!t) return null;
  if (t.kind === Kind.NON_NULL_TYPE) return { ...(type(t.type) as Record<string, J>), NonNull: true };
  if (t.kind === Kind.LIST_TYPE) return { NamedType: "", Elem: type(t.type), NonNull: false };
  return { NamedType: t.name.value, Elem: null, NonNull: false };
}

function selections(xs: readonly SelectionNode[] | undefined): J {
  return (xs ?? []).map((s): J => {
    switch (s.kind) {
      case Kind.FIELD:
        return {
          Alias: s.alias?.value ?? s.name.value,
          Name: s.name.value,
          Arguments: args(s.arguments),
          Directives: directives(s.directives),
          SelectionSet: selections(s.selectionSet?.selections),
        };
      case Kind.FRAGMENT_SPREAD:
        return { Name: s.name.value, Directives: directives(s.directives) };
      case Kind.INLINE_FRAGMENT:
        return { TypeCondition: s.typeCondition?.name.value ?? "", Directives: directives(s.directives), SelectionSet: selections(s.selectionSet.selections) };
    }
  });
}

const variables = (xs: readonly VariableDefinitionNode[] | undefined): J =>
  (xs ?? []).map((v) => ({ Variable: v.variable.name.value, Type: type(v.type), DefaultValue: value(v.defaultValue), Directives: directives(v.directives) }));

function queryDocument(doc: DocumentNode): J {
  const Operations: J[] = [];
  const Fragments: J[] = [];
  for (const d of doc.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) {
      Operations.push({
        Operation: d.operation,
        Name: d.name?.value ?? "",
        VariableDefinitions: variables(d.variableDefinitions),
        Directives: directives(d.directives),
        SelectionSet: selections(d.selectionSet.selections),
      });
    } else if (d.kind === Kind.FRAGMENT_DEFINITION) {
      Fragments.push({
        Name: d.name.value,
        VariableDefinition: variables(d.variableDefinitions),
        TypeCondition: d.typeCondition.name.value,
        Directives: directives(d.directives),
        SelectionSet: selections(d.selectionSet.selections),
      });
    }
  }
  return { Operations, Fragments };
}

const description = (d: { description?: { value: string } }) => d.description?.value ?? "";

const inputValue = (a: InputValueDefinitionNode): J => ({
  Description: description(a),
  Name: a.name.value,
  DefaultValue: value(a.defaultValue),
  Type: type(a.type),
  Directives: directives(a.directives),
});

const fieldDef = (f: FieldDefinitionNode | InputValueDefinitionNode): J =>
  f.kind === Kind.INPUT_VALUE_DEFINITION
    ? inputValue(f)
    : { Description: description(f), Name: f.name.value, Arguments: (f.arguments ?? []).map(inputValue), Type: type(f.type), Directives: directives(f.directives) };

const DEFINITION_KIND: Record<string, string> = {
  [Kind.SCALAR_TYPE_DEFINITION]: "SCALAR",
  [Kind.OBJECT_TYPE_DEFINITION]: "OBJECT",
  [Kind.INTERFACE_TYPE_DEFINITION]: "INTERFACE",
  [Kind.UNION_TYPE_DEFINITION]: "UNION",
  [Kind.ENUM_TYPE_DEFINITION]: "ENUM",
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: "INPUT_OBJECT",
  [Kind.SCALAR_TYPE_EXTENSION]: "SCALAR",
  [Kind.OBJECT_TYPE_EXTENSION]: "OBJECT",
  [Kind.INTERFACE_TYPE_EXTENSION]: "INTERFACE",
  [Kind.UNION_TYPE_EXTENSION]: "UNION",
  [Kind.ENUM_TYPE_EXTENSION]: "ENUM",
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: "INPUT_OBJECT",
};

function typeDefinition(d: DefinitionNode): J {
  const n = d as DefinitionNode & Record<string, unknown>;
  const list = <X>(k: string) => (n[k] as readonly X[] | undefined) ?? [];
  return {
    Kind: DEFINITION_KIND[d.kind],
    Description: description(n as { description?: { value: string } }),
    Name: (n.name as { value: string }).value,
    Directives: directives(list<ConstDirectiveNode>("directives")),
    Interfaces: list<{ name: { value: string } }>("interfaces").map((i) => i.name.value),
    Fields: list<FieldDefinitionNode | InputValueDefinitionNode>("fields").map(fieldDef),
    Types: list<{ name: { value: string } }>("types").map((t) => t.name.value),
    EnumValues: list<{ name: { value: string }; description?: { value: string }; directives?: ConstDirectiveNode[] }>("values").map((v) => ({
      Description: description(v),
      Name: v.name.value,
      Directives: directives(v.directives),
    })),
    BuiltIn: false,
  };
}

function schemaDocument(doc: DocumentNode): J {
  const out: Record<string, J[]> = { Schema: [], SchemaExtension: [], Directives: [], Definitions: [], Extensions: [] };
  for (const d of doc.definitions) {
    switch (d.kind) {
      case Kind.SCHEMA_DEFINITION:
      case Kind.SCHEMA_EXTENSION:
        out[d.kind === Kind.SCHEMA_DEFINITION ? "Schema" : "SchemaExtension"].push({
          Description: d.kind === Kind.SCHEMA_DEFINITION ? description(d) : "",
          Directives: directives(d.directives),
          OperationTypes: (d.operationTypes ?? []).map((o) => ({ Operation: o.operation, Type: o.type.name.value })),
        });
        break;
      case Kind.DIRECTIVE_DEFINITION:
        out.Directives.push({
          Description: description(d),
          Name: d.name.value,
          Arguments: (d.arguments ?? []).map(inputValue),
          Locations: d.locations.map((l) => l.value),
          IsRepeatable: d.repeatable,
        });
        break;
      default:
        out[d.kind.endsWith("Extension") ? "Extensions" : "Definitions"].push(typeDefinition(d));
    }
  }
  return out;
}

/** OPA's pruneIrrelevantGraphQLASTNodes: no nulls, no empty arrays or objects (empty strings stay). */
function prune(v: J): J {
  if (Array.isArray(v)) return v.map(prune).filter((x) => x !== null && !isEmpty(x));
  if (v !== null && typeof v === "object") {
    const out: Record<string, J> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === "Position" || x === null) continue;
      const p = prune(x);
      if (!isEmpty(p)) out[k] = p;
    }
    return out;
  }
  return v;
}

const isEmpty = (v: J): boolean => (Array.isArray(v) ? v.length === 0 : v !== null && typeof v === "object" ? Object.keys(v).length === 0 : false);

class GQLFailure extends Error {}

/** gqlparser's error text, as OPA words it: `<message> in GraphQL string at location <line>:<col>`. */
function located(e: GraphQLError, what: string): GQLFailure {
  const msg = e.message.replace(/^Syntax Error: /, "").replace(/\.$/, "");
  const loc = e.locations?.[0];
  return new GQLFailure(loc ? `${msg} in GraphQL ${what} at location ${loc.line}:${loc.column}` : msg);
}

function parseText(text: string): DocumentNode {
  try {
    return gqlParse(text, { noLocation: false });
  } catch (e) {
    if (e instanceof GraphQLError) throw located(e, "string");
    throw e;
  }
}

function parseQuery(text: string): DocumentNode {
  const doc = parseText(text);
  const other = doc.definitions.find((d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION);
  if (other) throw new GQLFailure(`Unexpected Name "${(other as { name?: { value: string } }).name?.value ?? other.kind}" in GraphQL string`);
  return doc;
}

function parseSchemaText(text: string): DocumentNode {
  const doc = parseText(text);
  const exec = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION);
  if (exec) throw new GQLFailure("Unexpected executable definition in GraphQL schema string");
  return doc;
}

function buildSchema(doc: DocumentNode): GraphQLSchema {
  let schema: GraphQLSchema;
  try {
    schema = buildASTSchema(doc);
  } catch (e) {
    throw new GQLFailure(`Error in gqlparser SchemaDocument to Schema conversion: ${(e as Error).message}`);
  }
  const errors = validateSchema(schema);
  if (errors.length > 0) throw new GQLFailure(`Error in gqlparser SchemaDocument to Schema conversion: ${errors[0].message}`);
  return schema;
}

function check(schema: GraphQLSchema, query: DocumentNode): void {
  const errors = validate(schema, query);
  if (errors.length > 0) throw located(errors[0], "query string");
}

/** A query or schema operand: GraphQL text (OPA's AST objects are not read back here). */
function textOperand(args: readonly Value[], i: number): string {
  const v = args[i];
  if (typeof v === "string") return v;
  if (v instanceof RObject) throw new GQLFailure(`operand ${i + 1}: GraphQL AST objects are not supported here, pass the GraphQL text`);
  throw operandTypeError(i + 1, v, "string", "object");
}

function both(args: readonly Value[]): { query: DocumentNode; schemaDoc: DocumentNode } {
  const query = parseQuery(textOperand(args, 0));
  const schemaDoc = parseSchemaText(textOperand(args, 1));
  check(buildSchema(schemaDoc), query);
  return { query, schemaDoc };
}

const toValue = (j: J): Value => fromJSON(prune(j));

/** Runs `f`, turning a GraphQL failure into OPA's builtin error. */
function orError<X>(f: () => X): X {
  try {
    return f();
  } catch (e) {
    if (e instanceof GQLFailure) throw builtinError(e.message);
    throw e;
  }
}

/** Runs `f`, turning a GraphQL failure (or a bad operand) into `fallback`. */
function orElse<X>(f: () => X, fallback: X): X {
  try {
    return f();
  } catch (e) {
    // OPA answers false / unverified for bad operands too
    if (e instanceof GQLFailure || e instanceof BuiltinError) return fallback;
    throw e;
  }
}

const GQL = T.union(T.string, T.object());
const TEXT_ONLY = "query and schema as GraphQL text; OPA's AST objects are not read back";

export const builtins: BuiltinDef[] = [
  {
    name: "graphql.parse_query",
    decl: { args: [T.string], result: T.object() },
    impl: (a) => orError(() => toValue(queryDocument(parseQuery(argString(a, 0))))),
  },
  {
    name: "graphql.parse_schema",
    decl: { args: [T.string], result: T.object() },
    impl: (a) => orError(() => toValue(schemaDocument(parseSchemaText(argString(a, 0))))),
  },
  {
    name: "graphql.parse",
    restriction: TEXT_ONLY,
    decl: { args: [GQL, GQL], result: T.array(T.object()) },
    impl: (a) =>
      orError(() => {
        const { query, schemaDoc } = both(a);
        return [toValue(queryDocument(query)), toValue(schemaDocument(schemaDoc))];
      }),
  },
  {
    name: "graphql.parse_and_verify",
    restriction: TEXT_ONLY,
    decl: { args: [GQL, GQL], result: T.array(T.union(T.boolean, T.object())) },
    impl: (a) =>
      orElse<Value>(
        () => {
          const { query, schemaDoc } = both(a);
          return [true, toValue(queryDocument(query)), toValue(schemaDocument(schemaDoc))];
        },
        [false, new RObject(), new RObject()],
      ),
  },
  {
    name: "graphql.is_valid",
    restriction: TEXT_ONLY,
    decl: { args: [GQL, GQL], result: T.boolean },
    impl: (a) => orElse(() => (both(a), true), false),
  },
  {
    name: "graphql.schema_is_valid",
    restriction: TEXT_ONLY,
    decl: { args: [GQL], result: T.boolean },
    impl: (a) => orElse(() => (buildSchema(parseSchemaText(textOperand(a, 0))), true), false),
  },
];
