import { formatId, type IdPrefix } from "../db/ids";

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
