import { serializeOcl, type OclAttribute, type OclItem } from "@/lib/ocl";
import { REGO_BLOCKS, type PolicyDocument, type RegoBlock } from "./document";

/** Writes a policy as OCL in the canonical layout. The slug is the file name, not part of the content. */
export function writePolicyFile(policy: PolicyDocument): string {
  const body: OclItem[] = [
    attribute("name", policy.name),
    attribute("description", policy.description),
    attribute("violation_reason", policy.violationReason),
    attribute("violation_action", policy.violationAction),
    ...(Object.keys(REGO_BLOCKS) as RegoBlock[]).map((block) => ({
      kind: "block" as const,
      type: block,
      labels: [],
      body: [attribute("rego", withFinalNewline(policy[REGO_BLOCKS[block].field]))],
      line: 0,
      column: 0,
    })),
  ];
  return serializeOcl({ body });
}

function attribute(name: string, value: string): OclAttribute {
  return { kind: "attribute", name, value: { kind: "string", value, line: 0, column: 0 }, line: 0, column: 0 };
}

/** Rego is written as a heredoc, which always ends its text with a line break. */
function withFinalNewline(rego: string): string {
  return rego === "" || rego.endsWith("\n") ? rego : rego + "\n";
}
