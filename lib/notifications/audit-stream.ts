/**
 * The audit log as a resumable stream for SIEMs (GET /api/audit/stream?after=<cursor>): records in
 * chain order after the cursor, one JSON object a line, each carrying the cursor to resume after
 * it. The cursor is the record's position in the hash chain: positions are given out one after
 * another inside the write transaction (lib/audit/chain.ts), so a record never appears behind a
 * cursor already handed out, and reading after the last line seen has no gap and no duplicate.
 */
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { parseDetails } from "@/lib/audit/query/page";

export const AuditStreamQuery = z.object({
  /** The cursor of the last line read; absent or "0" starts at the first record. */
  after: z.string().regex(/^\d{1,15}$/, "after must be a cursor from a previous line").default("0"),
  /** At most this many lines per response; ask again with the last line's cursor for more. */
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});
export type AuditStreamQuery = z.infer<typeof AuditStreamQuery>;

const PAGE = 500;

/** The lines after the cursor, read from the database a page at a time as the client consumes them. */
export async function* auditStream(db: DbOrTx, query: AuditStreamQuery): AsyncGenerator<Record<string, unknown>> {
  let after = Number(query.after);
  let left = query.limit;
  while (left > 0) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: Math.min(PAGE, left) });
    for (const { seq, details, ...row } of rows) {
      yield { cursor: String(seq), seq, ...row, occurredAt: row.occurredAt.toISOString(), details: parseDetails(details) };
    }
    if (rows.length < Math.min(PAGE, left)) return;
    after = rows[rows.length - 1].seq!;
    left -= rows.length;
  }
}
