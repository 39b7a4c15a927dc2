import { policyInputJsonSchema } from "@/lib/policy-input/schema";

/** The part of a JSON Schema node the lint rules read. */
export interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

let root: SchemaNode | undefined;
export const schemaRoot = () => (root ??= policyInputJsonSchema() as SchemaNode);

/** The schema node of a path below `input` (`"[_]"` steps into an array), or undefined where the schema has none. */
export function schemaAt(path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schemaRoot();
  for (const segment of path) {
    if (!node) return undefined;
    node = segment === "[_]" ? node.items : node.properties?.[segment];
  }
  return node;
}
