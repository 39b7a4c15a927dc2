"use client";

import { useState } from "react";
import type { DialogStep } from "@/lib/projects/queries";
import { needs, useCan } from "@/components/auth/Permissions";
import { Dialog } from "../Dialog";
import { secondaryButton } from "./DialogForm";
import { ExecutionForm, type TargetChoices } from "./ExecutionForm";

export function RunButton({ choices, runbook }: {
  choices: TargetChoices;
  runbook: { id: string; name: string; snapshot: { id: string; name: string; steps: DialogStep[] } | null };
}) {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const { snapshot } = runbook;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={!snapshot || !can("Deploy")} title={can("Deploy") ? undefined : needs("Deploy")} className={secondaryButton} aria-label={`Run ${runbook.name}`}>
        Run…
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Run ${runbook.name}`}>
        {snapshot && (
          <ExecutionForm
            choices={choices}
            steps={snapshot.steps}
            url="/api/runbook-runs"
            request={(target) => ({ ...target, runbookId: runbook.id, snapshotId: snapshot.id })}
            submitLabel="Run"
            busyLabel="Starting…"
            onCancel={() => setOpen(false)}
          >
            <p className="text-sm text-slate-600">
              Runs the published snapshot <span className="font-medium">{snapshot.name}</span>.
            </p>
          </ExecutionForm>
        )}
      </Dialog>
    </>
  );
}
