/**
 * The policy input object of spec section 4: the one definition from which the TypeScript type,
 * the checked-in JSON Schema, the editor's `input.` completions and the Schema page all derive.
 * Field names are PascalCase exactly as Octopus sends them; optional fields are absent, never null.
 */
import { z } from "zod";

const id = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}-\\d+$`)).describe(`Octopus id, e.g. "${prefix}-1"`);

const tags = z
  .array(z.string().regex(/^[^/]+\/.+$/))
  .describe('Tags as "<tag set>/<tag>" strings, e.g. "region/us-east"');

const named = (prefix: string, what: string) =>
  z.object({
    Id: id(prefix),
    Name: z.string().describe(`The ${what}'s display name`),
    Slug: z.string().describe(`The ${what}'s URL-safe slug`),
  });

const taggedNamed = (prefix: string, what: string) => named(prefix, what).extend({ Tags: tags });

export const StepSourceSchema = z
  .object({
    Type: z
      .enum(["Step", "Step Template", "Process Template"])
      .describe('"Step" for a step defined in the process, else the kind of template it comes from'),
    SlugOrId: z.string().describe("The step's own slug, or the slug or id of the template"),
    Version: z.string().optional().describe("The template version the step is pinned to, when it comes from a template"),
  })
  .strict();

export const StepPackageSchema = z
  .object({
    Id: z.string().describe("The package id in the feed, e.g. \"acme-web\""),
    Name: z.string().describe("The package reference name in the step"),
    Version: z.string().optional().describe("The package version chosen for this release"),
    GitRef: z.string().optional().describe('Git ref from the build information of that version, e.g. "refs/heads/main"'),
  })
  .strict();

export const StepSchema = z
  .object({
    Id: id("Steps"),
    Slug: z.string().describe("The step's slug"),
    ActionType: z.string().describe('Octopus action type, e.g. "Octopus.Manual", "Octopus.Script"'),
    Enabled: z.boolean().describe("false when the step is disabled in the process"),
    IsRequired: z.boolean().describe("Required steps cannot be skipped when starting an execution"),
    Source: StepSourceSchema.describe("Where the step comes from"),
    Packages: z
      .array(StepPackageSchema)
      .optional()
      .describe("Packages the step references (deployments only)"),
  })
  .strict();

export const ExecutionPhaseSchema = z
  .object({
    StartTrigger: z
      .enum(["StartAfterPrevious", "StartWithPrevious"])
      .describe("StartWithPrevious runs the step in parallel with the previous one"),
    Steps: z.array(id("Steps")).describe("The top-level step id followed by its child step ids"),
  })
  .strict();

export const PolicyInputSchema = z
  .object({
    Environment: taggedNamed("Environments", "environment").strict().describe("The environment deployed to or run in"),
    Project: taggedNamed("Projects", "project").strict().describe("The project being deployed or whose runbook runs"),
    Space: named("Spaces", "space").strict().describe("The space the project lives in"),
    ProjectGroup: named("ProjectGroups", "project group").strict().describe("The project's group"),
    Tenant: taggedNamed("Tenants", "tenant")
      .strict()
      .optional()
      .describe("The tenant, for tenanted executions only"),
    Steps: z.array(StepSchema).describe("Every step of the process in order, including disabled and skipped ones"),
    SkippedSteps: z.array(id("Steps")).describe("Ids of the steps excluded when the execution was started"),
    Execution: z
      .array(ExecutionPhaseSchema)
      .describe("One entry per top-level step, in order; the first always starts after previous"),
    Release: z
      .object({
        Id: id("Releases"),
        Name: z.string().describe("The release's display name"),
        Version: z.string().describe("The release version, e.g. \"1.4.0\""),
        GitRef: z.string().optional().describe("Git ref the release was created from (version-controlled projects)"),
      })
      .strict()
      .optional()
      .describe("The release being deployed; deployments only"),
    Runbook: z
      .object({
        Id: id("Runbooks"),
        Name: z.string().describe("The runbook's display name"),
        Snapshot: z.string().describe("The published snapshot being run"),
        GitRef: z.string().optional().describe("Git ref of the runbook (version-controlled runbooks)"),
      })
      .strict()
      .optional()
      .describe("The runbook being run; runbook runs only"),
  })
  .strict();

export type PolicyInput = z.infer<typeof PolicyInputSchema>;
export type PolicyInputStep = z.infer<typeof StepSchema>;

/** JSON Schema (draft 2020-12) of the input, as checked in at `lib/policy-input/input.schema.json`. */
export function policyInputJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://policy-hub.local/schemas/policy-input.json",
    title: "Policy input",
    ...z.toJSONSchema(PolicyInputSchema, { target: "draft-2020-12" }),
  };
}
