import type { Metadata } from "next";
import Link from "next/link";
import { EvaluationsChart } from "@/components/compliance/EvaluationsChart";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { Table, Td, Th } from "@/components/Table";
import { complianceOverview, PERIODS, periodParam } from "@/lib/compliance/overview";
import { prisma } from "@/lib/db/client";
import { requirePagePermission } from "@/lib/auth/page-access";
import { policyHref } from "@/lib/ui/links";

export const metadata: Metadata = { title: "Compliance overview" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const TOTALS = [
  { key: "pass", label: "Passed", className: "text-green-800" },
  { key: "warn", label: "Warned", className: "text-amber-800" },
  { key: "block", label: "Blocked", className: "text-red-800" },
  // Violet and blue like the chart's series: Errored must not read as Blocked, Exempted is the info tone.
  { key: "error", label: "Errored", className: "text-violet-800" },
  { key: "exempted", label: "Exempted", className: "text-blue-800" },
] as const;

export default async function CompliancePage({ searchParams }: Props) {
  await requirePagePermission("PlatformHubView");
  const period = periodParam.parse((await searchParams).period);
  const overview = await complianceOverview(prisma, period);
  const evaluated = TOTALS.reduce((n, t) => n + overview.totals[t.key], 0);
  const auditHref = (policyId: string) => `/configuration/audit?group=Compliance+Policy+Evaluated&policy=${encodeURIComponent(policyId)}`;

  return (
    <>
      <PageHeader title="Compliance overview" description="In-scope policy evaluations of deployments and runbook runs, by day and by policy">
        <nav aria-label="Period" className="flex rounded-md border border-slate-300 bg-white text-sm">
          {(Object.keys(PERIODS) as (keyof typeof PERIODS)[]).map((p) => (
            <Link
              key={p}
              href={`/platform-hub/compliance?period=${p}`}
              aria-current={p === period ? "page" : undefined}
              className={`px-3 py-1.5 first:rounded-l-md last:rounded-r-md ${p === period ? "bg-brand-500 text-white" : "text-slate-700 hover:bg-slate-50"}`}
            >
              Last {PERIODS[p]} days
            </Link>
          ))}
        </nav>
      </PageHeader>
      {evaluated === 0 ? (
        <EmptyState title={`No policy evaluations in the last ${PERIODS[period]} days`}>
          Policies are evaluated when a deployment or runbook run starts. <Link href="/platform-hub/policies" className="text-brand-700 underline">Publish and activate a policy</Link>, then deploy a release; or choose a longer period.
        </EmptyState>
      ) : (
        <>
          <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            <div className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Evaluations</dt>
              <dd className="text-2xl font-semibold tabular-nums">{evaluated}</dd>
            </div>
            {TOTALS.map((t) => (
              <div key={t.key} className="rounded-lg border border-slate-200 bg-white p-3">
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{t.label}</dt>
                <dd className={`text-2xl font-semibold tabular-nums ${t.className}`}>{overview.totals[t.key]}</dd>
              </div>
            ))}
          </dl>
          <section aria-labelledby="per-day" className="mb-8 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="per-day" className="mb-3 text-lg font-semibold">
              Evaluations per day by outcome
            </h2>
            <EvaluationsChart days={overview.days} title="Evaluations per day by outcome" />
          </section>
          <section aria-labelledby="top-policies">
            <h2 id="top-policies" className="mb-3 text-lg font-semibold">
              Top policies by violations
            </h2>
            {overview.topPolicies.length === 0 ? (
              <p className="text-sm text-slate-600">No policy was violated in this period.</p>
            ) : (
              <Table caption="Top policies by violations">
                <thead>
                  <tr>
                    <Th>Policy</Th>
                    <Th className="text-right">Blocked</Th>
                    <Th className="text-right">Warned</Th>
                    <Th className="text-right">Errored</Th>
                    <Th className="text-right">Exempted</Th>
                    <Th className="text-right">Evaluated</Th>
                    <Th>
                      <span className="sr-only">Records</span>
                    </Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {overview.topPolicies.map((p) => (
                    <tr key={p.id}>
                      <Td>
                        {p.slug ? (
                          <Link href={policyHref(p.slug)} className="font-medium text-brand-700 hover:underline">
                            {p.name}
                          </Link>
                        ) : (
                          <span className="font-medium">{p.name}</span>
                        )}
                        {p.slug && <span className="block font-mono text-xs text-slate-500">{p.slug}</span>}
                      </Td>
                      <Td className="text-right tabular-nums">{p.blocked}</Td>
                      <Td className="text-right tabular-nums">{p.warned}</Td>
                      <Td className="text-right tabular-nums">{p.errored}</Td>
                      <Td className="text-right tabular-nums">{p.exempted}</Td>
                      <Td className="text-right tabular-nums">{p.evaluated}</Td>
                      <Td>
                        <Link href={auditHref(p.id)} className="whitespace-nowrap text-brand-700 hover:underline">
                          Audit records
                        </Link>
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </section>
        </>
      )}
    </>
  );
}
