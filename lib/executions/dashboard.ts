import type { DbOrTx } from "@/lib/db/client";
import type { PolicyOutcome, ViolationAction } from "@/lib/db/enums";
import { join } from "@/lib/db/sql";
import { ENFORCING_OUTCOMES, enforcedAction, worstViolation, type ViolationState } from "@/lib/policies/decision";
import { fail, ok, type Result } from "./errors";

export type { ViolationState };

export interface PolicyViolation {
  policyId: string;
  policyName: string;
  /** Where the policy is opened from the banners that name it. */
  policySlug: string;
  version: string;
  /** `error`: the policy could not be evaluated and enforced its own action. */
  outcome: Exclude<PolicyOutcome, "pass">;
  enforced: ViolationAction;
  reason: string | null;
}

/** A violation let through by an exemption (lib/exemptions): the execution ran. */
export interface ExemptedPolicy {
  policyId: string;
  policyName: string;
  policySlug: string;
  reason: string | null;
  exemption: { id: string; owner: string | null; expiresAt: Date | null };
}

export interface DashboardExecution {
  kind: "Deploy" | "RunbookRun";
  executionId: string;
  taskId: string;
  name: string;
  state: string;
  queuedAt: Date;
  completedAt: Date | null;
  environment: { id: string; name: string };
  tenant: { id: string; name: string } | null;
  release?: { id: string; version: string };
  runbook?: { id: string; name: string };
  violation: ViolationState;
  violations: PolicyViolation[];
  exempted: ExemptedPolicy[];
}

export interface ProjectDashboardState {
  project: { id: string; name: string; slug: string; spaceId: string };
  /** The latest deployment per environment and tenant. */
  deployments: DashboardExecution[];
  /** The latest run per runbook, environment and tenant. */
  runbookRuns: DashboardExecution[];
  /** Shown while any of the latest executions has a violation; names the policies and tasks. */
  banner: { violation: ViolationAction; executions: DashboardExecution[]; policies: string[] } | null;
  /** The latest executions that ran under an exemption, for the banner that names the exemptions. */
  exempted: DashboardExecution[];
}

const targetSelect = {
  id: true, name: true, taskId: true, createdAt: true, projectId: true,
  environment: { select: { id: true, name: true } },
  tenant: { select: { id: true, name: true } },
  task: { select: { state: true, queuedAt: true, completedAt: true } },
} as const;

/** Dashboard state of several projects at once (the projects overview shows a banner per project). */
export async function getDashboardStates(db: DbOrTx, projectIds: readonly string[]): Promise<ProjectDashboardState[]> {
  const ids = [...projectIds];
  // LatestExecution holds one row per target, kept by triggers as executions are created, so this
  // reads as many rows as the dashboards show, however long the history.
  const [projects, latest] = await Promise.all([
    db.project.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, slug: true, spaceId: true } }),
    db.latestExecution.findMany({ where: { projectId: { in: ids } }, select: { kind: true, executionId: true } }),
  ]);
  const latestOf = (kind: DashboardExecution["kind"]) => latest.filter((l) => l.kind === kind).map((l) => l.executionId);
  const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] as const;
  const [deployments, runs] = await Promise.all([
    db.deployment.findMany({
      where: { id: { in: latestOf("Deploy") } },
      orderBy: [...newestFirst],
      select: { ...targetSelect, release: { select: { id: true, version: true } } },
    }),
    db.runbookRun.findMany({
      where: { id: { in: latestOf("RunbookRun") } },
      orderBy: [...newestFirst],
      select: { ...targetSelect, runbook: { select: { id: true, name: true } } },
    }),
  ]);
  const taskIds = [...deployments, ...runs].map((e) => e.taskId);
  // Filtered by task only, outcomes here: with an outcome term SQLite may walk the (outcome,
  // evaluatedAt) index over every violation in history instead of the few rows of these tasks.
  const enforcing = new Set<string>(ENFORCING_OUTCOMES);
  const evaluations = (await db.policyEvaluation.findMany({
    where: { taskId: { in: taskIds } },
    orderBy: { id: "asc" },
    select: {
      taskId: true, outcome: true, reason: true, exemptionId: true, policy: { select: { id: true, name: true, slug: true } },
      policyVersion: { select: { version: true, violationAction: true } },
    },
  })).filter((e) => enforcing.has(e.outcome) || e.outcome === "exempted");
  const exemptedByTask = await exemptedPolicies(db, evaluations.filter((e) => e.outcome === "exempted"));
  const violationsByTask = groupBy(
    evaluations.filter((e) => enforcing.has(e.outcome)).map((e) => ({
      taskId: e.taskId, policyId: e.policy.id, policyName: e.policy.name, policySlug: e.policy.slug, version: e.policyVersion.version, reason: e.reason,
      outcome: e.outcome as PolicyViolation["outcome"], enforced: enforcedAction(e.outcome, e.policyVersion.violationAction) ?? "block",
    })),
    (v) => v.taskId,
  );
  const violationsOf = (taskId: string): PolicyViolation[] => (violationsByTask.get(taskId) ?? []).map(({ taskId: _, ...v }) => v);

  const toExecution = (
    kind: DashboardExecution["kind"],
    e: (typeof deployments)[number] | (typeof runs)[number],
  ): DashboardExecution & { projectId: string } => {
    const violations = violationsOf(e.taskId);
    return {
      kind, projectId: e.projectId, executionId: e.id, taskId: e.taskId, name: e.name, state: e.task.state,
      queuedAt: e.task.queuedAt, completedAt: e.task.completedAt, environment: e.environment, tenant: e.tenant,
      ...("release" in e ? { release: e.release } : {}),
      ...("runbook" in e ? { runbook: e.runbook } : {}),
      violation: worstViolation(violations.map((v) => v.enforced)), violations, exempted: exemptedByTask.get(e.taskId) ?? [],
    };
  };
  const allDeployments = deployments.map((d) => toExecution("Deploy", d));
  const allRuns = runs.map((r) => toExecution("RunbookRun", r));

  const strip = ({ projectId: _, ...e }: DashboardExecution & { projectId: string }): DashboardExecution => e;
  const deploymentsByProject = groupBy(allDeployments, (e) => e.projectId);
  const runsByProject = groupBy(allRuns, (e) => e.projectId);
  return projects.map((project) => {
    const projectDeployments = (deploymentsByProject.get(project.id) ?? []).map(strip);
    const projectRuns = (runsByProject.get(project.id) ?? []).map(strip);
    const flagged = [...projectDeployments, ...projectRuns].filter((e) => e.violation !== "none");
    const banner = flagged.length
      ? {
          violation: worstViolation(flagged.map((e) => (e.violation === "none" ? null : e.violation))) as ViolationAction,
          executions: flagged,
          policies: [...new Set(flagged.flatMap((e) => e.violations.map((v) => v.policyName)))],
        }
      : null;
    const exempted = [...projectDeployments, ...projectRuns].filter((e) => e.exempted.length > 0);
    return { project, deployments: projectDeployments, runbookRuns: projectRuns, banner, exempted };
  });
}

