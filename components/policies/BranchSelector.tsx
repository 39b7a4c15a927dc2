"use client";

import { useEffect, useId, useState } from "react";
import { ApiError, policiesApi, type Branch } from "@/lib/editor/api";
import { branchNameProblem } from "@/lib/platform-hub/branch-name";
import { needs, useCan } from "@/components/auth/Permissions";
import { Dialog } from "../Dialog";
import { buttons, field } from "./ui";

interface Props {
  branch: string;
  /** Asked before switching: false keeps the current branch (e.g. unsaved changes). */
  onSwitch(branch: string, created: boolean): void;
}

/** The Platform Hub branch being edited: the default branch first, and creating a branch from this one. */
export function BranchSelector({ branch, onSwitch }: Props) {
  const can = useCan();
  const [branches, setBranches] = useState<Branch[]>([]);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  const nameId = useId();

  useEffect(() => {
    policiesApi
      .branches()
      .then(({ branches }) => setBranches(branches))
      .catch(() => setBranches([]));
  }, [branch]);

  const options = branches.some((b) => b.name === branch) ? branches : [...branches, { name: branch, isDefault: false, commitId: "" }];
  const problem = name ? branchNameProblem(name) : null;

  const create = async () => {
    if (!name || problem) return;
    setBusy(true);
    setError(null);
    try {
      const created = await policiesApi.createBranch(name, branch);
      setCreating(false);
      setName("");
      onSwitch(created.name, true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "The branch could not be created");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex items-end gap-2">
      <div>
        <label htmlFor={selectId} className="block text-xs font-semibold uppercase tracking-wide text-slate-500">
          Branch
        </label>
        <select
          id={selectId}
          value={branch}
          onChange={(e) => onSwitch(e.target.value, false)}
          className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm shadow-sm"
        >
          {options.map((b) => (
            <option key={b.name} value={b.name}>
              {b.name}
              {b.isDefault ? " (default)" : ""}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className={buttons.secondary} onClick={() => setCreating(true)} disabled={!can("PlatformHubEdit")} title={can("PlatformHubEdit") ? undefined : needs("PlatformHubEdit")}>
        New branch
      </button>
      <Dialog
        open={creating}
        onClose={() => setCreating(false)}
        title="Create branch"
        footer={
          <>
            <button type="button" className={buttons.secondary} onClick={() => setCreating(false)}>
              Cancel
            </button>
            <button type="submit" form={`${nameId}-form`} className={buttons.primary} disabled={busy || !name || !!problem}>
              Create branch
            </button>
          </>
        }
      >
        <form
          id={`${nameId}-form`}
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label htmlFor={nameId} className={field.label}>
            Branch name
          </label>
          <input id={nameId} className={`${field.input} font-mono`} value={name} onChange={(e) => setName(e.target.value)} autoFocus aria-invalid={!!problem} />
          <p className={problem ? field.error : field.hint}>{problem ?? `Created from ${branch}. Your uncommitted changes come with you.`}</p>
          {error && (
            <p role="alert" className={field.error}>
              {error}
            </p>
          )}
        </form>
      </Dialog>
    </div>
  );
}
