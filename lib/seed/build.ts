import type { Prisma } from "@/lib/db/generated/client";
import { AUDIT_EVENT_GROUPS, type ProcessKind, type TaskKind, type TaskState, type TenantedMode } from "@/lib/db/enums";
import type { ProcessSnapshot, SnapshotStep } from "@/lib/db/json";
import {
  FAILURE_MESSAGES,
  FEATURE_BRANCHES,
  PACKAGE_FEEDS,
  PLATFORM_HUB_FEEDS,
  PROCESS_TEMPLATES,
  PROJECT_TEMPLATES,
  SPACES,
  USERS,
  type ProjectDef,
  type SpaceDef,
  type StepDef,
} from "./catalog";
import { BUILT_IN_FEED_ID } from "@/lib/executions/input/feeds";
import { SeedIds, seedGuid } from "./ids";
import { Random } from "./random";
import { storyLog } from "./task-log";

/** Every row of the demo instance, in an order that satisfies foreign keys. */
export interface SeedData {
  users: Prisma.UserCreateManyInput[];
  spaces: Prisma.SpaceCreateManyInput[];
  projectGroups: Prisma.ProjectGroupCreateManyInput[];
  environments: Prisma.EnvironmentCreateManyInput[];
  tenants: Prisma.TenantCreateManyInput[];
  projects: Prisma.ProjectCreateManyInput[];
  tenantProjects: Prisma.TenantProjectCreateManyInput[];
  tenantProjectEnvironments: Prisma.TenantProjectEnvironmentCreateManyInput[];
  stepTemplates: Prisma.StepTemplateCreateManyInput[];
  stepTemplateVersions: Prisma.StepTemplateVersionCreateManyInput[];
  processTemplates: Prisma.ProcessTemplateCreateManyInput[];
  processTemplateVersions: Prisma.ProcessTemplateVersionCreateManyInput[];
  projectTemplates: Prisma.ProjectTemplateCreateManyInput[];
  feeds: Prisma.FeedCreateManyInput[];
  runbooks: Prisma.RunbookCreateManyInput[];
  processes: Prisma.ProcessCreateManyInput[];
  steps: Prisma.StepCreateManyInput[];
  stepPackages: Prisma.StepPackageCreateManyInput[];
  runbookSnapshots: Prisma.RunbookSnapshotCreateManyInput[];
  publishedSnapshots: { runbookId: string; snapshotId: string }[];
  buildInformation: Prisma.BuildInformationCreateManyInput[];
  releases: Prisma.ReleaseCreateManyInput[];
  releasePackages: Prisma.ReleasePackageCreateManyInput[];
  serverTasks: Prisma.ServerTaskCreateManyInput[];
  taskLogEntries: Prisma.TaskLogEntryCreateManyInput[];
  deployments: Prisma.DeploymentCreateManyInput[];
  runbookRuns: Prisma.RunbookRunCreateManyInput[];
  auditEvents: Prisma.AuditEventCreateManyInput[];
  /** Highest id per prefix, so real counters can be moved past them. */
  highestIds: ReturnType<SeedIds["highest"]>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HISTORY_DAYS = 90;
const SEED = 20_261_128;

interface SpaceIds {
  id: string;
  environments: Map<string, { id: string; name: string }>;
  groups: Map<string, string>;
  tenants: Map<string, { id: string; name: string; def: SpaceDef["tenants"][number] }>;
  stepTemplates: Map<string, string>;
  /** Feed ids by slug: the space's own feeds, then Platform Hub's. */
  feeds: Map<string, string>;
}

interface PlannedExecution {
  kind: TaskKind;
  queuedAt: Date;
  spaceId: string;
  project: { id: string; name: string };
  environment: { id: string; name: string };
  tenant?: { id: string; name: string };
  userIndex: number;
  steps: ProcessSnapshot;
  skippedStepIds: string[];
  packageVersions: Map<string, string>;
  release?: { id: string; version: string };
  runbook?: { id: string; name: string; snapshotId: string };
}

interface PlannedEvent {
  occurredAt: Date;
  row: Omit<Prisma.AuditEventCreateManyInput, "id" | "occurredAt">;
}

export function buildSeedData(now: Date = new Date()): SeedData {
  const random = new Random(SEED);
  const ids = new SeedIds();
  const start = now.getTime() - HISTORY_DAYS * DAY;
  const data: SeedData = {
    users: [], spaces: [], projectGroups: [], environments: [], tenants: [], projects: [],
    tenantProjects: [], tenantProjectEnvironments: [], stepTemplates: [], stepTemplateVersions: [],
    processTemplates: [], processTemplateVersions: [], projectTemplates: [], feeds: [], runbooks: [], processes: [], steps: [],
    stepPackages: [], runbookSnapshots: [], publishedSnapshots: [], buildInformation: [], releases: [],
    releasePackages: [], serverTasks: [], taskLogEntries: [], deployments: [], runbookRuns: [],
    auditEvents: [], highestIds: [],
  };
  const executions: PlannedExecution[] = [];
  const events: PlannedEvent[] = [];
  const builds = new Map<string, Prisma.BuildInformationCreateManyInput>();
  const humans = USERS.flatMap((u, i) => (u.isService ? [] : [i]));

  const users = USERS.map((u) => ({ ...u, id: ids.next("Users") }));
  data.users = users.map((u) => ({ ...u, createdAt: new Date(start - 30 * DAY) }));
  const ciBot = users.find((u) => u.isService)!;
  const admin = users[0];

  for (const template of PROCESS_TEMPLATES) {
    const id = ids.next("ProcessTemplates");
    data.processTemplates.push({ id, slug: template.slug, name: template.name, description: template.description });
    template.versions.forEach((version, i) => {
      const [major, minor, patch] = version.split(".").map(Number);
      data.processTemplateVersions.push({
        processTemplateId: id, version, major, minor, patch,
        steps: "[]", publishedAt: new Date(start - (template.versions.length - i) * 20 * DAY),
      });
    });
  }

  const projectTemplates = new Map<string, string>();
  for (const template of PROJECT_TEMPLATES) {
    const id = ids.next("ProjectTemplates");
    projectTemplates.set(template.slug, id);
    data.projectTemplates.push({ id, slug: template.slug, name: template.name, description: template.description, versions: JSON.stringify(template.versions) });
  }

  const platformHubFeeds = new Map<string, string>();
  for (const feed of PLATFORM_HUB_FEEDS) {
    const id = ids.next("Feeds");
    platformHubFeeds.set(feed.slug, id);
    data.feeds.push({ id, spaceId: null, ...feed });
  }

  for (const spaceDef of SPACES) {
    const space: SpaceIds = {
      id: ids.next("Spaces"), environments: new Map(), groups: new Map(), tenants: new Map(), stepTemplates: new Map(), feeds: new Map(platformHubFeeds),
    };
    data.spaces.push({ id: space.id, name: spaceDef.name, slug: spaceDef.slug, description: spaceDef.description, isDefault: spaceDef.isDefault });
    for (const feed of spaceDef.feeds) {
      const id = ids.next("Feeds");
      space.feeds.set(feed.slug, id);
      data.feeds.push({ id, spaceId: space.id, ...feed });
    }
    spaceDef.environments.forEach((env, sortOrder) => {
      const id = ids.next("Environments");
      space.environments.set(env.slug, { id, name: env.name });
      data.environments.push({
        id, spaceId: space.id, name: env.name, slug: env.slug, tags: JSON.stringify(env.tags), sortOrder, isChangeControlled: env.changeControlled ?? false,
      });
    });
    for (const group of spaceDef.projectGroups) {
      const id = ids.next("ProjectGroups");
      space.groups.set(group.slug, id);
      data.projectGroups.push({ id, spaceId: space.id, ...group });
    }
    for (const tenant of spaceDef.tenants) {
      const id = ids.next("Tenants");
      space.tenants.set(tenant.slug, { id, name: tenant.name, def: tenant });
      data.tenants.push({ id, spaceId: space.id, name: tenant.name, slug: tenant.slug, tags: JSON.stringify(tenant.tags) });
    }
    for (const template of spaceDef.stepTemplates) {
      const id = ids.next("ActionTemplates");
      space.stepTemplates.set(template.slug, id);
      const { versions, ...fields } = template;
      data.stepTemplates.push({ id, spaceId: space.id, ...fields });
      for (let v = 1; v <= versions; v++) {
        data.stepTemplateVersions.push({
          stepTemplateId: id, version: String(v), properties: JSON.stringify({ changelog: `Version ${v}` }),
          createdAt: new Date(start - (versions - v + 1) * 15 * DAY),
        });
      }
    }
    for (const projectDef of spaceDef.projects) addProject(projectDef, spaceDef, space);
  }

  function addProject(def: ProjectDef, spaceDef: SpaceDef, space: SpaceIds): void {
    const projectId = ids.next("Projects");
    const project = { id: projectId, name: def.name };
    data.projects.push({
      id: projectId, spaceId: space.id, projectGroupId: space.groups.get(def.group)!, name: def.name, slug: def.slug,
      description: def.description, tags: JSON.stringify(def.tags), tenantedMode: (def.tenanted ? "Tenanted" : "Untenanted") satisfies TenantedMode,
      createdAt: new Date(start - 10 * DAY), requiresChangeApproval: def.requiresChangeApproval ?? false,
      projectTemplateId: def.template ? projectTemplates.get(def.template.slug)! : null, projectTemplateVersion: def.template?.version ?? null,
    });
    events.push(auditCreated(new Date(start - 10 * DAY), space.id, projectId, `Project ${def.name} was created`));

    const connections: { tenant: { id: string; name: string }; environments: string[] }[] = [];
    for (const tenant of space.tenants.values()) {
      const envs = tenant.def.connections[def.slug];
      if (!envs) continue;
      connections.push({ tenant, environments: envs });
      data.tenantProjects.push({ tenantId: tenant.id, projectId });
      for (const env of envs) {
        data.tenantProjectEnvironments.push({ tenantId: tenant.id, projectId, environmentId: space.environments.get(env)!.id });
      }
    }

    const stepIds = stepIdsOf(projectId);
    const live = def.revisions[def.revisions.length - 1];
    const processId = `deploymentprocess-${projectId}`;
    data.processes.push({ id: processId, kind: "Deployment" satisfies ProcessKind, projectId, revision: def.revisions.length });
    addSteps(processId, live, stepIds, space);
    const snapshots = def.revisions.map((revision) => snapshotOf(revision, stepIds, space));

    for (const runbookDef of def.runbooks) {
      const runbookId = ids.next("Runbooks");
      data.runbooks.push({ id: runbookId, projectId, name: runbookDef.name, slug: runbookDef.slug, description: runbookDef.description, createdAt: new Date(start - 5 * DAY) });
      const runbookProcessId = `RunbookProcess-${runbookId}`;
      const runbookStepIds = stepIdsOf(runbookId);
      data.processes.push({ id: runbookProcessId, kind: "Runbook" satisfies ProcessKind, projectId, runbookId, revision: 1 });
      addSteps(runbookProcessId, runbookDef.steps, runbookStepIds, space);
      const runbookSteps = snapshotOf(runbookDef.steps, runbookStepIds, space);
      const snapshotTimes = [start - 2 * DAY, start + 40 * DAY, start + 75 * DAY];
      const snapshotIds = snapshotTimes.map((time) => {
        const id = ids.next("RunbookSnapshots");
        data.runbookSnapshots.push({
          id, runbookId, name: `Snapshot ${random.code(5)}`, processSnapshot: JSON.stringify(runbookSteps), processRevision: 1,
          gitRef: def.versionControlled ? "refs/heads/main" : null, createdAt: new Date(time),
        });
        return id;
      });
      data.publishedSnapshots.push({ runbookId, snapshotId: snapshotIds[snapshotIds.length - 1] });

      for (let i = 0; i < runbookDef.runCount; i++) {
        const queuedAt = new Date(start + ((i + random.next()) / runbookDef.runCount) * (now.getTime() - start - HOUR));
        const snapshotIndex = snapshotTimes.filter((t) => t <= queuedAt.getTime()).length - 1;
        const envSlug = random.pick(runbookDef.environments);
        const tenants = connections.filter((c) => c.environments.includes(envSlug));
        if (def.tenanted && tenants.length === 0) continue;
        executions.push({
          kind: "RunbookRun", queuedAt, spaceId: space.id, project, environment: space.environments.get(envSlug)!,
          tenant: def.tenanted ? random.pick(tenants).tenant : undefined, userIndex: random.pick(humans),
          steps: runbookSteps, skippedStepIds: [], packageVersions: new Map(),
          runbook: { id: runbookId, name: runbookDef.name, snapshotId: snapshotIds[snapshotIndex] },
        });
      }
    }

    // Releases spread over the history; each follows the lifecycle as far as it gets.
    const targets = def.tenanted
      ? connections.map((c) => ({ tenant: c.tenant, environments: spaceDef.environments.map((e) => e.slug).filter((e) => c.environments.includes(e)) }))
      : [{ tenant: undefined, environments: def.environments }];
    for (let i = 0; i < def.releaseCount; i++) {
      const createdAt = new Date(start + ((i + random.next() * 0.5) / def.releaseCount) * (now.getTime() - start));
      const version = `${1 + Math.floor(i / 12)}.${Math.floor((i % 12) / 3)}.${i % 3}`;
      const revision = Math.floor((i * def.revisions.length) / def.releaseCount);
      const steps = snapshots[revision];
      const releaseId = ids.next("Releases");
      const gitRef = def.versionControlled ? (random.chance(0.85) ? "refs/heads/main" : random.pick(FEATURE_BRANCHES)) : null;
      data.releases.push({
        id: releaseId, spaceId: space.id, projectId, version, gitRef, gitCommit: gitRef ? random.hex(40) : null,
        processSnapshot: JSON.stringify(steps), processRevision: revision + 1, createdById: ciBot.id, createdAt,
        notes: `Release ${version} of ${def.name}`,
      });
      events.push({ occurredAt: createdAt, row: { eventGroup: AUDIT_EVENT_GROUPS.releaseCreated, category: "Created", message: `Release ${version} of ${def.name} was created`, userId: ciBot.id, username: ciBot.username, spaceId: space.id, projectId, details: JSON.stringify({ releaseId, version }) } });

      const packageVersions = new Map<string, string>();
      for (const step of steps.flatMap((s) => [s, ...s.children])) {
        for (const pkg of step.packages) {
          packageVersions.set(pkg.packageId, version);
          const build = buildInformation(pkg.packageId, version, createdAt);
          data.releasePackages.push({ releaseId, stepId: step.id, name: pkg.name, packageId: pkg.packageId, version, gitRef: build.gitRef, gitCommit: build.gitCommit });
        }
      }

      for (const target of targets) {
        let at = createdAt.getTime() + random.int(5, 30) * MINUTE;
        for (const [k, envSlug] of target.environments.entries()) {
          if (k > 0) at += random.int(12, 48) * HOUR;
          if (at > now.getTime() - HOUR || (k > 0 && !random.chance(0.75))) break;
          const skippable = steps.filter((s) => !s.isRequired && s.enabled);
          const skip = skippable.length > 0 && random.chance(0.12) ? [random.pick(skippable).id] : [];
          executions.push({
            kind: "Deploy", queuedAt: new Date(at), spaceId: space.id, project, environment: space.environments.get(envSlug)!,
            tenant: target.tenant, userIndex: random.pick(humans), steps, skippedStepIds: skip, packageVersions,
            release: { id: releaseId, version },
          });
          if (random.chance(0.08)) break; // the release was found wanting here
        }
      }
    }
  }

  function buildInformation(packageId: string, version: string, builtBefore: Date) {
    const key = `${packageId}@${version}`;
    const known = builds.get(key);
    if (known) return known;
    const gitRef = random.chance(0.8) ? "refs/heads/main" : random.pick(FEATURE_BRANCHES);
    const row = {
      id: ids.next("BuildInformation"), packageId, version, gitRef, gitCommit: random.hex(40),
      buildUrl: `https://ci.example.com/builds/${packageId}/${version}`, createdAt: new Date(builtBefore.getTime() - 20 * MINUTE),
    };
    data.buildInformation.push(row);
    builds.set(key, row);
    return row;
  }

  function addSteps(processId: string, defs: StepDef[], stepIds: StepIds, space: SpaceIds): void {
    const add = (def: StepDef, sortOrder: number, parentStepId: string | null) => {
      const id = stepIds(def.slug);
      const source = sourceOf(def, space);
      data.steps.push({
        id, processId, parentStepId, sortOrder, slug: def.slug, name: def.name, actionType: def.actionType,
        enabled: def.enabled ?? true, isRequired: def.isRequired ?? false,
        startTrigger: def.startWithPrevious ? "StartWithPrevious" : "StartAfterPrevious",
        sourceType: source.type, sourceSlugOrId: source.slugOrId, sourceVersion: source.version ?? null,
        runCondition: def.runCondition ?? null,
      });
      packagesOf(def, space).forEach((pkg) => data.stepPackages.push({ stepId: id, ...pkg }));
      def.children?.forEach((child, i) => add(child, i, id));
    };
    defs.forEach((def, i) => add(def, i, null));
  }

  /** Older revisions may name steps the live process no longer has; they get ids all the same. */
  function snapshotOf(defs: StepDef[], stepIds: StepIds, space: SpaceIds): ProcessSnapshot {
    const toStep = (def: StepDef): Omit<SnapshotStep, "children"> => ({
      id: stepIds(def.slug), slug: def.slug, name: def.name, actionType: def.actionType,
      enabled: def.enabled ?? true, isRequired: def.isRequired ?? false,
      startTrigger: def.startWithPrevious ? "StartWithPrevious" : "StartAfterPrevious",
      source: sourceOf(def, space), packages: packagesOf(def, space),
      ...(def.runCondition ? { runCondition: def.runCondition } : {}),
    });
    return defs.map((def) => ({ ...toStep(def), children: (def.children ?? []).map(toStep) }));
  }

  for (const plan of executions.sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime())) {
    addExecution(plan);
  }

