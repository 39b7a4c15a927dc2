import { z } from "zod";

/**
 * A position in the audit log's order (occurredAt, id), both descending. Readable on purpose: it
 * sits in shareable URLs, and "2026-11-27T15:28:26.762Z_Events-885" says where a page starts.
 */
export interface AuditCursor {
  occurredAt: Date;
  id: string;
}

export function encodeCursor(cursor: AuditCursor): string {
  return `${cursor.occurredAt.toISOString()}_${cursor.id}`;
}

const cursorText = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[A-Za-z0-9-]{1,100}$/);

/** Undefined for anything that is not a cursor this module wrote: the page then starts at the newest. */
export function decodeCursor(value: unknown): AuditCursor | undefined {
  const text = cursorText.safeParse(Array.isArray(value) ? value[0] : value);
  if (!text.success) return undefined;
  const split = text.data.indexOf("_");
  const occurredAt = new Date(text.data.slice(0, split));
  return Number.isNaN(occurredAt.getTime()) ? undefined : { occurredAt, id: text.data.slice(split + 1) };
}
