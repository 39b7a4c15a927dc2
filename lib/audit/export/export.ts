/**
 * Export of the filtered audit log as CSV or JSON lines, streamed: records are read page by page
 * with the audit page's own keyset query, so an export of a million records never holds more than
 * one page in memory and never pays for OFFSET.
 */
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import type { AuditFilter } from "../query/filters";
import { parseDetails, queryAuditPage, type AuditRow } from "../query/page";
import { decodeCursor } from "../query/cursor";

export const EXPORT_FORMATS = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  jsonl: { contentType: "application/x-ndjson; charset=utf-8", extension: "jsonl" },
} as const;
export const exportFormat = z.enum(["csv", "jsonl"]);
export type ExportFormat = z.infer<typeof exportFormat>;

const EXPORT_BATCH = 1000;

export const EXPORT_COLUMNS = [
  "id", "occurredAt", "eventGroup", "category", "message", "userId", "username", "spaceId", "projectId",
  "environmentId", "tenantId", "taskId", "policyId", "policyVersionId", "outcome", "details",
] as const satisfies readonly (keyof AuditRow)[];

/** RFC 4180: quote every field that holds a quote, comma or line break; double the quotes. */
export function csvField(value: string | null): string {
  if (value === null) return "";
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRow(row: AuditRow): string {
  return EXPORT_COLUMNS.map((c) => csvField(c === "occurredAt" ? row.occurredAt.toISOString() : row[c])).join(",") + "\r\n";
}

/** The record as one JSON object per line, with `details` as an object rather than a string. */
export function jsonLine(row: AuditRow): string {
  return `${JSON.stringify({ ...row, occurredAt: row.occurredAt.toISOString(), details: parseDetails(row.details) })}\n`;
}

/** The records the filter matches, newest first, a page of `batch` at a time. */
async function* auditPages(db: DbOrTx, filter: AuditFilter, batch: number): AsyncGenerator<AuditRow[]> {
  let cursor: string | undefined;
  do {
    const page = await queryAuditPage(db, { filter, cursor: decodeCursor(cursor), limit: batch });
    yield page.rows;
    cursor = page.older;
  } while (cursor);
}

/** Every record the filter matches, newest first, a batch at a time. */
export async function* auditRecords(db: DbOrTx, filter: AuditFilter, batch: number = EXPORT_BATCH): AsyncGenerator<AuditRow> {
  for await (const rows of auditPages(db, filter, batch)) yield* rows;
}

/**
 * The export's body. Its first page is read before it resolves, so a query that fails (the
 * database, a filter it cannot run) fails the request, which the route answers with a status and
 * the error shape; once the body streams its status is sent, and a failure can only cut it off.
 */
export async function exportStream(db: DbOrTx, filter: AuditFilter, format: ExportFormat, batch: number = EXPORT_BATCH): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const line = format === "csv" ? csvRow : jsonLine;
  const pages = auditPages(db, filter, batch);
  let first: IteratorResult<AuditRow[]> | undefined = await pages.next();
  let header = format === "csv" ? EXPORT_COLUMNS.join(",") + "\r\n" : "";
  return new ReadableStream<Uint8Array>({
    // One page per pull keeps memory flat and lets a slow client pace the reads.
    // A pull that enqueues nothing is not called again, so an empty page (no records at all) reads on.
    async pull(controller) {
      for (;;) {
        const page = first ?? (await pages.next());
        first = undefined;
        const text = header + (page.done ? "" : page.value.map(line).join(""));
        header = "";
        if (page.done) {
          if (text) controller.enqueue(encoder.encode(text));
          return controller.close();
        }
        if (text) return controller.enqueue(encoder.encode(text));
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
