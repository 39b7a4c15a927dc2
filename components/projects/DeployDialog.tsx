"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { DialogStep } from "@/lib/projects/queries";
import { Dialog } from "../Dialog";
import { controlClass, fieldClass, FormFooter, postJson } from "./dialog-form";
import { StepExclusions } from "./StepExclusions";

export interface TargetChoices {
  projectId: string;
  tenantedMode: string;
  environments: { id: string; name: string }[];
  tenants: { id: string; name: string; environmentIds: string[] }[];
}

/** Environment and, for tenanted projects, a tenant connected there; shared by the deploy and run dialogs. */
export function TargetFields({ choices, environmentId, tenantId, onEnvironment, onTenant }: {
  choices: TargetChoices;
  environmentId: string;
  tenantId: string;
  onEnvironment: (id: string) => void;
  onTenant: (id: string) => void;
}) {
  const tenants = choices.tenants.filter((t) => t.environmentIds.includes(environmentId));
  return (
    <>
      <label className={fieldClass}>
        Environment
        <select required value={environmentId} onChange={(e) => {
            // A tenant is only valid in the environments it is connected to.
            onEnvironment(e.currentTarget.value);
            onTenant("");
          }} className={controlClass}>
          {choices.environments.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name}
            </option>
          ))}
        </select>
      </label>
      {choices.tenantedMode !== "Untenanted" && (
        <label className={fieldClass}>
          Tenant
          <select required={choices.tenantedMode === "Tenanted"} value={tenantId} onChange={(e) => onTenant(e.currentTarget.value)} className={controlClass}>
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
    </>
  );
}

/** Starts an execution and goes to its task page, or shows why it could not start. */
export function useStart() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async (url: string, body: unknown) => {
    setBusy(true);
    setError(null);
    const result = await postJson<{ taskId: string }>(url, body);
    if (result.ok) router.push(`/tasks/${result.value.taskId}`);
    else {
      setError(result.message);
      setBusy(false);
    }
  };
  return { busy, error, start };
}

export function DeployDialog({ open, onClose, choices, releases, initialReleaseId }: {
  open: boolean;
  onClose: () => void;
  choices: TargetChoices;
  releases: { id: string; version: string; steps: DialogStep[] }[];
  initialReleaseId?: string;
}) {
  const [releaseId, setReleaseId] = useState(initialReleaseId ?? releases[0]?.id ?? "");
  const [environmentId, setEnvironmentId] = useState(choices.environments[0]?.id ?? "");
  const [tenantId, setTenantId] = useState("");
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const { busy, error, start } = useStart();
  const release = releases.find((r) => r.id === releaseId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void start("/api/deployments", {
      projectId: choices.projectId, releaseId, environmentId, ...(tenantId ? { tenantId } : {}), skippedStepIds: [...excluded],
    });
  };
  return (
    <Dialog open={open} onClose={onClose} title="Deploy a release">
      {releases.length === 0 ? (
        <p className="text-sm text-slate-600">Create a release first: a deployment deploys a release.</p>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-3">
          <label className={fieldClass}>
            Release
            <select
              value={releaseId}
              onChange={(e) => {
                setReleaseId(e.currentTarget.value);
                setExcluded(new Set());
              }}
              className={controlClass}
            >
              {releases.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.version}
                </option>
              ))}
            </select>
          </label>
          <TargetFields
            choices={choices}
            environmentId={environmentId}
            tenantId={tenantId}
            onEnvironment={setEnvironmentId}
            onTenant={setTenantId}
          />
          {release && <StepExclusions steps={release.steps} excluded={excluded} onChange={setExcluded} />}
          <FormFooter error={error} busy={busy} submitLabel="Deploy" busyLabel="Deploying…" onCancel={onClose} />
        </form>
      )}
    </Dialog>
  );
}
