import Link from "next/link";
import { groupViolations, type OutcomeGroup } from "@/lib/ui/violation-groups";
import type { ProjectDashboard } from "@/lib/projects/queries";
import { policyHref } from "@/lib/ui/links";
import { ExecutionLinks } from "./ExecutionLinks";

const GROUP_TITLE: Record<OutcomeGroup["outcome"], string> = { block: "Blocked", error: "Errored (enforced as the policy's action)", warn: "Warned" };

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
      <div className="mt-2 flex flex-col gap-2">
        {groupViolations(banner.executions).map((group) => (
          <div key={group.outcome} data-testid={`banner-${group.outcome}`}>
            <h3 className="text-xs font-semibold uppercase tracking-wide">{GROUP_TITLE[group.outcome]}</h3>
            <ul className="mt-0.5 flex flex-col gap-0.5">
              {group.policies.map((line) => (
                <li key={line.policySlug} data-testid="banner-policy">
                  <Link href={policyHref(line.policySlug)} className="font-medium underline underline-offset-2 hover:no-underline">
                    {line.policyName}
                  </Link>
                  {line.reasons.length > 0 && `: ${line.reasons.join("; ")}`}
                  <ExecutionLinks executions={line.executions} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