/**
 * Just the banner's violation state per project, for lists of many projects: the same latest
 * executions and the same worst-violation rule as getDashboardStates, without loading what the
 * executions show.
 */
export async function getViolationStates(db: DbOrTx, projectIds: readonly string[]): Promise<Map<string, ViolationState>> {
  if (projectIds.length === 0) return new Map();
  // Triggers keep each latest execution's distinct outcome:violationAction pairs (see the
  // LatestExecution model), so this reads the (projectId, outcomes) index alone, not the
  // evaluations of every latest execution; DISTINCT leaves a few rows per project.
  const rows = await db.$queryRaw<{ projectId: string; outcomes: string }[]>`
    SELECT DISTINCT "projectId", "outcomes" FROM "LatestExecution"
    WHERE "projectId" IN (${join(projectIds)}) AND "outcomes" <> ''`;
  const actions = new Map<string, (ViolationAction | null)[]>();
  for (const row of rows) {
    const list = actions.get(row.projectId) ?? [];
    for (const pair of row.outcomes.split(" ").filter(Boolean)) {
      const [outcome, violationAction] = pair.split(":");
      list.push(enforcedAction(outcome, violationAction));
    }
    actions.set(row.projectId, list);
  }
  return new Map(projectIds.map((id) => [id, worstViolation(actions.get(id) ?? [])]));
}

/**
 * The newest deployment of each project, from the latest deployment per target: ranked in the
 * database, so one row per project comes back rather than one per environment and tenant.
 */
export async function latestDeploymentIds(db: DbOrTx, projectIds: readonly string[]): Promise<string[]> {
  if (projectIds.length === 0) return [];
  const newest = await db.$queryRaw<{ executionId: string }[]>`
    SELECT "executionId" FROM (
      SELECT "executionId", ROW_NUMBER() OVER (PARTITION BY "projectId" ORDER BY "createdAt" DESC, "executionId" DESC) AS "rank"
      FROM "LatestExecution" WHERE "kind" = 'Deploy' AND "projectId" IN (${join(projectIds)})
    ) AS "ranked" WHERE "rank" = 1`;
  return newest.map((n) => n.executionId);
}

/** Exempted evaluations by task, with the owner and expiry of their exemptions (null once deleted: the id stays). */
async function exemptedPolicies(
  db: DbOrTx,
  rows: { taskId: string; reason: string | null; exemptionId: string | null; policy: { id: string; name: string; slug: string } }[],
): Promise<Map<string, ExemptedPolicy[]>> {
  if (rows.length === 0) return new Map();
  const ids = [...new Set(rows.map((r) => r.exemptionId).filter((id): id is string => !!id))];
  const exemptions = new Map((await db.policyExemption.findMany({ where: { id: { in: ids } }, select: { id: true, owner: true, expiresAt: true } })).map((x) => [x.id, x]));
  return new Map(
    [...groupBy(rows, (r) => r.taskId)].map(([taskId, list]) => [
      taskId,
      list.map((r) => {
        const found = r.exemptionId ? exemptions.get(r.exemptionId) : undefined;
        return {
          policyId: r.policy.id, policyName: r.policy.name, policySlug: r.policy.slug, reason: r.reason,
          exemption: { id: r.exemptionId ?? "", owner: found?.owner ?? null, expiresAt: found?.expiresAt ?? null },
        };
      }),
    ]),
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** One project's dashboard state, by id or by slug (slugs are unique per space, so a space may be given). */
export async function getProjectDashboardState(
  db: DbOrTx,
  project: { id: string } | { slug: string; spaceId?: string },
): Promise<Result<ProjectDashboardState>> {
  const found = await db.project.findFirst({
    where: "id" in project ? { id: project.id } : { slug: project.slug, ...(project.spaceId ? { spaceId: project.spaceId } : {}) },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  if (!found) return fail("project_not_found", `There is no project ${"id" in project ? project.id : project.slug}`, { project });
  const [state] = await getDashboardStates(db, [found.id]);
  return ok(state);
}

