/**
 * Fills an empty, migrated database with an instance of the given size: one space with its
 * projects, environments, tenants, two years of deployments and runbook runs with their tasks,
 * logs and policy evaluations, active policies, and a hash-chained audit log that
 * `npm run audit:verify` accepts. Raw bulk writes through a sink (SQLite or PostgreSQL): going
 * through Prisma row by row would take hours.
 */
import { chainHash, GENESIS_HASH } from "../../lib/audit/chain";
import { AuditEventGroups } from "../../lib/audit/event-groups";
import type { IdPrefix } from "../../lib/db/ids";
import { seededRandom } from "./random";
import type { RowWriter, ScaleSink } from "./sink";
import type { ScaleSize } from "./sizes";

const DAY_MS = 86_400_000;
const SPACE = "Spaces-1";
const USERS = Array.from({ length: 20 }, (_, i) => ({ id: `Users-${i + 1}`, username: `user${i + 1}` }));
const OUTCOMES = [
  ...Array<"pass">(85).fill("pass"), ...Array<"warn">(8).fill("warn"), ...Array<"block">(5).fill("block"), ...Array<"error">(2).fill("error"),
];
const SNAPSHOT = JSON.stringify(
  ["Run a script", "Deploy the package", "Smoke test"].map((name, i) => ({
    id: `Steps-${i + 1}`, slug: `step-${i + 1}`, name, actionType: "Octopus.Script", enabled: true, isRequired: false,
    startTrigger: "StartAfterPrevious", source: { type: "Step", slugOrId: `step-${i + 1}` }, packages: [], children: [],
  })),
);

export interface GeneratedInstance {
  /** A project with tenants, one without, for the project page. */
  tenantedProject: { id: string; slug: string };
  untenantedProject: { id: string; slug: string };
  /** A task with a long log and one with a short one. */
  longLogTask: string;
  shortLogTask: string;
  environmentIds: string[];
  tenantIds: string[];
  policyIds: string[];
  userIds: string[];
  counts: Record<string, number>;
}

