import { z } from "zod";

export const PAGE_SIZE = 50;

/**
 * Lists that grow with history page by keyset, never by OFFSET: a position in a newest-first
 * order of (time, id), and the next page is what comes after it. OFFSET reads every row skipped,
 * so the thousandth page of a million tasks costs a thousand pages.
 */
export interface Position {
  at: Date;
  id: string;
}

/** Readable on purpose: it sits in shareable URLs, and "2026-11-27T15:28:26.762Z_Events-885" says where a page starts. */
export function encodePosition(position: Position): string {
  return `${position.at.toISOString()}_${position.id}`;
}

const positionText = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[A-Za-z0-9-]{1,100}$/);

/** Undefined for anything that is not a position this module wrote: the list then starts at the newest. */
export function decodePosition(value: unknown): Position | undefined {
  const text = positionText.safeParse(Array.isArray(value) ? value[0] : value);
  if (!text.success) return undefined;
  const split = text.data.indexOf("_");
  const at = new Date(text.data.slice(0, split));
  return Number.isNaN(at.getTime()) ? undefined : { at, id: text.data.slice(split + 1) };
}

/**
 * Counting stops here: a count reads every row it counts, so "10,000+" costs ten thousand index
 * entries however many millions match, and nobody pages that far by hand.
 */
export const COUNT_CAP = 10_000;

export interface CappedCount {
  /** Exact up to COUNT_CAP; COUNT_CAP when `capped`. */
  total: number;
  capped: boolean;
}

/** For a count made with `take: COUNT_CAP + 1`. */
export function cappedCount(counted: number): CappedCount {
  return counted > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total: counted, capped: false };
}
