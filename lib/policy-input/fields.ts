/**
 * A flat list of the input's documented fields, walked from the JSON Schema: what the editor
 * offers after `input.` and what the Schema page lists.
 */
import { policyInputJsonSchema } from "./schema";

export interface InputField {
  /** Rego path, e.g. `input.Steps[_].ActionType`. */
  path: string;
  /** Path segments after `input`, with `[_]` for array elements. */
  segments: string[];
  type: string;
  description: string;
  /** Present only for some executions (Tenant, Release, Runbook, ...). */
  optional: boolean;
}

interface JsonSchemaNode {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  enum?: unknown[];
}

function typeOf(node: JsonSchemaNode): string {
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (node.type === "array" && node.items) return `${typeOf(node.items)}[]`;
  return node.type ?? "any";
}

function walk(node: JsonSchemaNode, segments: string[], optional: boolean, out: InputField[]): void {
  if (segments.length > 0) {
    out.push({
      path: "input." + segments.join(".").replaceAll(".[_]", "[_]"),
      segments,
      type: typeOf(node),
      description: node.description ?? "",
      optional,
    });
  }
  const isArray = node.type === "array";
  const object = isArray ? node.items : node;
  if (!object?.properties) return;
  const prefix = isArray ? [...segments, "[_]"] : segments;
  const required = new Set(object.required ?? []);
  for (const [name, child] of Object.entries(object.properties)) {
    walk(child, [...prefix, name], !required.has(name), out);
  }
}

let cached: InputField[] | undefined;

export function inputFields(): readonly InputField[] {
  if (!cached) {
    cached = [];
    walk(policyInputJsonSchema() as JsonSchemaNode, [], false, cached);
  }
  return cached;
}
