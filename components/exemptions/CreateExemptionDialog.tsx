"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { Dialog } from "@/components/Dialog";
import { FormError } from "@/components/FormError";
import { postJson } from "@/components/projects/DialogForm";
import { buttons, field } from "@/components/policies/ui";
import type { ExemptionOptions } from "@/lib/exemptions/options";

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

interface Props {
  open: boolean;
  onClose(): void;
  options: ExemptionOptions;
  maxDays: number;
  today: string;
}

/**
 * Grant an exemption: one policy, one project (optionally one environment and tenant of its
 * space), an owner, a justification and an expiry date, at 00:00 UTC of that day, so the latest
 * date offered is within the maximum the server allows.
 */
export function CreateExemptionDialog({ open, onClose, options, maxDays, today }: Props) {
  const router = useRouter();
  const id = useId();
  const [policySlug, setPolicySlug] = useState("");
  const [projectId, setProjectId] = useState("");
  const [environmentId, setEnvironmentId] = useState("");
  const [tenantId, setTenantId] = useState("");
  const [owner, setOwner] = useState("");
  const [justification, setJustification] = useState("");
  const [expires, setExpires] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setPolicySlug(options.policies[0]?.slug ?? "");
    setProjectId(options.projects[0]?.id ?? "");
    setEnvironmentId("");
    setTenantId("");
    setOwner("");
    setJustification("");
    setExpires(addDays(today, Math.min(30, maxDays)));
    setError(null);
  }, [open, options, today, maxDays]);

  const space = options.projects.find((p) => p.id === projectId)?.spaceId;
  const environments = options.environments.filter((e) => e.spaceId === space);
  const tenants = options.tenants.filter((t) => t.spaceId === space);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const answer = await postJson("/api/exemptions", {
      policySlug, projectId, environmentId: environmentId || null, tenantId: tenantId || null,
      owner, justification, expiresAt: `${expires}T00:00:00.000Z`,
    });
    setBusy(false);
    if (!answer.ok) return setError(answer.message);
    onClose();
    router.refresh();
  };

  const label = (name: string) => `${id}-${name}`;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Create exemption"
      testId="create-exemption-dialog"
      footer={
        <>
          <button type="button" className={buttons.secondary} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={label("form")} className={buttons.primary} disabled={busy || !policySlug || !projectId}>
            {busy ? "Creating…" : "Create exemption"}
          </button>
        </>
      }
    >
      <form
        id={label("form")}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div>
          <label htmlFor={label("policy")} className={field.label}>Policy</label>
          <select id={label("policy")} className={field.input} value={policySlug} onChange={(e) => setPolicySlug(e.target.value)} required>
            {options.policies.map((p) => <option key={p.slug} value={p.slug}>{p.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={label("project")} className={field.label}>Project</label>
          <select
            id={label("project")}
            className={field.input}
            value={projectId}
            onChange={(e) => {
              setProjectId(e.target.value);
              setEnvironmentId("");
              setTenantId("");
            }}
            required
          >
            {options.projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor={label("environment")} className={field.label}>Environment</label>
            <select id={label("environment")} className={field.input} value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
              <option value="">All environments</option>
              {environments.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor={label("tenant")} className={field.label}>Tenant</label>
            <select id={label("tenant")} className={field.input} value={tenantId} onChange={(e) => setTenantId(e.target.value)}>
              <option value="">Any tenant or none</option>
              {tenants.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </div>
        </div>
        <div>
          <label htmlFor={label("owner")} className={field.label}>Owner</label>
          <input id={label("owner")} className={field.input} value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={200} required aria-describedby={label("owner-hint")} />
          <p id={label("owner-hint")} className={field.hint}>The person or team who answers for the exception.</p>
        </div>
        <div>
          <label htmlFor={label("justification")} className={field.label}>Justification</label>
          <textarea id={label("justification")} className={field.input} rows={3} value={justification} onChange={(e) => setJustification(e.target.value)} maxLength={2000} required />
        </div>
        <div>
          <label htmlFor={label("expires")} className={field.label}>Expires on</label>
          <input
            id={label("expires")}
            type="date"
            className={field.input}
            value={expires}
            min={addDays(today, 1)}
            max={addDays(today, maxDays)}
            onChange={(e) => setExpires(e.target.value)}
            required
            aria-describedby={label("expires-hint")}
          />
          <p id={label("expires-hint")} className={field.hint}>At 00:00 UTC of that day, at most {maxDays} days from today. It stops applying by itself.</p>
        </div>
        <FormError message={error} />
      </form>
    </Dialog>
  );
}
