import { decodePosition, encodePosition } from "@/lib/paging";

/** A position in the audit log's order (occurredAt, id), both descending; written as lib/paging writes positions. */
export interface AuditCursor {
  occurredAt: Date;
  id: string;
}

export function encodeCursor(cursor: AuditCursor): string {
  return encodePosition({ at: cursor.occurredAt, id: cursor.id });
}

/** Undefined for anything that is not a cursor this module wrote: the page then starts at the newest. */
export function decodeCursor(value: unknown): AuditCursor | undefined {
  const position = decodePosition(value);
  return position && { occurredAt: position.at, id: position.id };
}
