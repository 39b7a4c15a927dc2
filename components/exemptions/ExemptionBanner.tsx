import Link from "next/link";
import type { DashboardExecution } from "@/lib/executions/dashboard";
import { formatDateTime } from "@/lib/ui/format";
import { policyHref } from "@/lib/ui/links";
import { ExecutionLinks } from "@/components/projects/ExecutionLinks";

type Line = { policyName: string; policySlug: string; exemption: DashboardExecution["exempted"][number]["exemption"]; executions: { taskId: string; name: string }[] };

/**
 * Shown while any of the project's latest executions ran under an exemption: the violation was
 * let through on purpose, so it is information, not an alarm, but it names who answers for it
 * and until when.
 */
export function ExemptionBanner({ executions }: { executions: readonly Pick<DashboardExecution, "taskId" | "name" | "exempted">[] }) {
  const lines = new Map<string, Line>();
  for (const execution of executions) {
    for (const x of execution.exempted) {
      const key = `${x.policySlug}\u0000${x.exemption.id}`;
      const line = lines.get(key) ?? { policyName: x.policyName, policySlug: x.policySlug, exemption: x.exemption, executions: [] };
      lines.set(key, line);
      if (!line.executions.some((e) => e.taskId === execution.taskId)) line.executions.push({ taskId: execution.taskId, name: execution.name });
    }
  }
  return (
    <section aria-labelledby="exemption-banner-title" data-testid="exemption-banner" className="mb-6 rounded-md border-l-4 border-blue-500 bg-blue-50 px-4 py-3 text-sm text-blue-950">
      <h2 id="exemption-banner-title" className="font-semibold">
        The latest executions ran under policy exemptions
      </h2>
      <ul className="mt-1 flex flex-col gap-0.5">
        {[...lines.values()].map((line) => (
          <li key={`${line.policySlug}-${line.exemption.id}`}>
            <Link href={policyHref(line.policySlug)} className="font-medium underline underline-offset-2 hover:no-underline">
              {line.policyName}
            </Link>
            {`: exemption ${line.exemption.id}`}
            {line.exemption.owner && `, owner ${line.exemption.owner}`}
            {line.exemption.expiresAt && `, until ${formatDateTime(line.exemption.expiresAt)}`}
            <ExecutionLinks executions={line.executions} />
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs">
        <Link href="/platform-hub/exemptions" className="underline underline-offset-2 hover:no-underline">All exemptions</Link>
      </p>
    </section>
  );
}
