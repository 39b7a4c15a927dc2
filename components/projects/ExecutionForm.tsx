"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import type { DialogStep } from "@/lib/projects/queries";
import { controlClass, fieldClass, FormFooter, postJson } from "./DialogForm";
import { StepExclusions } from "./StepExclusions";

export interface TargetChoices {
  projectId: string;
  tenantedMode: string;
  /** `requiresApproval`: executions there need an approved change request (the input's RequiresApproval). */
  environments: { id: string; name: string; requiresApproval?: boolean }[];
  tenants: { id: string; name: string; environmentIds: string[] }[];
}

/** Where an execution runs and what it leaves out: the part of a request both execution kinds share. */
export interface ExecutionTarget {
  projectId: string;
  environmentId: string;
  tenantId?: string;
  skippedStepIds: string[];
}

/**
 * What the form has chosen, kept by the component that owns the dialog so a choice survives
 * closing and reopening it. Exclusions start over when `steps` changes (another release).
 */
export function useExecutionChoice(choices: TargetChoices, steps: DialogStep[]) {
  const [environmentId, setEnvironmentId] = useState(choices.environments[0]?.id ?? "");
  const [tenantId, setTenantId] = useState("");
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [stepsShown, setStepsShown] = useState(steps);
  if (steps !== stepsShown) {
    setStepsShown(steps);
    setExcluded(new Set());
  }
  return { choices, steps, environmentId, setEnvironmentId, tenantId, setTenantId, excluded, setExcluded };
}

export type ExecutionChoice = ReturnType<typeof useExecutionChoice>;

/**
 * The form that starts a deployment or a runbook run: whatever the kind puts first (`children`),
 * then environment, tenant and step exclusions; it posts to `url` and goes to the task page.
 */
export function ExecutionForm({ choice, url, request, submitLabel, busyLabel, onCancel, children }: {
  choice: ExecutionChoice;
  url: string;
  /** The request body for this target. */
  request: (target: ExecutionTarget) => Record<string, unknown>;
  submitLabel: string;
  busyLabel: string;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const router = useRouter();
  const { choices, steps, environmentId, setEnvironmentId, tenantId, setTenantId, excluded, setExcluded } = choice;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tenants = choices.tenants.filter((t) => t.environmentIds.includes(environmentId));
  const environment = choices.environments.find((e) => e.id === environmentId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const target = { projectId: choices.projectId, environmentId, ...(tenantId ? { tenantId } : {}), skippedStepIds: [...excluded] };
    const result = await postJson<{ taskId: string }>(url, request(target));
    if (result.ok) router.push(`/tasks/${result.value.taskId}`);
    else {
      setError(result.message);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      {children}
      <label className={fieldClass}>
        Environment
        <select required value={environmentId} onChange={(e) => {
            // A tenant is only valid in the environments it is connected to.
            setEnvironmentId(e.currentTarget.value);
            setTenantId("");
          }} className={controlClass}>
          {choices.environments.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name}
            </option>
          ))}
        </select>
        {environment?.requiresApproval && (
          <span className="text-xs font-normal text-amber-800" data-testid="requires-approval">
            {environment.name} is change controlled: this execution needs an approved change request (policies see RequiresApproval).
          </span>
        )}
      </label>
      {choices.tenantedMode !== "Untenanted" && (
        <label className={fieldClass}>
          Tenant
          <select required={choices.tenantedMode === "Tenanted"} value={tenantId} onChange={(e) => setTenantId(e.currentTarget.value)} className={controlClass}>
            <option value="">{choices.tenantedMode === "Tenanted" ? "Choose a tenant" : "Untenanted"}</option>
            {tenants.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          {tenants.length === 0 && <span className="text-xs font-normal text-slate-500">No tenant is connected to this project in this environment.</span>}
        </label>
      )}
      <StepExclusions steps={steps} excluded={excluded} onChange={setExcluded} />
      <FormFooter error={error} busy={busy} submitLabel={submitLabel} busyLabel={busyLabel} onCancel={onCancel} />
    </form>
  );
}
