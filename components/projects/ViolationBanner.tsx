import Link from "next/link";
import { OUTCOME_VERB } from "@/lib/policies/decision/violation";
import type { ProjectDashboard } from "@/lib/projects/queries";

/**
 * Shown while any of the project's latest executions has a policy violation. Calm but not
 * missable: a full-width panel with a strong left edge in the violation's colour.
 */
export function ViolationBanner({ banner }: { banner: NonNullable<ProjectDashboard["banner"]> }) {
  const block = banner.violation === "block";
  return (
    <section
      role="alert"
      aria-labelledby="violation-banner-title"
      className={`mb-6 rounded-md border-l-4 px-4 py-3 text-sm ${block ? "border-red-600 bg-red-50 text-red-950" : "border-amber-500 bg-amber-50 text-amber-950"}`}
    >
      <h2 id="violation-banner-title" className="font-semibold">
        {block ? "Policy violations blocked the latest executions" : "The latest executions have policy warnings"}
      </h2>
      <p className="mt-1">
        {banner.policies.length === 1 ? "Policy" : "Policies"}: {banner.policies.map((p, i) => (
          <span key={p}>
            {i > 0 && ", "}
            <span className="font-medium">{p}</span>
          </span>
        ))}
      </p>
      <ul className="mt-1 flex flex-col gap-0.5">
        {banner.executions.map((e) => (
          <li key={e.taskId}>
            <Link href={`/tasks/${e.taskId}`} className="underline underline-offset-2 hover:no-underline">
              {e.name}
            </Link>
            {": "}
            {e.violations.map((v) => `${v.policyName} ${OUTCOME_VERB[v.outcome]}${v.reason ? ` (${v.reason})` : ""}`).join("; ")}
          </li>
        ))}
      </ul>
    </section>
  );
}