export async function generateInstance(sink: ScaleSink, size: ScaleSize, now: number, log: (line: string) => void): Promise<GeneratedInstance> {
  const { random, pick } = seededRandom();
  const date = sink.date;
  const start = now - size.days * DAY_MS;
  const counts: Record<string, number> = {};
  const count = (writers: Record<string, RowWriter>) => {
    for (const [table, writer] of Object.entries(writers)) counts[table] = writer.count;
  };

  // Reference data: small tables.
  const environmentIds = Array.from({ length: size.environments }, (_, i) => `Environments-${i + 1}`);
  const tenantIds = Array.from({ length: size.tenants }, (_, i) => `Tenants-${i + 1}`);
  const groupCount = Math.max(1, Math.ceil(size.projects / 20));
  interface ProjectFacts { id: string; slug: string; tenants: string[]; runbook: string; snapshot: string; releases: number; latestRelease: string | null }
  const projects: ProjectFacts[] = [];
  const policyIds = Array.from({ length: size.policies }, (_, i) => `Policies-${i + 1}`);
  await sink.load((open) => {
    open("Space", ["id", "name", "slug", "isDefault", "createdAt"]).add(SPACE, "Default", "default", 1, date(start));
    const users = open("User", ["id", "username", "displayName", "createdAt"]);
    for (const u of USERS) users.add(u.id, u.username, `User ${u.username}`, date(start));
    const environments = open("Environment", ["id", "spaceId", "name", "slug", "sortOrder"]);
    environmentIds.forEach((id, i) => environments.add(id, SPACE, `Environment ${i + 1}`, `environment-${i + 1}`, i));
    const tenants = open("Tenant", ["id", "spaceId", "name", "slug", "createdAt"]);
    tenantIds.forEach((id, i) => tenants.add(id, SPACE, `Tenant ${i + 1}`, `tenant-${i + 1}`, date(start)));
    const groups = open("ProjectGroup", ["id", "spaceId", "name", "slug"]);
    for (let g = 1; g <= groupCount; g++) groups.add(`ProjectGroups-${g}`, SPACE, `Group ${g}`, `group-${g}`);

    const projectRows = open("Project", ["id", "spaceId", "projectGroupId", "name", "slug", "tenantedMode", "createdAt"]);
    const connections = open("TenantProject", ["tenantId", "projectId"]);
    const connectedEnvironments = open("TenantProjectEnvironment", ["tenantId", "projectId", "environmentId"]);
    const runbooks = open("Runbook", ["id", "projectId", "name", "slug", "publishedSnapshotId", "createdAt"]);
    const snapshots = open("RunbookSnapshot", ["id", "runbookId", "name", "processSnapshot", "processRevision", "createdAt"]);
    for (let p = 1; p <= size.projects; p++) {
      const id = `Projects-${p}`;
      const tenanted = p % Math.round(1 / size.tenantedShare) === 1;
      const mine = tenanted ? Array.from({ length: size.tenantsPerProject }, (_, i) => tenantIds[(p + i * 7) % tenantIds.length]) : [];
      const unique = [...new Set(mine)];
      projectRows.add(id, SPACE, `ProjectGroups-${((p - 1) % groupCount) + 1}`, `Project ${String(p).padStart(4, "0")}`, `project-${p}`, tenanted ? "Tenanted" : "Untenanted", date(start));
      for (const tenant of unique) {
        connections.add(tenant, id);
        for (const environment of environmentIds) connectedEnvironments.add(tenant, id, environment);
      }
      runbooks.add(`Runbooks-${p}`, id, "Rotate secrets", "rotate-secrets", `RunbookSnapshots-${p}`, date(start));
      snapshots.add(`RunbookSnapshots-${p}`, `Runbooks-${p}`, "Snapshot 1", SNAPSHOT, 1, date(start));
      projects.push({ id, slug: `project-${p}`, tenants: unique, runbook: `Runbooks-${p}`, snapshot: `RunbookSnapshots-${p}`, releases: 0, latestRelease: null });
    }

    const policies = open("Policy", ["id", "slug", "name", "createdAt"]);
    const versions = open("PolicyVersion", ["id", "policyId", "version", "major", "minor", "patch", "name", "violationAction", "ocl", "commitId", "publishedAt", "isActive"]);
    policyIds.forEach((id, i) => {
      const slug = `scale_policy_${i + 1}`;
      policies.add(id, slug, `Scale policy ${i + 1}`, date(start));
      versions.add(`PolicyVersions-${i + 1}`, id, "1.0.0", 1, 0, 0, `Scale policy ${i + 1}`, i % 3 === 0 ? "warn" : "block",
        `name = "Scale policy ${i + 1}"\n`, "0".repeat(40), date(start), 1);
    });
  });

  // Executions, oldest first, each with its task, log lines and evaluations.
  const longLogEvery = Math.max(1, Math.floor(size.executions / Math.max(1, size.longLogTasks)));
  let longLogTask = "";
  let shortLogTask = "";
  let deploymentCount = 0;
  let runCount = 0;
  let evaluationCount = 0;
  let releaseCount = 0;
  const taskTargets: { project: string; environment: string; tenant: string | null }[] = [];
  const started = performance.now();
  await sink.load((open) => {
    const tasks = open("ServerTask", ["id", "spaceId", "kind", "description", "state", "projectId", "environmentId", "tenantId", "createdById", "queuedAt", "startedAt", "completedAt", "hasWarnings"]);
    const deployments = open("Deployment", ["id", "spaceId", "projectId", "releaseId", "environmentId", "tenantId", "taskId", "name", "createdById", "createdAt"]);
    const runs = open("RunbookRun", ["id", "spaceId", "projectId", "runbookId", "snapshotId", "environmentId", "tenantId", "taskId", "name", "createdById", "createdAt"]);
    const releases = open("Release", ["id", "spaceId", "projectId", "version", "processSnapshot", "processRevision", "createdById", "createdAt"]);
    const evaluations = open("PolicyEvaluation", ["id", "policyId", "policyVersionId", "taskId", "deploymentId", "runbookRunId", "spaceId", "projectId", "environmentId", "tenantId", "outcome", "reason", "scopeValue", "rawResult", "durationMs", "evaluatedAt"]);
    const lines = open("TaskLogEntry", ["taskId", "seq", "level", "section", "message", "occurredAt"]);
    for (let n = 1; n <= size.executions; n++) {
      const at = Math.floor(start + (n / size.executions) * (now - start - 60_000));
      const project = pick(projects);
      const environment = pick(environmentIds);
      const tenant = project.tenants.length ? pick(project.tenants) : null;
      const user = pick(USERS).id;
      const taskId = `ServerTasks-${n}`;
      const isRun = random() < size.runbookRunShare;
      // The newest few are still waiting, as on a live instance.
      const pending = n > size.executions - 3;
      const outcomes = pending ? [] : Array.from({ length: size.evaluationsPerExecution }, () => pick(OUTCOMES));
      const blocked = outcomes.includes("block");
      const warned = outcomes.includes("warn");
      const state = pending ? "Queued" : blocked || random() < 0.03 ? "Failed" : warned ? "SuccessWithWarnings" : "Success";
      const completedAt = pending ? null : date(at + 45_000);
      let executionId: string;
      if (isRun) {
        executionId = `RunbookRuns-${++runCount}`;
        runs.add(executionId, SPACE, project.id, project.runbook, project.snapshot, environment, tenant, taskId, `Run ${runCount}`, user, date(at));
      } else {
        if (!project.latestRelease || random() < 0.05) {
          project.releases += 1;
          project.latestRelease = `Releases-${++releaseCount}`;
          releases.add(project.latestRelease, SPACE, project.id, `1.0.${project.releases}`, SNAPSHOT, 1, user, date(at - 1000));
        }
        executionId = `Deployments-${++deploymentCount}`;
        deployments.add(executionId, SPACE, project.id, project.latestRelease, environment, tenant, taskId, `Deploy ${deploymentCount}`, user, date(at));
      }
      tasks.add(taskId, SPACE, isRun ? "RunbookRun" : "Deploy", `${isRun ? "Run" : "Deploy"} ${project.slug} to ${environment}`, state, project.id, environment, tenant, user,
        date(at), pending ? null : date(at + 1000), completedAt, warned ? 1 : 0);
      taskTargets.push({ project: project.id, environment, tenant });
      const policyOffset = Math.floor(random() * policyIds.length);
      outcomes.forEach((outcome, k) => {
        const index = (policyOffset + k * 7) % policyIds.length;
        evaluations.add(`PolicyEvaluations-${++evaluationCount}`, policyIds[index], `PolicyVersions-${index + 1}`, taskId,
          isRun ? null : executionId, isRun ? executionId : null, SPACE, project.id, environment, tenant, outcome,
          outcome === "pass" ? null : "Add a Manual Intervention step", "true", outcome === "pass" ? '{"allowed":true}' : '{"allowed":false}', 0.3, date(at + 500));
      });
      const lineCount = n % longLogEvery === 0 && !pending ? size.longLogLines : 3;
      if (lineCount > 3 && !longLogTask) longLogTask = taskId;
      if (lineCount === 3 && !pending) shortLogTask = taskId;
      for (let seq = 1; seq <= lineCount; seq++) {
        lines.add(taskId, seq, seq % 10 === 0 ? "Verbose" : "Info", seq === 1 ? "Policy checks" : "Step 1: Run a script", `Line ${seq} of ${taskId}`, date(at + 1000 + seq));
      }
    }
    count({ ServerTask: tasks, Deployment: deployments, RunbookRun: runs, Release: releases, PolicyEvaluation: evaluations, TaskLogEntry: lines });
  });
  log(`  executions ${size.executions} with tasks, releases, evaluations and logs in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The audit log, a chain in time order.
  const groupNames = Object.values(AuditEventGroups).filter((g) => g !== AuditEventGroups.policyEvaluated);
  const auditStarted = performance.now();
  await sink.load((open) => {
    const audit = open("AuditEvent", ["id", "seq", "occurredAt", "eventGroup", "category", "message", "userId", "username", "spaceId", "projectId", "environmentId", "tenantId", "taskId", "policyId", "policyVersionId", "outcome", "details", "hash", "previousHash"]);
    let previousHash = GENESIS_HASH;
    for (let seq = 1; seq <= size.auditRecords; seq++) {
      // Whole seconds, so records of the same moment happen and paging must break ties.
      const occurredAt = new Date(Math.floor((start + (seq / size.auditRecords) * (now - start - 60_000)) / 1000) * 1000);
      const taskNumber = Math.max(1, Math.min(size.executions, Math.ceil((seq / size.auditRecords) * size.executions)));
      const target = taskTargets[taskNumber - 1];
      const evaluated = random() < 0.4;
      const user = pick(USERS);
      const policyIndex = Math.floor(random() * policyIds.length);
      const record = {
        id: `Events-${seq}`, seq, occurredAt,
        eventGroup: evaluated ? AuditEventGroups.policyEvaluated : pick(groupNames), category: evaluated ? "PolicyEvaluated" : "Other",
        message: `Record ${seq}`, userId: user.id, username: user.username, spaceId: SPACE,
        projectId: target.project, environmentId: target.environment, tenantId: target.tenant, taskId: `ServerTasks-${taskNumber}`,
        policyId: evaluated ? policyIds[policyIndex] : null, policyVersionId: evaluated ? `PolicyVersions-${policyIndex + 1}` : null,
        outcome: evaluated ? pick(OUTCOMES) : null, details: evaluated ? '{"reason":"Add a Manual Intervention step"}' : "{}",
      };
      const hash = chainHash(previousHash, record);
      audit.add(record.id, seq, date(occurredAt.getTime()), record.eventGroup, record.category, record.message, record.userId, record.username,
        record.spaceId, record.projectId, record.environmentId, record.tenantId, record.taskId, record.policyId, record.policyVersionId,
        record.outcome, record.details, hash, previousHash);
      previousHash = hash;
    }
    // As on an instance whose audit page was viewed before: verified up to the head.
    open("AuditChainCheckpoint", ["id", "seq", "recordId", "hash", "verifiedAt"]).add(1, size.auditRecords, `Events-${size.auditRecords}`, previousHash, date(now));
    count({ AuditEvent: audit });
  });
  log(`  AuditEvent ${String(counts.AuditEvent).padStart(10)} rows in ${((performance.now() - auditStarted) / 1000).toFixed(1)} s`);

  const next: Partial<Record<IdPrefix, number>> = {
    Users: USERS.length, Spaces: 1, ProjectGroups: groupCount, Projects: size.projects, Environments: size.environments, Tenants: size.tenants,
    Runbooks: size.projects, RunbookSnapshots: size.projects, Releases: releaseCount, Deployments: deploymentCount, RunbookRuns: runCount,
    ServerTasks: size.executions, Policies: size.policies, PolicyVersions: size.policies, PolicyEvaluations: evaluationCount, Events: size.auditRecords,
  };
  await sink.load((open) => {
    const counter = open("Counter", ["prefix", "next"]);
    for (const [prefix, last] of Object.entries(next)) counter.add(prefix, last + 1);
  });
  await sink.close();

  const tenanted = projects.find((p) => p.tenants.length) ?? projects[0];
  const untenanted = projects.find((p) => !p.tenants.length) ?? projects[0];
  return {
    tenantedProject: { id: tenanted.id, slug: tenanted.slug }, untenantedProject: { id: untenanted.id, slug: untenanted.slug },
    longLogTask, shortLogTask, environmentIds, tenantIds, policyIds, userIds: USERS.map((u) => u.id), counts,
  };
}
