"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { nextReleaseVersion } from "@/lib/projects/next-release-version";
import { Dialog } from "../Dialog";
import { controlClass, fieldClass, FormFooter, postJson } from "./DialogForm";

/** Creates a release (package versions default to the latest build information) and offers to deploy it. */
export function CreateReleaseDialog({ open, onClose, projectId, projectSlug, latestVersion }: {
  open: boolean;
  onClose: () => void;
  projectId: string;
  projectSlug: string;
  latestVersion?: string;
}) {
  const router = useRouter();
  const [version, setVersion] = useState(() => nextReleaseVersion(latestVersion));
  const [notes, setNotes] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await postJson<{ id: string }>("/api/releases", { projectId, version, ...(notes ? { notes } : {}) });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    onClose();
    // The page opens the deploy dialog on the new release.
    router.push(`/projects/${projectSlug}?deploy=${encodeURIComponent(result.value.id)}`);
  };
  return (
    <Dialog open={open} onClose={onClose} title="Create a release">
      <form onSubmit={submit} className="flex flex-col gap-3">
        <label className={fieldClass}>
          Version
          <input required value={version} onChange={(e) => setVersion(e.currentTarget.value)} className={`${controlClass} font-mono`} />
        </label>
        <label className={fieldClass}>
          Release notes
          <textarea value={notes} onChange={(e) => setNotes(e.currentTarget.value)} rows={3} className={controlClass} />
        </label>
        <p className="text-xs text-slate-500">Each package gets the latest version that has build information.</p>
        <FormFooter error={error} busy={busy} submitLabel="Create release" busyLabel="Creating…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
