/**
 * The audit page's query: filtered, newest first, keyset-paged on (occurredAt, id). Never OFFSET
 * and never COUNT: both cost time proportional to the rows skipped or matched, and the log grows
 * without bound (scripts/bench-audit.ts measures this code on a million records).
 */
import type { DbOrTx } from "@/lib/db/client";
import { ensurePlannerStatistics } from "@/lib/paging/statistics";
import { placeholders } from "@/lib/db/sql";
import { dateRange, type AuditFilter } from "./filters";
import { encodeCursor, type AuditCursor } from "./cursor";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  id: string;
  occurredAt: Date;
  eventGroup: string;
  category: string;
  message: string;
  userId: string | null;
  username: string | null;
  spaceId: string | null;
  projectId: string | null;
  environmentId: string | null;
  tenantId: string | null;
  taskId: string | null;
  policyId: string | null;
  policyVersionId: string | null;
  outcome: string | null;
  details: string;
}

export interface AuditPageRequest {
  filter: AuditFilter;
  /** Rows older than this position (the "Older" link), or newer with `direction: "newer"`. */
  cursor?: AuditCursor;
  direction?: "older" | "newer";
  limit?: number;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Cursor for the next older page, when there is one. */
  older?: string;
  /** Cursor for the next newer page, when this is not the newest. */
  newer?: string;
}

const COLUMNS =
  '"id", "occurredAt", "eventGroup", "category", "message", "userId", "username", "spaceId", "projectId", "environmentId", "tenantId", "taskId", "policyId", "policyVersionId", "outcome", "details"';

/** WHERE terms and their parameters for a filter. Column names are fixed here; values are always parameters. */
function filterSql(filter: AuditFilter): { terms: string[]; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    terms.push(`"${column}" = ?`);
    params.push(value);
  };
  if (filter.group?.length) {
    terms.push(`"eventGroup" IN (${filter.group.map(() => "?").join(", ")})`);
    params.push(...filter.group);
  }
  equal("projectId", filter.project);
  equal("environmentId", filter.environment);
  equal("tenantId", filter.tenant);
  equal("policyId", filter.policy);
  equal("outcome", filter.outcome);
  equal("userId", filter.user);
  const { since, until } = dateRange(filter);
  if (since) {
    terms.push('"occurredAt" >= ?');
    params.push(since);
  }
  if (until) {
    terms.push('"occurredAt" < ?');
    params.push(until);
  }
  return { terms, params };
}

/**
 * One ordered, limited SELECT per event group when several are chosen, merged by an outer ORDER BY:
 * `eventGroup IN (...)` would make SQLite read every matching row and sort them, while each branch
 * can walk its group's (eventGroup, occurredAt) index and stop after `limit` rows.
 */
function pageSql(request: AuditPageRequest, limit: number): { sql: string; params: unknown[] } {
  const newer = request.direction === "newer" && request.cursor !== undefined;
  const order = `ORDER BY "occurredAt" ${newer ? "ASC" : "DESC"}, "id" ${newer ? "ASC" : "DESC"} LIMIT ?`;
  const groups = request.filter.group ?? [];
  const branches = groups.length > 1 ? groups.map((g) => ({ ...request.filter, group: [g] })) : [request.filter];
  const selects = branches.map((filter) => {
    const { terms, params } = filterSql(filter);
    if (request.cursor) {
      // The leading range term lets SQLite seek in an (…, occurredAt) index; the OR only breaks
      // ties between records of the same millisecond.
      terms.push(newer ? '"occurredAt" >= ? AND ("occurredAt" > ? OR "id" > ?)' : '"occurredAt" <= ? AND ("occurredAt" < ? OR "id" < ?)');
      params.push(request.cursor.occurredAt, request.cursor.occurredAt, request.cursor.id);
    }
    const where = terms.length ? ` WHERE ${terms.join(" AND ")}` : "";
    return { sql: `SELECT ${COLUMNS} FROM "AuditEvent"${where} ${order}`, params: [...params, limit] };
  });
  if (selects.length === 1) return selects[0];
  return {
    sql: `SELECT * FROM (${selects.map((s, i) => `SELECT * FROM (${s.sql}) AS "group${i}"`).join(" UNION ALL ")}) AS "groups" ${order}`,
    params: [...selects.flatMap((s) => s.params), limit],
  };
}

export async function queryAuditPage(db: DbOrTx, request: AuditPageRequest): Promise<AuditPage> {
  const limit = request.limit ?? AUDIT_PAGE_SIZE;
  const newer = request.direction === "newer" && request.cursor !== undefined;
  await ensurePlannerStatistics(db);
  const { sql, params } = pageSql(request, limit + 1);
  const fetched = await db.$queryRawUnsafe<AuditRow[]>(placeholders(db, sql), ...params);

  const more = fetched.length > limit;
  const rows = fetched.slice(0, limit).map(normalizeRow);
  if (newer) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  // Coming from a cursor means there is something on the side we came from.
  const hasOlder = newer ? true : more;
  const hasNewer = newer ? more : request.cursor !== undefined;
  return {
    rows,
    older: hasOlder && last ? encodeCursor(last) : undefined,
    newer: hasNewer && first ? encodeCursor(first) : undefined,
  };
}

/** Raw queries hand back DATETIME columns as Dates already; this keeps the type honest if not. */
function normalizeRow(row: AuditRow): AuditRow {
  return row.occurredAt instanceof Date ? row : { ...row, occurredAt: new Date(row.occurredAt as unknown as string) };
}

export async function getAuditEvent(db: DbOrTx, id: string): Promise<AuditRow | null> {
  return db.auditEvent.findUnique({ where: { id } });
}

/** The details column as an object; kept as text when malformed, so one bad record shows rather than fails. */
export function parseDetails(details: string): unknown {
  try {
    return JSON.parse(details);
  } catch {
    return details;
  }
}
