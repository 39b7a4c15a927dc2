import type { CompiledPolicy } from "@/lib/rego";
import { compilePolicyModules } from "@/lib/policies/compile";
import { policyFilePath } from "@/lib/policies/document";
import { readPolicyFile } from "@/lib/policies/read";

/** What a compiled entry is made from: `versionId` names one content (evaluation workers pass a key of their own). */
type Source = { versionId: string; slug: string; ocl: string };

export type CompiledEntry = { ok: true; policy: CompiledPolicy } | { ok: false; message: string };

/** Enough for every active policy many times over; versions that fall out are simply compiled again. */
const MAX_ENTRIES = 500;

/**
 * Compiled policies by version id. A published version never changes, so its compiled form can
 * be kept for the life of the process and shared by every execution. The text is compared too,
 * because a recreated database (tests, a re-seeded demo) can reuse a version id for other text.
 */
export class CompiledPolicyCache {
  private readonly entries = new Map<string, { ocl: string; entry: CompiledEntry }>();

  get(policy: Source): CompiledEntry {
    const cached = this.entries.get(policy.versionId);
    if (cached?.ocl === policy.ocl) return cached.entry;
    const entry = compileVersion(policy);
    this.entries.delete(policy.versionId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(policy.versionId, { ocl: policy.ocl, entry });
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}

function compileVersion(policy: Source): CompiledEntry {
  const file = policyFilePath(policy.slug);
  const read = readPolicyFile(file, policy.ocl);
  if (!read.policy) return { ok: false, message: `the policy file does not parse: ${read.problems.map((p) => p.message).join("; ")}` };
  const compiled = compilePolicyModules(file, read);
  if (!compiled.ok) return { ok: false, message: `the policy does not compile: ${compiled.problems.map((p) => p.message).join("; ")}` };
  return compiled;
}
