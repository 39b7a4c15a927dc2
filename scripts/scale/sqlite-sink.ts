/**
 * The scale generator's SQLite sink: multi-row INSERTs through one prepared statement per table,
 * flushed in big batches, one transaction per load.
 */
import Database from "better-sqlite3";
import { SQLITE_MAX_PARAMETERS } from "../../lib/db/insert-rows";
import { OUTCOME_TRIGGER_PREFIX, RECOUNT_LATEST_OUTCOMES, type RowWriter, type ScaleSink } from "./sink";

const MAX_ROWS = 500;

class BulkInsert implements RowWriter {
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
    this.batch = Math.min(MAX_ROWS, Math.floor(SQLITE_MAX_PARAMETERS / columns.length));
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
const sqliteDate = (ms: number): string => new Date(ms).toISOString().replace("Z", "+00:00");

/**
 * Drops a table's secondary indexes (unique ones too: the generator writes valid data) and hands
 * back a function that builds them again.
 */
function deferIndexes(db: Database.Database, table: string): () => void {
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  return () => {
    for (const index of indexes) db.exec(index.sql);
  };
}

/** Drops the triggers whose names start with `prefix` and gives back a function that creates them again. */
function deferTriggers(db: Database.Database, prefix: string): () => void {
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, length(?)) = ?").all(prefix, prefix) as { name: string; sql: string }[];
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  return () => {
    for (const trigger of triggers) db.exec(trigger.sql);
  };
}

export function openSqliteSink(file: string): ScaleSink {
  const db = new Database(file);
  // A scratch file nobody else opens, rebuilt after a crash: no journal, no syncs, one lock held
  // throughout, and a page cache and in-memory sorter large enough that building an index over
  // ten million rows sorts in memory instead of spilling to temporary files.
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("locking_mode = EXCLUSIVE");
  db.pragma("cache_size = -2000000");
  db.pragma("temp_store = MEMORY");
  db.pragma("threads = 2");
  // Rows are valid by construction; batches of different tables flush in any order.
  db.pragma("foreign_keys = OFF");
  const recreateOutcomeTriggers = deferTriggers(db, OUTCOME_TRIGGER_PREFIX);
  return {
    date: sqliteDate,
    async load(fill) {
      const writers: BulkInsert[] = [];
      const rebuilds: (() => void)[] = [];
      db.transaction(() => {
        fill((table, columns) => {
          rebuilds.push(deferIndexes(db, table));
          const writer = new BulkInsert(db, table, columns);
          writers.push(writer);
          return writer;
        });
        for (const writer of writers) writer.flush();
      })();
      for (const rebuild of rebuilds) rebuild();
    },
    async close() {
      recreateOutcomeTriggers();
      db.prepare(RECOUNT_LATEST_OUTCOMES).run();
      db.close();
    },
  };
}
