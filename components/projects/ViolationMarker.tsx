import { StatusBadge } from "@/components/StatusBadge";
import type { ViolationState } from "@/lib/policies/decision/violation";

/** Marks an execution's policy state next to its task state; nothing when every policy passed. */
export function ViolationMarker({ violation, title }: { violation: ViolationState; title?: string }) {
  if (violation === "none") return null;
  return (
    <span title={title}>
      <StatusBadge tone={violation === "block" ? "danger" : "warning"}>{violation === "block" ? "Policy blocked" : "Policy warning"}</StatusBadge>
    </span>
  );
}
