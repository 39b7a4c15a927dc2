import { z } from "zod";
import { TASK_KINDS } from "@/lib/db/enums";
import { policyDocSchema } from "../schemas";

/** The most executions one run may look at: a run holds every row's input in memory while it streams. */
export const MAX_EVALUATION_LIMIT = 5000;
export const DEFAULT_EVALUATION_LIMIT = 1000;

const id = z.string().min(1).max(100);

export const evaluationFiltersSchema = z
  .object({
    spaceId: id.optional(),
    projectId: id.optional(),
    environmentId: id.optional(),
    tenantId: id.optional(),
    kind: z.enum(TASK_KINDS).optional(),
    from: z.iso.datetime({ offset: true, message: "from must be an ISO date-time" }).optional(),
    to: z.iso.datetime({ offset: true, message: "to must be an ISO date-time" }).optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), { message: "from must not be after to", path: ["from"] });

export type EvaluationFilters = z.infer<typeof evaluationFiltersSchema>;

/** What to evaluate: the editor's unsaved policy, or one published version by its number. */
export const evaluationRequestSchema = z
  .object({
    policy: policyDocSchema.optional(),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, "version must look like 1.2.3").optional(),
    filters: evaluationFiltersSchema.default({}),
    limit: z.number().int().min(1).max(MAX_EVALUATION_LIMIT, `limit must be at most ${MAX_EVALUATION_LIMIT}`).default(DEFAULT_EVALUATION_LIMIT),
  })
  .strict()
  .refine((b) => (b.policy === undefined) !== (b.version === undefined), "Give either the policy (the draft) or a published version, not both");

export type EvaluationRequest = z.infer<typeof evaluationRequestSchema>;
