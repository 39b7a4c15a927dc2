"use client";

import { useState, type FormEvent } from "react";
import type { DialogStep } from "@/lib/projects/queries";
import { needs, useCan } from "@/components/auth/permissions";
import { Dialog } from "../Dialog";
import { FormFooter, secondaryButton } from "./dialog-form";
import { TargetFields, useStart, type TargetChoices } from "./DeployDialog";
import { StepExclusions } from "./StepExclusions";

export function RunButton({ choices, runbook }: {
  choices: TargetChoices;
  runbook: { id: string; name: string; snapshot: { id: string; name: string; steps: DialogStep[] } | null };
}) {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [environmentId, setEnvironmentId] = useState(choices.environments[0]?.id ?? "");
  const [tenantId, setTenantId] = useState("");
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const { busy, error, start } = useStart();
  const { snapshot } = runbook;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void start("/api/runbook-runs", {
      projectId: choices.projectId, runbookId: runbook.id, snapshotId: snapshot?.id, environmentId,
      ...(tenantId ? { tenantId } : {}), skippedStepIds: [...excluded],
    });
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={!snapshot || !can("Deploy")} title={can("Deploy") ? undefined : needs("Deploy")} className={secondaryButton} aria-label={`Run ${runbook.name}`}>
        Run…
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Run ${runbook.name}`}>
        {snapshot && (
          <form onSubmit={submit} className="flex flex-col gap-3">
            <p className="text-sm text-slate-600">
              Runs the published snapshot <span className="font-medium">{snapshot.name}</span>.
            </p>
            <TargetFields
              choices={choices}
              environmentId={environmentId}
              tenantId={tenantId}
              onEnvironment={setEnvironmentId}
              onTenant={setTenantId}
            />
            <StepExclusions steps={snapshot.steps} excluded={excluded} onChange={setExcluded} />
            <FormFooter error={error} busy={busy} submitLabel="Run" busyLabel="Starting…" onCancel={() => setOpen(false)} />
          </form>
        )}
      </Dialog>
    </>
  );
}
