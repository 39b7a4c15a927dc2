"use client";

import type { DialogStep } from "@/lib/projects/queries";

/** Octopus's names for its built-in step types; others read as their type without the prefix. */
const STEP_TYPES: Record<string, string> = {
  "Octopus.Manual": "Manual Intervention Required",
  "Octopus.Script": "Run a Script",
  "Octopus.Email": "Send an Email",
  "Octopus.TentaclePackage": "Deploy a Package",
  "Octopus.KubernetesDeployContainers": "Deploy Kubernetes containers",
  "Octopus.KubernetesRunScript": "Run a kubectl script",
};

const stepType = (actionType: string) => STEP_TYPES[actionType] ?? actionType.replace(/^Octopus\./, "").replace(/([a-z])([A-Z])/g, "$1 $2");

/** Checkboxes to exclude steps; required steps are shown locked, disabled and conditional ones are marked. */
export function StepExclusions({ steps, excluded, onChange }: { steps: DialogStep[]; excluded: Set<string>; onChange: (next: Set<string>) => void }) {
  const toggle = (id: string, on: boolean) => {
    const next = new Set(excluded);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  const item = (step: Omit<DialogStep, "children">, child: boolean) => (
    <li key={step.id} className={child ? "pl-6" : ""}>
      <label className={`flex items-center gap-2 text-sm ${step.isRequired ? "text-slate-500" : "text-slate-800"}`}>
        <input
          type="checkbox"
          checked={excluded.has(step.id)}
          disabled={step.isRequired}
          onChange={(e) => toggle(step.id, e.currentTarget.checked)}
          className="h-4 w-4 rounded border-slate-300"
        />
        {step.name}
        <span className="text-xs text-slate-500" data-testid="step-type">
          {stepType(step.actionType)}
        </span>
        {step.isRequired && <span className="rounded bg-slate-100 px-1.5 text-xs">Required</span>}
        {!step.enabled && <span className="rounded bg-slate-100 px-1.5 text-xs">Disabled</span>}
        {step.runCondition && (
          <span className="rounded bg-amber-50 px-1.5 text-xs text-amber-800" title={`Runs only when ${step.runCondition}`}>
            Conditional
          </span>
        )}
      </label>
    </li>
  );
  return (
    <fieldset className="mt-1">
      <legend className="text-sm font-medium text-slate-700">Exclude steps</legend>
      {steps.length === 0 ? (
        <p className="text-sm text-slate-500">This process has no steps.</p>
      ) : (
        <ul className="mt-1 flex flex-col gap-1 rounded-md border border-slate-200 p-2">
          {steps.flatMap((step) => [item(step, false), ...step.children.map((c) => item(c, true))])}
        </ul>
      )}
    </fieldset>
  );
}
