/**
 * The policy input object (docs/policies.md, "The input"): the one definition from which the TypeScript type,
 * the checked-in JSON Schema, the editor's `input.` completions and the Schema page all derive.
 * Field names are PascalCase exactly as Octopus sends them; optional fields are absent, never null.
 *
 * Every object is open (unknown fields are allowed) as Octopus's own schema is: Octopus adds
 * fields over time, and an input copied from its verbose task log must still validate here.
 * The known fields stay typed.
 */
import { z } from "zod";

const id = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}-\\d+$`)).describe(`Octopus id, e.g. "${prefix}-1"`);

/** Octopus identifies steps by GUID, not by a prefixed number. */
const stepId = z.guid().describe('The step\'s GUID, e.g. "3f2b9c4e-8d1a-4e5f-9b7c-2a6d8e0f1c34"');

const tags = z
  .array(z.string().regex(/^[^/]+\/.+$/))
  .describe('Tags as "<tag set>/<tag>" strings, e.g. "region/us-east"');

const namedFields = (prefix: string, what: string) => ({
  Id: id(prefix),
  Name: z.string().describe(`The ${what}'s display name`),
  Slug: z.string().describe(`The ${what}'s URL-safe slug`),
});

const named = (prefix: string, what: string) => z.looseObject(namedFields(prefix, what));
const taggedNamed = (prefix: string, what: string) => z.looseObject({ ...namedFields(prefix, what), Tags: tags });

export const StepSourceSchema = z.looseObject({
  Type: z
    .enum(["Step", "Step Template", "Process Template"])
    .describe('"Step" for a step defined in the process, else the kind of template it comes from'),
  SlugOrId: z.string().describe("The step's own slug, or the slug or id of the template"),
  Version: z.string().optional().describe("The template version the step is pinned to, when it comes from a template"),
});

export const FEED_SOURCES = ["Space", "Platform Hub"] as const;

export const PackageFeedSchema = z.looseObject({
  Id: z.string().describe('The feed id, e.g. "feeds-builtin" or "Feeds-3"'),
  Name: z.string().describe("The feed's display name"),
  Slug: z.string().describe("The feed's URL-safe slug"),
  Type: z.string().describe('The feed type, e.g. "BuiltIn", "NuGet", "Docker", "Helm", "Maven"'),
  Uri: z.string().optional().describe("The feed's address; absent for the built-in feed"),
  Source: z
    .enum(FEED_SOURCES)
    .describe('"Space" for a feed of the project\'s space, "Platform Hub" for a feed shared from Platform Hub'),
});

export const StepPackageSchema = z.looseObject({
  Id: z.string().describe("The package id in the feed, e.g. \"acme-web\""),
  Name: z.string().describe("The package reference name in the step"),
  Version: z.string().optional().describe("The package version chosen for this release"),
  GitRef: z.string().optional().describe('Git ref from the build information of that version, e.g. "refs/heads/main"'),
  Feed: PackageFeedSchema.describe("The feed the package is taken from"),
});

export const StepSchema = z.looseObject({
  Id: stepId,
  Slug: z.string().describe("The step's slug"),
  ActionType: z.string().describe('Octopus action type, e.g. "Octopus.Manual", "Octopus.Script"'),
  Enabled: z.boolean().describe("false when the step is disabled in the process"),
  IsRequired: z.boolean().describe("Required steps cannot be skipped when starting an execution"),
  IsConditional: z.boolean().describe("true when a run condition (a variable expression) decides whether the step runs"),
  Source: StepSourceSchema.describe("Where the step comes from"),
  Packages: z
    .array(StepPackageSchema)
    .optional()
    .describe("Packages the step references (deployments only)"),
});

export const ExecutionPhaseSchema = z.looseObject({
  StartTrigger: z
    .enum(["StartAfterPrevious", "StartWithPrevious"])
    .describe("StartWithPrevious runs the step in parallel with the previous one"),
  Steps: z.array(stepId).describe("The top-level step id followed by its child step ids"),
});

export const PolicyInputSchema = z.looseObject({
  Environment: taggedNamed("Environments", "environment").describe("The environment deployed to or run in"),
  Project: z
    .looseObject({
      ...namedFields("Projects", "project"),
      Tags: tags,
      Template: z
        .looseObject({
          Slug: z.string().describe("The project template's slug"),
          Version: z.string().describe("The version of the project template the project uses"),
        })
        .optional()
        .describe("The Platform Hub project template, for projects made from one"),
    })
    .describe("The project being deployed or whose runbook runs"),
  Space: named("Spaces", "space").describe("The space the project lives in"),
  ProjectGroup: named("ProjectGroups", "project group").describe("The project's group"),
  Tenant: taggedNamed("Tenants", "tenant").optional().describe("The tenant, for tenanted executions only"),
  Steps: z.array(StepSchema).describe("Every step of the process in order, including disabled and skipped ones"),
  SkippedSteps: z.array(stepId).describe("Ids of the steps excluded when the execution was started"),
  Execution: z
    .array(ExecutionPhaseSchema)
    .describe("One entry per top-level step, in order; the first always starts after previous"),
  RequiresApproval: z
    .boolean()
    .describe("true when the execution needs an approved change request: the project requires change approval in this change-controlled environment"),
  Release: z
    .looseObject({
      Id: id("Releases"),
      Name: z.string().describe("The release's display name"),
      Version: z.string().describe("The release version, e.g. \"1.4.0\""),
      GitRef: z.string().optional().describe("Git ref the release was created from (version-controlled projects)"),
    })
    .optional()
    .describe("The release being deployed; deployments only"),
  Runbook: z
    .looseObject({
      Id: id("Runbooks"),
      Name: z.string().describe("The runbook's display name"),
      Snapshot: z.string().describe("The published snapshot being run"),
      GitRef: z.string().optional().describe("Git ref of the runbook (version-controlled runbooks)"),
    })
    .optional()
    .describe("The runbook being run; runbook runs only"),
});

export type PolicyInput = z.infer<typeof PolicyInputSchema>;
export type PolicyInputStep = z.infer<typeof StepSchema>;
export type PolicyInputPackage = z.infer<typeof StepPackageSchema>;
export type PackageFeed = z.infer<typeof PackageFeedSchema>;

/** JSON Schema (draft 2020-12) of the input, as checked in at `lib/policy-input/input.schema.json`. */
export function policyInputJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://policy-hub.local/schemas/policy-input.json",
    title: "Policy input",
    ...z.toJSONSchema(PolicyInputSchema, { target: "draft-2020-12" }),
  };
}
