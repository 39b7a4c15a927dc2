/**
 * Where the scale generator writes its rows: a SQLite file (sqlite-sink.ts) or a PostgreSQL
 * database (postgres-sink.ts). The generator knows the rows; a sink knows how its database takes
 * millions of them fast.
 */

/** Appends rows to one table, column values in the order given when it was opened. */
export interface RowWriter {
  add(...row: unknown[]): void;
  readonly count: number;
}

export type OpenWriter = (table: string, columns: readonly string[]) => RowWriter;

export interface ScaleSink {
  /** A timestamp as the database's Prisma adapter stores it. */
  date(ms: number): string;
  /**
   * Runs `fill`, which writes through the writers it opens, and has every table it wrote to
   * indexed once after its rows are in: building an index once is several times faster than
   * updating it per row. Rows are valid by construction, so foreign keys are not checked.
   */
  load(fill: (open: OpenWriter) => void): Promise<void>;
  /**
   * Ends the fill: counts each latest execution's outcome pairs once (the triggers that keep
   * them look evaluations up by task, an index a load drops, so they are off until here),
   * brings statistics up to date and closes the connection.
   */
  close(): Promise<void>;
}

/** The trigger names sinks keep off while loading: see ScaleSink.close. */
export const OUTCOME_TRIGGER_PREFIX = "LatestExecution_outcomes";

/**
 * Setting every latest execution's task again fires the outcome count, as the migration that
 * added it backfilled the table; valid in both dialects.
 */
export const RECOUNT_LATEST_OUTCOMES = 'UPDATE "LatestExecution" SET "taskId" = "taskId"';
