"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { EmptyState } from "@/components/EmptyState";
import { FormError } from "@/components/FormError";
import { postJson } from "@/components/projects/DialogForm";
import { buttons } from "@/components/policies/ui";
import { StatusBadge } from "@/components/StatusBadge";
import { Table, Td, Th } from "@/components/Table";
import type { ExemptionOptions } from "@/lib/exemptions/options";
import type { ExemptionStatus, ExemptionView } from "@/lib/exemptions/service";
import { formatDateTime } from "@/lib/ui/format";
import { policyHref } from "@/lib/ui/links";
import type { Tone } from "@/lib/ui/tone";
import { CreateExemptionDialog } from "./CreateExemptionDialog";

const STATUS_TONE: Record<ExemptionStatus, Tone> = { active: "info", expired: "neutral", revoked: "neutral" };
const STATUS_LABEL: Record<ExemptionStatus, string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

interface Props {
  exemptions: ExemptionView[];
  /** What the create form offers; null when the user may not grant exemptions. */
  options: ExemptionOptions | null;
  maxDays: number;
  /** The server's UTC date, so the form's date limits match the server's check. */
  today: string;
}

export function ExemptionsView({ exemptions, options, maxDays, today }: Props) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const active = exemptions.filter((e) => e.status === "active");
  const ended = exemptions.filter((e) => e.status !== "active");

  const revoke = async (id: string) => {
    setRevoking(id);
    setError(null);
    const answer = await postJson(`/api/exemptions/${encodeURIComponent(id)}/revoke`, {});
    setRevoking(null);
    if (!answer.ok) setError(answer.message);
    else router.refresh();
  };

  const table = (caption: string, rows: ExemptionView[], mayRevoke: boolean) => (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Policy</Th>
          <Th>Applies to</Th>
          <Th>Owner</Th>
          <Th>Justification</Th>
          <Th>Expires</Th>
          <Th>Status</Th>
          {mayRevoke && <Th><span className="sr-only">Actions</span></Th>}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((e) => (
          <tr key={e.id} data-testid={`exemption-${e.id}`}>
            <Td>
              {e.policy.slug ? <Link href={policyHref(e.policy.slug)} className="font-medium text-brand-700 hover:underline">{e.policy.name}</Link> : e.policy.name}
              <div className="text-xs text-slate-500">{e.id}</div>
            </Td>
            <Td>
              {e.project.name}
              <div className="text-xs text-slate-500">
                {e.environment?.name ?? "All environments"}
                {e.tenant && ` · ${e.tenant.name}`}
              </div>
            </Td>
            <Td>{e.owner}</Td>
            <Td className="max-w-sm whitespace-pre-wrap">{e.justification}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(new Date(e.expiresAt))}</Td>
            <Td>
              <StatusBadge tone={STATUS_TONE[e.status]}>{STATUS_LABEL[e.status]}</StatusBadge>
              <div className="mt-0.5 text-xs text-slate-500">
                {e.status === "revoked" && e.revokedAt ? `by ${e.revokedBy} ${formatDateTime(new Date(e.revokedAt))}` : `granted by ${e.createdBy}`}
              </div>
            </Td>
            {mayRevoke && (
              <Td className="text-right">
                <button type="button" className={buttons.danger} disabled={revoking === e.id} onClick={() => void revoke(e.id)} aria-label={`Revoke exemption ${e.id}`}>
                  {revoking === e.id ? "Revoking…" : "Revoke"}
                </button>
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );

  return (
    <>
      {options && (
        <div className="mb-4 flex justify-end">
          <button type="button" className={buttons.primary} onClick={() => setCreating(true)}>
            Create exemption
          </button>
        </div>
      )}
      <FormError message={error} className="mb-4" />
      {exemptions.length === 0 ? (
        <EmptyState title="No exemptions">
          An exemption lets one project run despite a violation of one policy until it expires, for at most {maxDays} days.
          {options ? " Create one when a team has a reason and an owner for the exception." : " People with the ExemptionGrant permission create them."}
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-6">
          <section aria-labelledby="active-exemptions">
            <h2 id="active-exemptions" className="mb-2 text-sm font-semibold text-slate-900">Active ({active.length})</h2>
            {active.length ? table("Active exemptions", active, !!options) : <p className="text-sm text-slate-600">No exemption is active: every violation is enforced.</p>}
          </section>
          {ended.length > 0 && (
            <section aria-labelledby="ended-exemptions">
              <h2 id="ended-exemptions" className="mb-2 text-sm font-semibold text-slate-900">Expired and revoked ({ended.length})</h2>
              {table("Expired and revoked exemptions", ended, false)}
            </section>
          )}
        </div>
      )}
      {options && <CreateExemptionDialog open={creating} onClose={() => setCreating(false)} options={options} maxDays={maxDays} today={today} />}
    </>
  );
}
