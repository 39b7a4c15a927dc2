import type { PackageFeed, PolicyInput, PolicyInputPackage, PolicyInputStep } from "@/lib/policy-input/schema";
import type { SnapshotStep } from "@/lib/db/json";
import type { ExecutionContext, ExecutionPackage } from "../load-execution";
import type { FeedInfo } from "./feeds";

type Step = Omit<SnapshotStep, "children">;

/**
 * The policy input (docs/policies.md, "The input") for an execution. Conditional fields are left out rather
 * than set to null, because policies test them with `not input.Runbook`.
 */
export function buildPolicyInput(ctx: ExecutionContext): PolicyInput {
  const packagesOf = (step: Step) => (ctx.release ? ctx.release.packages.filter((p) => p.stepId === step.id) : []);
  const steps = ctx.steps
    .flatMap(({ children, ...top }) => [top, ...children])
    .map((step) => toInputStep(step, packagesOf(step).map((p) => toInputPackage(step, p, ctx.feeds))));

  return {
    Environment: tagged(ctx.environment),
    Project: { ...tagged(ctx.project), ...(ctx.project.template ? { Template: { Slug: ctx.project.template.slug, Version: ctx.project.template.version } } : {}) },
    Space: named(ctx.space),
    ProjectGroup: named(ctx.projectGroup),
    ...(ctx.tenant ? { Tenant: tagged(ctx.tenant) } : {}),
    Steps: steps,
    SkippedSteps: [...ctx.skippedStepIds],
    Execution: ctx.steps.map((top, i) => ({
      // Nothing runs before the first step, so it cannot start with a previous one.
      StartTrigger: i === 0 ? "StartAfterPrevious" : top.startTrigger,
      Steps: [top.id, ...top.children.map((c) => c.id)],
    })),
    RequiresApproval: ctx.requiresApproval,
    ...(ctx.release
      ? {
          Release: {
            Id: ctx.release.id,
            Name: ctx.release.version,
            Version: ctx.release.version,
            ...(ctx.release.gitRef ? { GitRef: ctx.release.gitRef } : {}),
          },
        }
      : {}),
    ...(ctx.runbook
      ? {
          Runbook: {
            Id: ctx.runbook.id,
            Name: ctx.runbook.name,
            Snapshot: ctx.runbook.snapshotName,
            ...(ctx.runbook.gitRef ? { GitRef: ctx.runbook.gitRef } : {}),
          },
        }
      : {}),
  };
}

function named(x: { id: string; name: string; slug: string }) {
  return { Id: x.id, Name: x.name, Slug: x.slug };
}

function tagged(x: { id: string; name: string; slug: string; tags: string[] }) {
  return { ...named(x), Tags: [...x.tags] };
}

function toInputStep(step: Step, packages: PolicyInputPackage[]): PolicyInputStep {
  return {
    Id: step.id,
    Slug: step.slug,
    ActionType: step.actionType,
    Enabled: step.enabled,
    IsRequired: step.isRequired,
    IsConditional: step.runCondition !== undefined,
    Source: {
      Type: step.source.type,
      SlugOrId: step.source.slugOrId,
      ...(step.source.version ? { Version: step.source.version } : {}),
    },
    ...(packages.length ? { Packages: packages } : {}),
  };
}

/** The release's package version, with the feed the step's package reference names. */
function toInputPackage(step: Step, p: ExecutionPackage, feeds: Map<string, FeedInfo>): PolicyInputPackage {
  const feedId = step.packages.find((ref) => ref.name === p.name)?.feedId;
  const feed = feedId === undefined ? undefined : feeds.get(feedId);
  if (!feed) throw new Error(`Package ${p.packageId} of step ${step.slug} has no known feed (${feedId ?? "no package reference"})`);
  return {
    Id: p.packageId,
    Name: p.name,
    Version: p.version,
    ...(p.gitRef ? { GitRef: p.gitRef } : {}),
    Feed: toInputFeed(feed),
  };
}

function toInputFeed(feed: FeedInfo): PackageFeed {
  return { Id: feed.id, Name: feed.name, Slug: feed.slug, Type: feed.type, ...(feed.uri ? { Uri: feed.uri } : {}), Source: feed.source };
}
