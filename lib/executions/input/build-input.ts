import type { PolicyInput, PolicyInputStep } from "../../policy-input/schema";
import type { SnapshotStep } from "../../db/json";
import type { ExecutionContext, ExecutionPackage } from "../load-execution";

type Step = Omit<SnapshotStep, "children">;

/**
 * The policy input of spec section 4 for an execution. Conditional fields are left out rather
 * than set to null, because policies test them with `not input.Runbook`.
 */
export function buildPolicyInput(ctx: ExecutionContext): PolicyInput {
  const packagesOf = (step: Step) => (ctx.release ? ctx.release.packages.filter((p) => p.stepId === step.id) : []);
  const steps = ctx.steps.flatMap(({ children, ...top }) => [top, ...children]).map((step) => toInputStep(step, packagesOf(step)));

  return {
    Environment: tagged(ctx.environment),
    Project: tagged(ctx.project),
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

function toInputStep(step: Step, packages: ExecutionPackage[]): PolicyInputStep {
  return {
    Id: step.id,
    Slug: step.slug,
    ActionType: step.actionType,
    Enabled: step.enabled,
    IsRequired: step.isRequired,
    Source: {
      Type: step.source.type,
      SlugOrId: step.source.slugOrId,
      ...(step.source.version ? { Version: step.source.version } : {}),
    },
    ...(packages.length
      ? {
          Packages: packages.map((p) => ({
            Id: p.packageId,
            Name: p.name,
            Version: p.version,
            ...(p.gitRef ? { GitRef: p.gitRef } : {}),
          })),
        }
      : {}),
  };
}
