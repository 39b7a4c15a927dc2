"use client";

import { useState } from "react";
import type { DialogStep } from "@/lib/projects/queries";
import { needs, useCan } from "@/components/auth/Permissions";
import { Dialog } from "../Dialog";
import { secondaryButton } from "./DialogForm";
import { ExecutionForm, useExecutionChoice, type TargetChoices } from "./ExecutionForm";

const NO_STEPS: DialogStep[] = [];

export function RunButton({ choices, runbook }: {
  choices: TargetChoices;
  runbook: { id: string; name: string; snapshot: { id: string; name: string; steps: DialogStep[] } | null };
}) {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const { snapshot } = runbook;
  const choice = useExecutionChoice(choices, snapshot?.steps ?? NO_STEPS);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={!snapshot || !can("Deploy")} title={can("Deploy") ? undefined : needs("Deploy")} className={secondaryButton} aria-label={`Run ${runbook.name}`}>
        Run…
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Run ${runbook.name}`}>
        {snapshot && (
          <ExecutionForm
            choice={choice}
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
