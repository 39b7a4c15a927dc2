import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/PageHeader";
import { StatusBadge } from "@/components/StatusBadge";
import { auditNames } from "@/lib/audit/query/names";
import { getAuditEvent, parseDetails } from "@/lib/audit/query/page";
import { prisma } from "@/lib/db/client";
import { formatDateTime } from "@/lib/ui/format";
import { outcomeTone } from "@/lib/ui/tone";
import { Breadcrumb } from "@/components/Breadcrumb";
import { requirePagePermission } from "@/lib/auth/page-access";
import { policyHref } from "@/lib/ui/links";

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Audit record ${decodeURIComponent((await params).id)}` };
}

export default async function AuditRecordPage({ params }: Props) {
  await requirePagePermission("AuditView");
  const id = decodeURIComponent((await params).id);
  const record = await getAuditEvent(prisma, id);
  if (!record) notFound();
  const names = await auditNames(prisma, [record]);
  const mention = (label: string, value: string | null, name?: string | null, href?: string) =>
    value && (
      <div>
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
        <dd className="mt-0.5">
          {href ? <Link href={href} className="text-brand-700 hover:underline">{name ?? value}</Link> : (name ?? value)}
          {name && <span className="ml-1 text-xs text-slate-500">{value}</span>}
        </dd>
      </div>
    );
  const project = names.project(record.projectId);
  const policy = names.policy(record.policyId);
  const user = names.user(record);

  return (
    <>
      <Breadcrumb href="/configuration/audit" label="Audit">
        {record.id}
      </Breadcrumb>
      <PageHeader title={`Audit record ${record.id}`} description={record.message}>
        {record.outcome && <StatusBadge tone={outcomeTone(record.outcome)}>{record.outcome}</StatusBadge>}
      </PageHeader>
      <dl className="mb-6 grid grid-cols-2 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4">
        {mention("Time", formatDateTime(record.occurredAt))}
        {mention("Event group", record.eventGroup)}
        {mention("Category", record.category)}
        {user && mention("User", user.username ?? user.name, user.username ? user.name : null)}
        {mention("Space", record.spaceId, names.space(record.spaceId)?.name)}
        {mention("Project", record.projectId, project?.name, project ? `/projects/${project.slug}` : undefined)}
        {mention("Environment", record.environmentId, names.environment(record.environmentId)?.name)}
        {mention("Tenant", record.tenantId, names.tenant(record.tenantId)?.name)}
        {mention("Policy", record.policyId, policy?.name, policy ? policyHref(policy.slug) : undefined)}
        {mention("Task", record.taskId, null, record.taskId ? `/tasks/${record.taskId}` : undefined)}
      </dl>
      <section aria-labelledby="record-json">
        <h2 id="record-json" className="mb-2 text-lg font-semibold">
          Record JSON
        </h2>
        <pre className="overflow-x-auto rounded-lg border border-slate-200 bg-slate-900 p-4 font-mono text-xs text-slate-100">
          {JSON.stringify({ ...record, details: parseDetails(record.details) }, null, 2)}
        </pre>
      </section>
    </>
  );
}
