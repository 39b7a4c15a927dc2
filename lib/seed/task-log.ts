import type { LogLevel, TaskState } from "@/lib/db/enums";
import type { SnapshotStep } from "@/lib/db/json";

export interface LogLine {
  level: LogLevel;
  section: string;
  message: string;
  occurredAt: Date;
}

export interface ExecutionStory {
  headline: string;
  steps: SnapshotStep[];
  skippedStepIds: string[];
  packageVersion: (packageId: string) => string | undefined;
  startedBy: string;
  state: TaskState;
  /** Index of the top-level step that fails or warns, for Failed and SuccessWithWarnings. */
  troubleAt: number;
  failure: string;
  startedAt: Date;
  completedAt: Date;
}

/** The task log a finished execution would have written, spread over its run time. */
export function storyLog(story: ExecutionStory): LogLine[] {
  const lines: Omit<LogLine, "occurredAt">[] = [
    { level: "Info", section: "", message: story.headline },
    { level: "Verbose", section: "", message: `Started by ${story.startedBy}` },
  ];
  const failing = story.state === "Failed" || story.state === "Canceled";
  const lastStep = failing ? Math.min(story.troubleAt, story.steps.length - 1) : story.steps.length - 1;

  story.steps.slice(0, lastStep + 1).forEach((step, index) => {
    const section = `Step ${index + 1}: ${step.name}`;
    if (story.skippedStepIds.includes(step.id)) {
      lines.push({ level: "Info", section, message: `Skipped: "${step.name}" was excluded when the task was created` });
      return;
    }
    if (!step.enabled) {
      lines.push({ level: "Verbose", section, message: `Skipped: "${step.name}" is disabled` });
      return;
    }
    lines.push({ level: "Info", section, message: `Executing "${step.name}" (${step.actionType})` });
    for (const pkg of [step, ...step.children].flatMap((s) => s.packages)) {
      const version = story.packageVersion(pkg.packageId);
      lines.push({ level: "Info", section, message: `Acquiring package ${pkg.packageId}${version ? ` v${version}` : ""}` });
    }
    if (step.actionType === "Octopus.Manual") {
      lines.push({ level: "Info", section, message: "Waiting for manual intervention" });
      lines.push({ level: "Info", section, message: `Approved by ${story.startedBy}` });
    }
    for (const child of step.children) {
      lines.push({ level: "Info", section, message: `Running child step "${child.name}"` });
    }
    if (index !== story.troubleAt) return;
    if (story.state === "SuccessWithWarnings") {
      lines.push({ level: "Warning", section, message: "The step completed with warnings: 1 of 3 health checks was slow" });
    } else if (story.state === "Failed") {
      lines.push({ level: "Error", section, message: story.failure });
    } else if (story.state === "Canceled") {
      lines.push({ level: "Warning", section, message: `Cancellation requested by ${story.startedBy}` });
    }
  });

  lines.push(
    story.state === "Failed"
      ? { level: "Fatal", section: "", message: "The task failed because one or more steps failed" }
      : story.state === "Canceled"
        ? { level: "Info", section: "", message: "The task was canceled" }
        : { level: "Info", section: "", message: "The task completed successfully" },
  );

  const span = story.completedAt.getTime() - story.startedAt.getTime();
  return lines.map((line, i) => ({
    ...line,
    occurredAt: new Date(story.startedAt.getTime() + Math.round((span * i) / Math.max(lines.length - 1, 1))),
  }));
}