  function addExecution(plan: PlannedExecution): void {
    const taskId = ids.next("ServerTasks");
    const user = users[plan.userIndex];
    const roll = random.next();
    const state: TaskState = roll < 0.07 ? "Failed" : roll < 0.09 ? "Canceled" : roll < 0.17 ? "SuccessWithWarnings" : "Success";
    const startedAt = new Date(plan.queuedAt.getTime() + random.int(2, 40) * 1000);
    const completedAt = new Date(startedAt.getTime() + random.int(30, 600) * 1000);
    const failure = random.pick(FAILURE_MESSAGES);
    const forTenant = plan.tenant ? ` for ${plan.tenant.name}` : "";
    const headline = plan.release
      ? `Deploy ${plan.project.name} release ${plan.release.version} to ${plan.environment.name}${forTenant}`
      : `Run ${plan.runbook!.name} in ${plan.environment.name}${forTenant}`;

    data.serverTasks.push({
      id: taskId, spaceId: plan.spaceId, kind: plan.kind, description: headline, state,
      projectId: plan.project.id, environmentId: plan.environment.id, tenantId: plan.tenant?.id ?? null,
      createdById: user.id, queuedAt: plan.queuedAt, startedAt, completedAt,
      errorMessage: state === "Failed" ? failure : state === "Canceled" ? "The task was canceled" : null,
      hasWarnings: state === "SuccessWithWarnings",
    });
    storyLog({
      headline, steps: plan.steps, skippedStepIds: plan.skippedStepIds, packageVersion: (id) => plan.packageVersions.get(id),
      startedBy: user.displayName, state, troubleAt: random.int(0, plan.steps.length - 1), failure, startedAt, completedAt,
    }).forEach((line, i) => data.taskLogEntries.push({ taskId, seq: i + 1, ...line }));

    const common = {
      spaceId: plan.spaceId, projectId: plan.project.id, environmentId: plan.environment.id, tenantId: plan.tenant?.id ?? null,
      taskId, skippedStepIds: JSON.stringify(plan.skippedStepIds), createdById: user.id, createdAt: plan.queuedAt, name: headline,
    };
    let executionId: string;
    if (plan.release) {
      executionId = ids.next("Deployments");
      data.deployments.push({ id: executionId, releaseId: plan.release.id, ...common });
    } else {
      executionId = ids.next("RunbookRuns");
      data.runbookRuns.push({ id: executionId, runbookId: plan.runbook!.id, snapshotId: plan.runbook!.snapshotId, ...common });
    }

    const noun = plan.release ? "Deployment" : "Runbook run";
    const groups = plan.release
      ? [AUDIT_EVENT_GROUPS.deploymentQueued, AUDIT_EVENT_GROUPS.deploymentSucceeded, AUDIT_EVENT_GROUPS.deploymentFailed]
      : [AUDIT_EVENT_GROUPS.runbookRunQueued, AUDIT_EVENT_GROUPS.runbookRunSucceeded, AUDIT_EVENT_GROUPS.runbookRunFailed];
    const succeeded = state === "Success" || state === "SuccessWithWarnings";
    const about = {
      userId: user.id, username: user.username, spaceId: plan.spaceId, projectId: plan.project.id,
      environmentId: plan.environment.id, tenantId: plan.tenant?.id ?? null, taskId,
    };
    const details = JSON.stringify({ executionId, ...(plan.release ? { releaseVersion: plan.release.version } : {}) });
    events.push({ occurredAt: plan.queuedAt, row: { ...about, eventGroup: groups[0], category: `${plan.kind}Queued`, message: `${headline} was queued`, details } });
    events.push({
      occurredAt: completedAt,
      row: {
        ...about, eventGroup: succeeded ? groups[1] : groups[2], category: `${plan.kind}${state}`, details,
        message: `${noun} ${succeeded ? "succeeded" : state === "Canceled" ? "was canceled" : "failed"}: ${headline}`,
      },
    });
  }

