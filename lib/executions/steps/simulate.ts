import type { SnapshotStep } from "@/lib/db/json";
import type { ExecutionContext } from "../load-execution";
import type { TaskLog } from "../task-log";

type Step = Omit<SnapshotStep, "children">;

export interface SimulationOptions {
  /** Time each executed step takes, so running tasks can be watched; 0 in tests. */
  stepDelayMs: number;
  /** Asked between steps (the runner throttles it); true stops the run. */
  cancelRequested: () => Promise<boolean>;
}

export type SimulationOutcome = "completed" | "canceled";

/** The section a top-level step's lines go to. */
export const stepSection = (index: number, step: { name: string }) => `Step ${index + 1}: ${step.name}`;

/**
 * Stands in for real step execution: walks the process in order and writes the lines a real
 * run would write, honouring excluded and disabled steps.
 */
export async function simulateSteps(ctx: ExecutionContext, log: TaskLog, options: SimulationOptions): Promise<SimulationOutcome> {
  const skipped = new Set(ctx.skippedStepIds);
  for (const [index, top] of ctx.steps.entries()) {
    if (await options.cancelRequested()) return "canceled";
    log.enter(stepSection(index, top));
    if (index > 0 && top.startTrigger === "StartWithPrevious") log.verbose("Starts with the previous step");
    const ran = runStep(top, ctx, skipped, log);
    for (const child of top.children) {
      if (!ran) break;
      runStep(child, ctx, skipped, log);
    }
    if (ran && options.stepDelayMs > 0) await sleep(options.stepDelayMs);
    await log.checkpoint();
  }
  return "completed";
}

/** Writes one step's lines; false when the step did not run. */
function runStep(step: Step, ctx: ExecutionContext, skipped: Set<string>, log: TaskLog): boolean {
  if (skipped.has(step.id)) {
    log.info(`Skipped: "${step.name}" was excluded when the task was created`);
    return false;
  }
  if (!step.enabled) {
    log.info(`Skipped: "${step.name}" is disabled`);
    return false;
  }
  log.info(`Executing "${step.name}" (${step.actionType})`);
  if (step.source.type !== "Step") log.verbose(`From ${step.source.type} ${step.source.slugOrId}${step.source.version ? ` v${step.source.version}` : ""}`);
  for (const pkg of ctx.release?.packages.filter((p) => p.stepId === step.id) ?? []) {
    log.info(`Acquiring package ${pkg.packageId} v${pkg.version}${pkg.gitRef ? ` (built from ${pkg.gitRef})` : ""}`);
  }
  for (const line of actionLines(step, ctx)) log.info(line);
  log.info(`"${step.name}" completed`);
  return true;
}

function actionLines(step: Step, ctx: ExecutionContext): string[] {
  const where = `${ctx.environment.name}${ctx.tenant ? ` for ${ctx.tenant.name}` : ""}`;
  switch (step.actionType) {
    case "Octopus.Manual":
      return ["Waiting for manual intervention", `Approved by ${ctx.startedBy?.displayName ?? "the system"}`];
    case "Octopus.Script":
      return ["Running script on the deployment targets", "Script exited with code 0"];
    case "Octopus.KubernetesDeployContainers":
      return [`Applying the deployment to the ${ctx.environment.slug} cluster`, "Rollout complete: all replicas are available"];
    case "Octopus.TentaclePackage":
      return [`Extracting packages on the targets in ${where}`, "Package deployed"];
    case "Octopus.Email":
      return [`Sending email about ${ctx.name}`];
    default:
      return [`Running ${step.actionType} in ${where}`];
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
