/**
 * Bulk writing for the scale generator: multi-row INSERTs through one prepared statement per
 * table, flushed in big batches, inside transactions the caller opens.
 */
import type Database from "better-sqlite3";

/** SQLite's default limit of bound parameters per statement is 32,766. */
const MAX_PARAMETERS = 32_000;
const MAX_ROWS = 500;

export class BulkInsert {
  private readonly batch: number;
  private readonly full: Database.Statement;
  private values: unknown[] = [];
  private rows = 0;
  count = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.batch = Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns.length));
    this.full = db.prepare(this.sql(this.batch));
  }

  private sql(rows: number): string {
    const row = `(${this.columns.map(() => "?").join(", ")})`;
    return `INSERT INTO "${this.table}" (${this.columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(rows).fill(row).join(", ")}`;
  }

  add(...row: unknown[]): void {
    for (const value of row) this.values.push(value);
    this.rows += 1;
    this.count += 1;
    if (this.rows === this.batch) {
      this.full.run(this.values);
      this.values = [];
      this.rows = 0;
    }
  }

  flush(): void {
    if (this.rows === 0) return;
    this.db.prepare(this.sql(this.rows)).run(this.values);
    this.values = [];
    this.rows = 0;
  }
}

/** Dates as the Prisma SQLite adapter stores them: ISO-8601 text with an explicit UTC offset. */
export const sqliteDate = (ms: number): string => new Date(ms).toISOString().replace("Z", "+00:00");

/**
 * Drops a table's secondary indexes (unique ones too: the generator writes valid data) and hands
 * back a function that builds them again: building an index once after the fill is several
 * times faster than updating it per row.
 */
export function deferIndexes(db: Database.Database, table: string): () => void {
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  return () => {
    for (const index of indexes) db.exec(index.sql);
  };
}

/**
 * Drops the triggers whose names start with `prefix` and gives back a function that creates them
 * again, for triggers that read indexes deferIndexes has dropped: with those gone, each row's
 * trigger would scan a whole table.
 */
export function deferTriggers(db: Database.Database, prefix: string): () => void {
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, length(?)) = ?").all(prefix, prefix) as { name: string; sql: string }[];
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  return () => {
    for (const trigger of triggers) db.exec(trigger.sql);
  };
}

/** Small deterministic generator, so every run measures the same data. */
export function seededRandom(seed = 0x2545f491) {
  let state = seed;
  const random = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  return { random, pick };
}
