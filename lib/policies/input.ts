/** The input object every policy is evaluated against (field names as Octopus uses them). */

export type NamedRef = { Id: string; Name: string; Slug: string };
export type TaggedRef = NamedRef & { Tags: string[] };

export type InputPackage = { Id: string; Name: string; Version?: string; GitRef?: string };

export type InputStep = {
  Id: string;
  Slug: string;
  ActionType: string;
  Enabled: boolean;
  IsRequired: boolean;
  Source: { Type: "Step" | "Step Template" | "Process Template"; SlugOrId: string; Version?: string };
  Packages?: InputPackage[];
};

export type StartTrigger = "StartAfterPrevious" | "StartWithPrevious";
export type ExecutionEntry = { StartTrigger: StartTrigger; Steps: string[] };

export type PolicyInput = {
  Environment: TaggedRef;
  Project: TaggedRef;
  Space: NamedRef;
  ProjectGroup: NamedRef;
  Tenant?: TaggedRef;
  Steps: InputStep[];
  SkippedSteps: string[];
  Execution: ExecutionEntry[];
  Release?: { Id: string; Name: string; Version: string; GitRef?: string };
  Runbook?: { Id: string; Name: string; Snapshot: string; GitRef?: string };
};
