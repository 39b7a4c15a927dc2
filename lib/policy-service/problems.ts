import { checkPolicyFile } from "@/lib/policies/check";
import { policyModules, type PolicyModuleBlock } from "@/lib/policies/compile";
import { policyFilePath, type PolicyDocument, type PolicyProblem } from "@/lib/policies/document";
import { readPolicyFile, type PolicyFileRead } from "@/lib/policies/read";
import { writePolicyFile } from "@/lib/policies/write";

/**
 * A problem as the API reports it: the file position, plus the position inside the Rego module
 * when it lies in one, so the editor can mark it in the scope or conditions editor.
 */
export type Problem = PolicyProblem & { module?: PolicyModuleBlock | "ocl"; moduleLine?: number; moduleColumn?: number };

/** Every problem that keeps a policy file from being published: its rules and both modules compiling. */
export function checkPolicyText(slug: string, text: string): Problem[] {
  const file = policyFilePath(slug);
  return withModulePositions(checkPolicyFile(file, text, { slug }), readPolicyFile(file, text));
}

/** The same check for a policy not saved yet, as it would be written to its file. */
export function checkPolicyDocument(policy: PolicyDocument): { text: string; problems: Problem[] } {
  const text = writePolicyFile(policy);
  return { text, problems: checkPolicyText(policy.slug, text) };
}

// Checking compiles Rego; lists and reads check the same committed blobs again and again.
const checked = new Map<string, Problem[]>();
const CACHE_SIZE = 1000;

/** `checkPolicyText` for a committed file, remembered by its blob. */
export function checkCommittedPolicy(slug: string, blobOid: string, text: string): Problem[] {
  const key = `${slug}:${blobOid}`;
  let problems = checked.get(key);
  if (!problems) {
    problems = checkPolicyText(slug, text);
    if (checked.size >= CACHE_SIZE) checked.delete(checked.keys().next().value!);
    checked.set(key, problems);
  }
  return problems;
}

/** Problems of a file with the module each lies in (scope, conditions, tests) and the position inside it. */
export function withModulePositions(problems: PolicyProblem[], read: PolicyFileRead): Problem[] {
  const modules = policyModules(read, { withTests: true }).flatMap(({ block, module }) => {
    const heredoc = module.value.heredoc;
    if (!heredoc) return [];
    const lines = module.value.value.replace(/\n$/, "").split("\n").length;
    return [{ block, first: heredoc.contentLine, last: heredoc.contentLine + lines - 1, indent: heredoc.indent }];
  });
  return problems.map((p) => {
    const inside = modules.find((m) => p.line >= m.first && p.line <= m.last);
    if (!inside) return { ...p, module: "ocl" };
    return { ...p, module: inside.block, moduleLine: p.line - inside.first + 1, moduleColumn: Math.max(1, p.column - inside.indent) };
  });
}
