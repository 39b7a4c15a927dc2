import { createHash } from "node:crypto";
import { formatId, type IdPrefix } from "@/lib/db/ids";

/**
 * A GUID (RFC 4122 name-based layout, version 5) derived from `name`, for rows Octopus
 * identifies by GUID (steps): the same catalog entry always gets the same GUID.
 */
export function seedGuid(name: string): string {
  const b = createHash("sha1").update(`policy-hub-seed/${name}`).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Hands out ids from 1 per prefix without touching the database, so the same catalog always
 * produces the same ids and re-running the seed finds its rows again. The writer then moves
 * the real counters past the highest id used.
 */
export class SeedIds {
  private readonly counters = new Map<IdPrefix, number>();

  next(prefix: IdPrefix): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return formatId(prefix, n);
  }

  highest(): [IdPrefix, number][] {
    return [...this.counters];
  }
}
