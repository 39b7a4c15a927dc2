import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PolicyDocument, PolicyProblem } from "./document";
import { readPolicyFile } from "./read";

export type StarterInfo = { slug: string; title: string; summary: string };
export type StarterPolicy = StarterInfo & { policy: PolicyDocument };

/** The starter policies shipped in `policies/`, in the order a platform engineer would browse them. */
export const STARTERS: readonly StarterInfo[] = [
  { slug: "blank_policy", title: "Blank policy", summary: "An empty scope and conditions to write your own policy from scratch." },
  { slug: "manual_intervention_required", title: "Manual intervention required", summary: "Block production deployments that do not pass a Manual Intervention step." },
  { slug: "step_template_required", title: "Step template required", summary: "Require a step template in every deployment, optionally from a minimum version." },
  { slug: "step_template_version", title: "Step template at an exact version", summary: "Require a step template pinned to exactly the approved version." },
  { slug: "process_template_required", title: "Process template required", summary: "Require a process template at a minimum semantic version in production." },
  { slug: "process_template_version", title: "Process template at an exact version", summary: "Require every step of a process template at exactly one semantic version (semver.compare == 0)." },
  { slug: "no_steps_skipped", title: "No steps skipped", summary: "Block production deployments that exclude steps when they are started." },
  { slug: "no_steps_disabled", title: "No steps disabled", summary: "Warn when the process deployed to production has disabled steps." },
  { slug: "block_in_production_warn_elsewhere", title: "Block in production, warn elsewhere", summary: "Require a smoke test: block in production, warn in other environments." },
  { slug: "minimum_release_version", title: "Minimum release version", summary: "Only releases from a minimum semantic version may be deployed to production." },
  { slug: "release_from_main", title: "Releases from main", summary: "Releases of version-controlled projects deployed to production come from main." },
  { slug: "packages_from_main", title: "Packages built from main", summary: "Every package deployed to production was built from the main branch." },
  { slug: "runbook_runs_from_main", title: "Runbook runs from main", summary: "Version-controlled runbooks run in production only from the main branch." },
  { slug: "no_parallel_steps", title: "No parallel steps", summary: "Warn when production executions run steps in parallel." },
  { slug: "step_runs_first", title: "A step runs first", summary: "Require an approval step at the start of production deployments." },
  { slug: "step_runs_last", title: "A step runs last", summary: "Require a notification step at the end of production deployments." },
  { slug: "step_order", title: "Order of two steps", summary: "Require database migrations to run before the application is deployed." },
  { slug: "process_template_first_or_last", title: "Process template first or last", summary: "Require a process template at the start or the end of production deployments." },
  { slug: "process_template_step_order", title: "Process template before or after a step", summary: "Require a process template to run before (or after) a given step." },
  { slug: "step_template_builtin_order", title: "Step template before or after a built-in step", summary: "Require a step template to run before (or after) every built-in step of an action type." },
  { slug: "builtin_step_order", title: "Order of two built-in steps", summary: "Require a Manual Intervention before every Kubernetes deployment step, by ActionType." },
  { slug: "required_tags", title: "Required project and tenant tags", summary: "Require cost-center tags on projects and tier and region tags on tenants." },
  { slug: "approval_required_in_production", title: "Change approval in production", summary: "Production executions must require an approved change request (RequiresApproval)." },
  { slug: "packages_from_approved_feeds", title: "Packages only from approved feeds", summary: "Deploy packages only from the built-in feed or feeds shared from Platform Hub." },
  { slug: "no_conditional_steps_in_production", title: "No conditional steps in production", summary: "Block production executions that run steps with run conditions (IsConditional)." },
  { slug: "all_projects_except", title: "All projects except some", summary: "Scope a policy to every project but a list of excluded ones (here: no steps skipped)." },
  { slug: "one_runbook_manual_intervention", title: "One runbook only", summary: "Scope a policy to the runs of a single runbook (here: a manual intervention is required)." },
];

export function startersDirectory(): string {
  return path.join(process.cwd(), "policies");
}

export type StarterResult = { ok: true; starter: StarterPolicy } | { ok: false; error: { code: "starter_not_found" | "starter_invalid"; message: string; problems?: PolicyProblem[] } };

/** Reads a starter from disk each time, so edits to the shipped files show without a restart. */
export async function readStarter(slug: string, directory = startersDirectory()): Promise<StarterResult> {
  const info = STARTERS.find((s) => s.slug === slug);
  if (!info) return { ok: false, error: { code: "starter_not_found", message: `There is no starter policy "${slug}"` } };
  const file = `policies/${slug}.ocl`;
  let text: string;
  try {
    text = await readFile(path.join(directory, `${slug}.ocl`), "utf8");
  } catch (e) {
    return { ok: false, error: { code: "starter_not_found", message: `The starter file ${file} cannot be read: ${(e as Error).message}` } };
  }
  const read = readPolicyFile(file, text);
  if (!read.policy || read.problems.length > 0) {
    return { ok: false, error: { code: "starter_invalid", message: `The starter file ${file} is not a valid policy`, problems: read.problems } };
  }
  return { ok: true, starter: { ...info, policy: read.policy } };
}

/** All starters that can be read; one broken file does not hide the others. */
export async function listStarters(directory = startersDirectory()): Promise<StarterPolicy[]> {
  const results = await Promise.all(STARTERS.map((s) => readStarter(s.slug, directory)));
  return results.flatMap((r) => (r.ok ? [r.starter] : []));
}
