"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { EmptyState } from "@/components/EmptyState";
import { StatusBadge } from "@/components/StatusBadge";
import { Table, Td, Th } from "@/components/Table";
import { ApiError, policiesApi, type PolicySummary } from "@/lib/editor/api";
import { needs, useCan } from "@/components/auth/Permissions";
import { CreatePolicyDialog } from "./CreatePolicyDialog";
import { UnpublishedChanges, ViolationActionBadge, VersionStatus } from "./Badges";
import { buttons } from "./ui";

/** Platform Hub › Policies: every policy on the default branch, with last week's outcomes. */
export function PolicyList() {
  const can = useCan();
  const [policies, setPolicies] = useState<PolicySummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    try {
      const { policies } = await policiesApi.list("main");
      setPolicies(policies);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "The policies could not be loaded");
      setPolicies([]);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const createButton = (
    <button type="button" className={buttons.primary} onClick={() => setCreating(true)} disabled={!can("PlatformHubEdit")} title={can("PlatformHubEdit") ? undefined : needs("PlatformHubEdit")}>
      Create policy
    </button>
  );

  return (
    <>
      <div className="mb-4 flex items-center justify-between gap-4">
        <p className="text-sm text-slate-600">Policies on the default branch. Only the active version of a policy is evaluated.</p>
        {policies && policies.length > 0 && createButton}
      </div>
      {error && (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {policies === null ? (
        <p className="text-sm text-slate-500" aria-live="polite">
          Loading policies…
        </p>
      ) : policies.length === 0 ? (
        <EmptyState title="No policies yet">
          <p>
            Policies check every deployment and runbook run before it starts. Start from a ready-made policy, such as requiring a manual
            intervention in production, or write your own in Rego.
          </p>
          <div className="mt-4">{createButton}</div>
        </EmptyState>
      ) : (
        <Table caption="Policies">
          <thead>
            <tr>
              <Th>Policy</Th>
              <Th>Slug</Th>
              <Th>Version</Th>
              <Th>Enforced action</Th>
              <Th className="relative text-right">
                Passed <span className="sr-only">in the last 7 days</span>
              </Th>
              <Th className="relative text-right">
                Warned <span className="sr-only">in the last 7 days</span>
              </Th>
              <Th className="relative text-right">
                Blocked <span className="sr-only">in the last 7 days</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {policies.map((policy) => (
              <tr key={policy.slug} data-testid={`policy-row-${policy.slug}`}>
                <Td>
                  <div className="max-w-[14rem]">
                    <Link href={`/platform-hub/policies/${policy.slug}`} className="font-medium text-brand-500 hover:underline">
                      {policy.name || policy.slug}
                    </Link>
                    {policy.description && <span className="block truncate text-xs text-slate-500" title={policy.description}>{policy.description}</span>}
                    {policy.problemCount > 0 && (
                      <span className="mt-1 block">
                        <StatusBadge tone="danger">
                          {policy.problemCount} {policy.problemCount === 1 ? "problem" : "problems"}
                        </StatusBadge>
                      </span>
                    )}
                  </div>
                </Td>
                <Td>
                  <code className="whitespace-nowrap text-xs">{policy.slug}</code>
                </Td>
                <Td>
                  <VersionStatus active={policy.activeVersion} latest={policy.latestVersion} stacked />
                  {policy.latestVersion && policy.unpublishedChanges && (
                    <span className="mt-0.5 block">
                      <UnpublishedChanges />
                    </span>
                  )}
                </Td>
                <Td>
                  {policy.enforcedAction ? <ViolationActionBadge action={policy.enforcedAction} /> : <span className="text-xs text-slate-500">Not enforced</span>}
                  {policy.enforcedAction !== policy.violationAction && (
                    <span className="mt-0.5 block whitespace-nowrap text-xs text-slate-500">committed: {policy.violationAction === "warn" ? "Warn" : "Block"}</span>
                  )}
                </Td>
                <Td className="text-right tabular-nums">
                  <Count value={policy.stats7d.passed} tone="text-green-700" />
                </Td>
                <Td className="text-right tabular-nums">
                  <Count value={policy.stats7d.warned} tone="text-amber-700" />
                </Td>
                <Td className="text-right tabular-nums">
                  <Count value={policy.stats7d.blocked + policy.stats7d.errored} tone="text-red-700" />
                  {policy.stats7d.errored > 0 && <span className="block text-xs text-slate-500">{policy.stats7d.errored} errored</span>}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {policies && policies.length > 0 && <p className="mt-2 text-xs text-slate-500">Passed, warned and blocked count in-scope evaluations of the last 7 days.</p>}
      <CreatePolicyDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function Count({ value, tone }: { value: number; tone: string }) {
  return <span className={value > 0 ? `font-medium ${tone}` : "text-slate-400"}>{value}</span>;
}
