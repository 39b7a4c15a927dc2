/**
 * The audit page's filters as they live in the URL, so a filtered view can be shared. Parsing is
 * forgiving (a bad value drops that filter rather than failing the page); the same schema reads
 * the export route's query string.
 */
import { z } from "zod";
import { POLICY_OUTCOMES } from "@/lib/db/enums";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const id = z.string().trim().min(1).max(100);

/** One value or many (`?group=a&group=b`), kept as a de-duplicated list. */
const many = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s.length > 0 && s.length <= 200))])
  .optional()
  .catch(undefined);

/** Midnight UTC of a `YYYY-MM-DD` day that exists (Date.parse takes 2026-02-31 as March 3rd). */
function startOfDay(day: string): Date | undefined {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? date : undefined;
}

const day = z
  .string()
  .regex(DAY)
  .refine((s) => startOfDay(s) !== undefined)
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

/** Dates the database can store and compare: four-digit years (Prisma refuses year 10000). */
const LAST_STORABLE = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * The half-open time range [from 00:00, day after `to` 00:00) in UTC. A `to` of 9999-12-31 has no
 * day after that the database can hold, and nothing can be later, so it sets no upper bound.
 */
export function dateRange(filter: AuditFilter): { since?: Date; until?: Date } {
  const since = filter.from ? startOfDay(filter.from) : undefined;
  const end = filter.to ? startOfDay(filter.to) : undefined;
  const until = end && end.getTime() + 86_400_000 <= LAST_STORABLE ? new Date(end.getTime() + 86_400_000) : undefined;
  return { since, until };
}
