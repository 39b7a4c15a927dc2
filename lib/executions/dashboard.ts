import type { DbOrTx } from "../db/client";
import { fail, ok, type Result } from "./errors";

export type ViolationState = "none" | "warn" | "block";

export interface PolicyViolation {
  policyId: string;
  policyName: string;
  version: string;
  outcome: "warn" | "block";
  reason: string | null;
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
}

export interface ProjectDashboardState {
  project: { id: string; name: string; slug: string; spaceId: string };
  /** The latest deployment per environment and tenant. */
  deployments: DashboardExecution[];
  /** The latest run per runbook, environment and tenant. */
  runbookRuns: DashboardExecution[];
  /** Shown while any of the latest executions has a violation; names the policies and tasks. */
  banner: { violation: "warn" | "block"; executions: DashboardExecution[]; policies: string[] } | null;
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
  const [projects, deployments, runs] = await Promise.all([
    db.project.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, slug: true, spaceId: true } }),
    db.deployment.findMany({
      where: { projectId: { in: ids } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      distinct: ["projectId", "environmentId", "tenantId"],
      select: { ...targetSelect, release: { select: { id: true, version: true } } },
    }),
    db.runbookRun.findMany({
      where: { projectId: { in: ids } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      distinct: ["projectId", "runbookId", "environmentId", "tenantId"],
      select: { ...targetSelect, runbook: { select: { id: true, name: true } } },
    }),
  ]);
  const taskIds = [...deployments, ...runs].map((e) => e.taskId);
  const evaluations = await db.policyEvaluation.findMany({
    where: { taskId: { in: taskIds }, outcome: { in: ["warn", "block"] } },
    orderBy: { id: "asc" },
    select: { taskId: true, outcome: true, reason: true, policy: { select: { id: true, name: true } }, policyVersion: { select: { version: true } } },
  });
  const violationsOf = (taskId: string): PolicyViolation[] =>
    evaluations
      .filter((e) => e.taskId === taskId)
      .map((e) => ({ policyId: e.policy.id, policyName: e.policy.name, version: e.policyVersion.version, outcome: e.outcome === "block" ? "block" : "warn", reason: e.reason }));

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
      violation: worst(violations), violations,
    };
  };
  const allDeployments = deployments.map((d) => toExecution("Deploy", d));
  const allRuns = runs.map((r) => toExecution("RunbookRun", r));

  return projects.map((project) => {
    const strip = ({ projectId: _, ...e }: DashboardExecution & { projectId: string }): DashboardExecution => e;
    const mine = (list: (DashboardExecution & { projectId: string })[]) => list.filter((e) => e.projectId === project.id).map(strip);
    const projectDeployments = mine(allDeployments);
    const projectRuns = mine(allRuns);
    const flagged = [...projectDeployments, ...projectRuns].filter((e) => e.violation !== "none");
    const banner = flagged.length
      ? {
          violation: flagged.some((e) => e.violation === "block") ? ("block" as const) : ("warn" as const),
          executions: flagged,
          policies: [...new Set(flagged.flatMap((e) => e.violations.map((v) => v.policyName)))],
        }
      : null;
    return { project, deployments: projectDeployments, runbookRuns: projectRuns, banner };
  });
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

function worst(violations: PolicyViolation[]): ViolationState {
  if (violations.some((v) => v.outcome === "block")) return "block";
  return violations.length ? "warn" : "none";
}
