import { parseOcl, serializeOcl, type OclAttribute, type OclBlock, type OclItem } from "@/lib/ocl";
import { REGO_BLOCKS, TESTS_BLOCK, type PolicyDocument, type RegoBlock } from "./document";

/**
 * Writes a policy as OCL in the canonical layout. The slug is the file name, not part of the content.
 * Given the file's previous text, its comments and the order of its parts are kept, so that saving
 * from the app does not lose notes written by hand; parts that are not part of a policy are dropped.
 */
export function writePolicyFile(policy: PolicyDocument, previous?: string): string {
  const parts = policyParts(policy);
  const parsed = previous === undefined ? null : parseOcl(previous);
  if (!parsed?.ok) return serializeOcl({ body: [...parts.values()] });

  const body: OclItem[] = [];
  const written = new Set<string>();
  for (const item of parsed.document.body) {
    if (item.kind === "comment") {
      body.push(item);
      continue;
    }
    const key = item.kind === "block" ? item.type : item.name === "ViolationReason" ? "violation_reason" : item.name;
    // A caller that does not know of tests (testsRego undefined) leaves the file's tests as they are.
    if (key === TESTS_BLOCK && policy.testsRego === undefined && item.kind === "block" && !written.has(key)) {
      written.add(key);
      body.push(item);
      continue;
    }
    const part = parts.get(key);
    if (!part || written.has(key)) continue;
    written.add(key);
    body.push(keepComments(item, part));
  }
  const missing = [...parts].filter(([key]) => !written.has(key)).map(([, part]) => part);
  const firstBlock = body.findIndex((i) => i.kind === "block");
  body.splice(firstBlock === -1 ? body.length : firstBlock, 0, ...missing.filter((p) => p.kind === "attribute"));
  body.push(...missing.filter((p) => p.kind === "block"));
  return serializeOcl({ body });
}

/** The attributes and blocks of a policy, by attribute name or block type, in canonical order. */
function policyParts(policy: PolicyDocument): Map<string, OclAttribute | OclBlock> {
  const parts = new Map<string, OclAttribute | OclBlock>([
    ["name", attribute("name", policy.name)],
    ["description", attribute("description", policy.description)],
    ["violation_reason", attribute("violation_reason", policy.violationReason)],
    ["violation_action", attribute("violation_action", policy.violationAction)],
  ]);
  for (const block of Object.keys(REGO_BLOCKS) as RegoBlock[]) {
    parts.set(block, regoBlock(block, policy[REGO_BLOCKS[block].field]));
  }
  // No tests, no block: a policy without tests stays as short as before.
  if (policy.testsRego?.trim()) parts.set(TESTS_BLOCK, regoBlock(TESTS_BLOCK, policy.testsRego));
  return parts;
}

function regoBlock(type: string, rego: string): OclBlock {
  return { kind: "block", type, labels: [], body: [attribute("rego", withFinalNewline(rego))], line: 0, column: 0 };
}

function keepComments(previous: OclAttribute | OclBlock, part: OclAttribute | OclBlock): OclItem {
  const trailing = previous.trailingComment === undefined ? {} : { trailingComment: previous.trailingComment };
  if (previous.kind === "attribute" || part.kind === "attribute") return { ...part, ...trailing };
  const rego = part.body[0] as OclAttribute;
  const previousRego = previous.body.find((i): i is OclAttribute => i.kind === "attribute" && i.name === "rego");
  const body = previous.body.flatMap((i) => (i.kind === "comment" ? [i] : i === previousRego ? [keepComments(i, rego)] : []));
  return { ...part, ...trailing, body: previousRego ? body : [...body, rego] };
}

function attribute(name: string, value: string): OclAttribute {
  return { kind: "attribute", name, value: { kind: "string", value, line: 0, column: 0 }, line: 0, column: 0 };
}

/** Rego is written as a heredoc, which always ends its text with a line break. */
function withFinalNewline(rego: string): string {
  return rego === "" || rego.endsWith("\n") ? rego : rego + "\n";
}
