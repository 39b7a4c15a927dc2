import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { StatusBadge } from "@/components/StatusBadge";
import { Table, Td, Th } from "@/components/Table";
import { listPolicies } from "@/lib/policy-list/queries";
import { formatDateTime } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const policies = await listPolicies();
  return (
    <>
      <PageHeader
        title="Policies"
        description="Platform Hub policies are Rego checks, kept in Git, that every deployment and runbook run must pass"
      />
      {policies.length === 0 ? (
        <EmptyState title="No policies yet">
          Add a policy file under <code className="font-mono">policies/</code> in the Platform Hub repository, then publish and
          activate a version. Active policies are evaluated before the first step of every deployment and runbook run.
        </EmptyState>
      ) : (
        <Table caption="Policies">
          <thead>
            <tr>
              <Th>Policy</Th>
              <Th>Slug</Th>
              <Th>Latest version</Th>
              <Th>Status</Th>
              <Th>Violation action</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {policies.map((policy) => (
              <tr key={policy.id}>
                <Td>
                  <span className="font-medium">{policy.name}</span>
                  {policy.description && <span className="block text-xs text-slate-500">{policy.description}</span>}
                </Td>
                <Td>
                  <code className="text-xs">{policy.slug}</code>
                </Td>
                <Td>
                  {policy.latestVersion ? (
                    <>
                      {policy.latestVersion.version}
                      <span className="block text-xs text-slate-500">{formatDateTime(policy.latestVersion.publishedAt)}</span>
                    </>
                  ) : (
                    <span className="text-slate-500">Draft</span>
                  )}
                </Td>
                <Td>
                  {policy.activeVersion ? (
                    <StatusBadge tone="success">Active {policy.activeVersion.version}</StatusBadge>
                  ) : (
                    <StatusBadge tone="neutral">Inactive</StatusBadge>
                  )}
                </Td>
                <Td>{(policy.activeVersion ?? policy.latestVersion)?.violationAction ?? "—"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
