/**
 * The audit page's filters as they live in the URL, so a filtered view can be shared. Parsing is
 * forgiving (a bad value drops that filter rather than failing the page); the same schema reads
 * the export route's query string.
 */
import { z } from "zod";
import { POLICY_OUTCOMES } from "../../db/enums";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const id = z.string().trim().min(1).max(100);

/** One value or many (`?group=a&group=b`), kept as a de-duplicated list. */
const many = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s.length > 0 && s.length <= 200))])
  .optional()
  .catch(undefined);

const day = z
  .string()
  .regex(DAY)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
  .optional()
  .catch(undefined);

const single = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (Array.isArray(v) ? v[0] : v === "" ? undefined : v), schema.optional()).catch(undefined);

export const auditFilterSchema = z.object({
  group: many,
  /** Days in UTC, both inclusive. */
  from: day,
  to: day,
  project: single(id),
  environment: single(id),
  tenant: single(id),
  policy: single(id),
  outcome: single(z.enum(POLICY_OUTCOMES)),
  user: single(id),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export function parseAuditFilter(params: Record<string, string | string[] | undefined> | URLSearchParams): AuditFilter {
  return auditFilterSchema.parse(params instanceof URLSearchParams ? toRecord(params) : params);
}

function toRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

/** The filter back as query parameters (no empty ones), for links that keep it. */
export function auditFilterToSearchParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const group of filter.group ?? []) params.append("group", group);
  for (const key of ["from", "to", "project", "environment", "tenant", "policy", "outcome", "user"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function isFiltered(filter: AuditFilter): boolean {
  return auditFilterToSearchParams(filter).size > 0;
}

/** The half-open time range [from 00:00, day after `to` 00:00) in UTC. */
export function dateRange(filter: AuditFilter): { since?: Date; until?: Date } {
  const since = filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined;
  const until = filter.to ? new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000) : undefined;
  return { since, until };
}
