import { z } from "zod";
import { VIOLATION_ACTIONS } from "@/lib/policies/document";
import { BUMPS } from "./versions";

// Request shapes of the policies API (docs/policies-api.md).

const text = (max: number) => z.string().max(max);

/** Slugs are checked by the lifecycle (with a message that says what to change), only bounded here. */
export const slugSchema = z.string().min(1).max(100);
export const branchSchema = z.string().min(1).max(200);

export const policyFieldsSchema = z.object({
  name: text(200),
  description: text(2000),
  violationReason: text(2000),
  violationAction: z.enum(VIOLATION_ACTIONS),
  scopeRego: text(100_000),
  conditionsRego: text(100_000),
  /** Omitted by a client that does not know of tests: the file's tests block is kept as it is. */
  testsRego: text(100_000).optional(),
});
export const policyDocSchema = policyFieldsSchema.extend({ slug: slugSchema });

export const branchQuerySchema = z.object({ branch: branchSchema.optional() });

export const createPolicySchema = z.object({
  name: z.string().trim().min(1, "Give the policy a name").max(200),
  slug: slugSchema,
  starter: slugSchema.optional(),
  branch: branchSchema.optional(),
});

export const commitPolicySchema = z.object({
  branch: branchSchema,
  policy: policyFieldsSchema,
  message: text(5000).optional(),
  baseCommitId: z.string().regex(/^[0-9a-f]{40}$/, "a full commit id (40 hex digits)").optional(),
});

export const createBranchSchema = z.object({ name: branchSchema, from: branchSchema.optional() });

export const validateSchema = z.object({ policy: policyDocSchema });

/** What to test against: an input object as given, or the input of a task rebuilt from the database. */
export const testSchema = z
  .object({
    policy: policyDocSchema,
    input: z.record(z.string(), z.unknown()).optional(),
    taskId: z.string().min(1).max(100).optional(),
  })
  .refine((b) => (b.input === undefined) !== (b.taskId === undefined), "Give either an input object or a taskId, not both")
  .transform(({ policy, input, taskId }) => ({
    policy,
    source: input !== undefined ? ({ kind: "input", input } as const) : ({ kind: "task", taskId: taskId ?? "" } as const),
  }));

export const testInputsQuerySchema = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const publishSchema = z.object({ bump: z.enum(BUMPS), branch: branchSchema.optional() });

export const versionParamSchema = z.string().regex(/^\d+\.\d+\.\d+$/, "a version like 1.2.0");
