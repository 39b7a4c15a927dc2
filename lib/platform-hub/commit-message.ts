import { slugOfPath } from "@/lib/policies/read";

export type ChangeKind = "create" | "update" | "delete";

const VERBS: Record<ChangeKind, string> = { create: "Create", update: "Update", delete: "Delete" };

/** The message of a quick commit, e.g. "Update policy manual_intervention_required". */
export function quickCommitMessage(changes: { kind: ChangeKind; path: string }[]): string {
  const kinds = new Set(changes.map((c) => c.kind));
  const verb = kinds.size === 1 ? VERBS[changes[0].kind] : "Change";
  const policies = changes.every((c) => /^policies\/[^/]+\.ocl$/.test(c.path));
  if (changes.length === 1) return `${verb} ${policies ? `policy ${slugOfPath(changes[0].path)}` : changes[0].path}`;
  if (!policies) return `${verb} ${changes.length} files`;
  const slugs = changes.map((c) => slugOfPath(c.path));
  return slugs.length <= 3 ? `${verb} policies ${slugs.join(", ")}` : `${verb} ${slugs.length} policies`;
}