  function auditCreated(occurredAt: Date, spaceId: string, projectId: string, message: string): PlannedEvent {
    return { occurredAt, row: { eventGroup: AUDIT_EVENT_GROUPS.documentCreated, category: "Created", message, userId: admin.id, username: admin.username, spaceId, projectId } };
  }

  data.auditEvents = events
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    .map((e) => ({ id: ids.next("Events"), occurredAt: e.occurredAt, ...e.row }));
  data.highestIds = ids.highest();
  return data;
}

function sourceOf(def: StepDef, space: SpaceIds): SnapshotStep["source"] {
  if (!def.template) return { type: "Step", slugOrId: def.slug };
  const slugOrId = def.template.kind === "Step Template" ? space.stepTemplates.get(def.template.slug)! : def.template.slug;
  return { type: def.template.kind, slugOrId, version: def.template.version };
}

function packagesOf(def: StepDef, space: SpaceIds): SnapshotStep["packages"] {
  // The first package is the step's primary package, which Octopus names "".
  return (def.packages ?? []).map((packageId, i) => ({ name: i === 0 ? "" : packageId, packageId, feedId: feedOf(packageId, space) }));
}

function feedOf(packageId: string, space: SpaceIds): string {
  const slug = PACKAGE_FEEDS[packageId];
  if (!slug) return BUILT_IN_FEED_ID;
  const id = space.feeds.get(slug);
  if (!id) throw new Error(`Package ${packageId} is taken from feed ${slug}, which its space cannot see`);
  return id;
}

/** A step's GUID by its slug within one project's or runbook's processes (the same across revisions). */
type StepIds = (slug: string) => string;

function stepIdsOf(owner: string): StepIds {
  return (slug) => seedGuid(`steps/${owner}/${slug}`);
}
