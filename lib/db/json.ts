import { z } from "zod";
import { START_TRIGGERS, STEP_SOURCE_TYPES } from "./enums";

// Shapes of the JSON text columns. Parse on read so a malformed row fails loudly at the row
// that holds it instead of somewhere in a policy input.

export const tagsSchema = z.array(z.string().regex(/^[^/]+\/.+$/, 'tags look like "<tag set>/<tag>"'));
export const stepIdsSchema = z.array(z.string());

export const snapshotPackageSchema = z.object({
  name: z.string(),
  packageId: z.string(),
  feedId: z.string(),
});

const snapshotStepFields = {
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  actionType: z.string(),
  enabled: z.boolean(),
  isRequired: z.boolean(),
  startTrigger: z.enum(START_TRIGGERS),
  source: z.object({
    type: z.enum(STEP_SOURCE_TYPES),
    slugOrId: z.string(),
    version: z.string().optional(),
  }),
  packages: z.array(snapshotPackageSchema),
  /** The step's run condition (a variable expression); absent when it always runs. */
  runCondition: z.string().optional(),
};

/** A step copied into a release or runbook snapshot: top-level steps carry their children. */
export const snapshotStepSchema = z.object({
  ...snapshotStepFields,
  children: z.array(z.object(snapshotStepFields)),
});
export const processSnapshotSchema = z.array(snapshotStepSchema);

export type SnapshotPackage = z.infer<typeof snapshotPackageSchema>;
export type SnapshotStep = z.infer<typeof snapshotStepSchema>;
export type ProcessSnapshot = z.infer<typeof processSnapshotSchema>;

export function parseJsonColumn<T>(schema: z.ZodType<T>, text: string): T {
  return schema.parse(JSON.parse(text));
}
