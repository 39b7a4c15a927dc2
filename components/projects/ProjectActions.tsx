"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { DialogStep } from "@/lib/projects/queries";
import { needs, useCan } from "@/components/auth/Permissions";
import { CreateReleaseDialog } from "./CreateReleaseDialog";
import { DeployDialog } from "./DeployDialog";
import type { TargetChoices } from "./ExecutionForm";
import { primaryButton, secondaryButton } from "./DialogForm";

export function ProjectActions({ choices, projectSlug, releases, hasOlderReleases, deployReleaseId }: {
  choices: TargetChoices;
  projectSlug: string;
  releases: { id: string; version: string; steps: DialogStep[] }[];
  /** Whether the project has releases older than `releases` (the deploy dialog reads them on demand). */
  hasOlderReleases: boolean;
  /** From `?deploy=`: open the deploy dialog on this release (after creating it). */
  deployReleaseId?: string;
}) {
  const can = useCan();
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [deploying, setDeploying] = useState(Boolean(deployReleaseId));
  const closeDeploy = () => {
    setDeploying(false);
    if (deployReleaseId) router.replace(`/projects/${projectSlug}`);
  };
  return (
    <div className="flex gap-2">
      <button type="button" className={secondaryButton} onClick={() => setCreating(true)} disabled={!can("Deploy")} title={can("Deploy") ? undefined : needs("Deploy")}>
        Create release
      </button>
      <button type="button" className={primaryButton} onClick={() => setDeploying(true)} disabled={!can("Deploy")} title={can("Deploy") ? undefined : needs("Deploy")}>
        Deploy…
      </button>
      <CreateReleaseDialog
        open={creating}
        onClose={() => setCreating(false)}
        projectId={choices.projectId}
        projectSlug={projectSlug}
        latestVersion={releases[0]?.version}
      />
      <DeployDialog key={deployReleaseId ?? "deploy"} open={deploying} onClose={closeDeploy} choices={choices} releases={releases} hasOlderReleases={hasOlderReleases} initialReleaseId={deployReleaseId} />
    </div>
  );
}
