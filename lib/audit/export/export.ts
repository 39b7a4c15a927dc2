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

/** Every record the filter matches, newest first, a batch at a time. */
export async function* auditRecords(db: DbOrTx, filter: AuditFilter, batch: number = EXPORT_BATCH): AsyncGenerator<AuditRow> {
  let cursor: string | undefined;
  do {
    const page = await queryAuditPage(db, { filter, cursor: decodeCursor(cursor), limit: batch });
    yield* page.rows;
    cursor = page.older;
  } while (cursor);
}

export function exportStream(db: DbOrTx, filter: AuditFilter, format: ExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const records = auditRecords(db, filter);
  let headerSent = format !== "csv";
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // One batch per pull keeps memory flat and lets a slow client pace the reads.
      const lines: string[] = [];
      if (!headerSent) {
        lines.push(EXPORT_COLUMNS.join(",") + "\r\n");
        headerSent = true;
      }
      for (let i = 0; i < EXPORT_BATCH; i++) {
        const next = await records.next();
        if (next.done) {
          if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
          controller.close();
          return;
        }
        lines.push(format === "csv" ? csvRow(next.value) : jsonLine(next.value));
      }
      controller.enqueue(encoder.encode(lines.join("")));
    },
    async cancel() {
      await records.return(undefined);
    },
  });
}
