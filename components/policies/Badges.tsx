import { StatusBadge } from "@/components/StatusBadge";
import type { PolicyOutcome } from "@/lib/db/enums";

export function ViolationActionBadge({ action }: { action: string }) {
  return action === "warn" ? <StatusBadge tone="warning">Warn</StatusBadge> : <StatusBadge tone="danger">Block</StatusBadge>;
}

/** Active version (green), Inactive with the latest published one, or Draft when never published. */
export function VersionStatus({ active, latest, stacked }: { active: string | null; latest: string | null; stacked?: boolean }) {
  if (active) return <StatusBadge tone="success">Active {active}</StatusBadge>;
  if (latest)
    return (
      <span className={stacked ? "inline-flex flex-col items-start gap-0.5" : "inline-flex items-center gap-2"}>
        <StatusBadge tone="neutral">Inactive</StatusBadge>
        <span className="whitespace-nowrap text-xs text-slate-500">latest {latest}</span>
      </span>
    );
  return <StatusBadge tone="info">Draft</StatusBadge>;
}

/** The committed policy differs from the latest published version: the gate does not enforce those changes yet. */
export function UnpublishedChanges() {
  return (
    <span className="whitespace-nowrap text-xs font-medium text-amber-700" data-testid="unpublished-changes">
      Unpublished changes
    </span>
  );
}

export function OutcomeBadge({ outcome }: { outcome: PolicyOutcome }) {
  if (outcome === "pass") return <StatusBadge tone="success">Passed</StatusBadge>;
  if (outcome === "warn") return <StatusBadge tone="warning">Warn</StatusBadge>;
  if (outcome === "error") return <StatusBadge tone="danger">Errored</StatusBadge>;
  return <StatusBadge tone="danger">Blocked</StatusBadge>;
}
