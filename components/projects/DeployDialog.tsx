"use client";

import { useState } from "react";
import type { DialogStep } from "@/lib/projects/queries";
import { Dialog } from "../Dialog";
import { controlClass, fieldClass } from "./DialogForm";
import { ExecutionForm, useExecutionChoice, type TargetChoices } from "./ExecutionForm";

const NO_STEPS: DialogStep[] = [];

export function DeployDialog({ open, onClose, choices, releases, initialReleaseId }: {
  open: boolean;
  onClose: () => void;
  choices: TargetChoices;
  releases: { id: string; version: string; steps: DialogStep[] }[];
  initialReleaseId?: string;
}) {
  const [releaseId, setReleaseId] = useState(initialReleaseId ?? releases[0]?.id ?? "");
  const release = releases.find((r) => r.id === releaseId);
  const choice = useExecutionChoice(choices, release?.steps ?? NO_STEPS);
  return (
    <Dialog open={open} onClose={onClose} title="Deploy a release">
      {!release ? (
        <p className="text-sm text-slate-600">Create a release first: a deployment deploys a release.</p>
      ) : (
        <ExecutionForm
          choice={choice}
          url="/api/deployments"
          request={(target) => ({ ...target, releaseId })}
          submitLabel="Deploy"
          busyLabel="Deploying…"
          onCancel={onClose}
        >
          <label className={fieldClass}>
            Release
            <select value={releaseId} onChange={(e) => setReleaseId(e.currentTarget.value)} className={controlClass}>
              {releases.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.version}
                </option>
              ))}
            </select>
          </label>
        </ExecutionForm>
      )}
    </Dialog>
  );
}
