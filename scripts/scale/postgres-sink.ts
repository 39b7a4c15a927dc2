/**
 * The scale generator's PostgreSQL sink: rows are written as COPY text files in a scratch folder,
 * then loaded with psql's \copy (the `pg` driver has no COPY of its own) with foreign keys and
 * triggers off, and the tables' secondary indexes are built after.
 */
import { execFile } from "node:child_process";
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { OUTCOME_TRIGGER_PREFIX, RECOUNT_LATEST_OUTCOMES, type RowWriter, type ScaleSink } from "./sink";

const run = promisify(execFile);
const FLUSH_CHARS = 4_000_000;
/** Index builds and VACUUM FULL sort ten million keys in memory (this machine has 23 GB), not in temporary files. */
const MAINTENANCE_MEMORY = "SET maintenance_work_mem = '1GB'";
/** Two cores: one load and one index build beside another. */
const PARALLEL = 2;
/**
 * Executions load newest first. Their insert triggers offer each row to its target's latest
 * execution, and an offer older than the row in place writes nothing; oldest first, every row
 * would replace its target's row, a million row versions that a single COPY cannot prune, making
 * each next offer slower (minutes instead of seconds).
 */
const NEWEST_FIRST: Record<string, string> = { Deployment: "createdAt", RunbookRun: "createdAt" };

/** A value in COPY's text format: \N is null, and backslash, tab and line ends are escaped. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : text;
}

class CopyFile implements RowWriter {
  private readonly fd: number;
  private buffer = "";
  count = 0;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
    readonly file: string,
  ) {
    this.fd = openSync(file, "w");
  }

  add(...row: unknown[]): void {
    this.buffer += row.map(copyField).join("\t") + "\n";
    this.count += 1;
    if (this.buffer.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    writeSync(this.fd, this.buffer);
    this.buffer = "";
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

/**
 * `url` is a migrated, empty database; `dir` a scratch folder for the COPY files, removed as each
 * is loaded. The server must let this user set session_replication_role (a superuser, as the
 * throwaway server's postgres is).
 */
export async function openPostgresSink(url: string, dir: string, log: (line: string) => void): Promise<ScaleSink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(MAINTENANCE_MEMORY);
  // Loads run with session_replication_role = replica, which turns foreign keys and ordinary
  // triggers off. The triggers keeping the dashboards' rollups (latest executions, daily counts)
  // still fire, as on SQLite: they read only the rollup tables' keys, which loads leave in place.
  // The outcome-pair triggers stay off until close (see ScaleSink.close).
  const { rows: triggers } = await client.query<{ table: string; name: string }>(
    `SELECT c.relname AS "table", t.tgname AS "name" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE NOT t.tgisinternal AND t.tgenabled = 'O' AND c.relnamespace = 'public'::regnamespace AND t.tgname NOT LIKE $1`,
    [`${OUTCOME_TRIGGER_PREFIX}%`],
  );
  const setTriggers = async (mode: "ENABLE ALWAYS" | "ENABLE") => {
    for (const t of triggers) await client.query(`ALTER TABLE ${quote(t.table)} ${mode} TRIGGER ${quote(t.name)}`);
  };
  await setTriggers("ENABLE ALWAYS");
  let files = 0;

  /** Drops a table's indexes that back no constraint (keys stay: other tables' foreign keys need them) and gives back their definitions. */
  const dropIndexes = async (table: string): Promise<string[]> => {
    const { rows } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexrelid::regclass::text AS "name", pg_get_indexdef(i.indexrelid) AS "definition"
       FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [quote(table)],
    );
    for (const index of rows) await client.query(`DROP INDEX ${index.name}`);
    return rows.map((index) => index.definition);
  };

  /** Names each step that takes a second or more, so a slow load shows where its time goes. */
  const timed = async (what: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    const seconds = (performance.now() - started) / 1000;
    if (seconds >= 1) log(`    ${what} in ${seconds.toFixed(1)} s`);
  };

  const copy = async (writer: CopyFile) => {
    const order = NEWEST_FIRST[writer.table];
    if (order) {
      const key = writer.columns.indexOf(order) + 1;
      // Timestamps are ISO-8601 text, which sorts as it reads in byte order.
      await run("sort", ["-t", "\t", "-r", "-k", `${key},${key}`, "-o", writer.file, writer.file], { env: { ...process.env, LC_ALL: "C" } });
    }
    const target = `${quote(writer.table)} (${writer.columns.map(quote).join(", ")})`;
    await timed(`${writer.table}: ${writer.count} rows copied`, () =>
      run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", "SET session_replication_role = replica", "-c", `\\copy ${target} FROM '${writer.file}'`], { maxBuffer: 1 << 24 }));
    rmSync(writer.file);
  };

  return {
    date: (ms) => new Date(ms).toISOString(),
    async load(fill) {
      const writers: CopyFile[] = [];
      fill((table, columns) => {
        const writer = new CopyFile(table, columns, path.join(dir, `${++files}-${table}.copy`));
        writers.push(writer);
        return writer;
      });
      for (const writer of writers) writer.close();
      const tables = [...new Set(writers.map((w) => w.table))];
      const definitions: string[] = [];
      for (const table of tables) definitions.push(...(await dropIndexes(table)));
      // The biggest first, so the last to finish is a small one.
      await inParallel([...writers].sort((a, b) => b.count - a.count), PARALLEL, copy);
      await inParallel(definitions, PARALLEL, async (definition) => {
        const builder = new pg.Client({ connectionString: url });
        await builder.connect();
        try {
          await builder.query(MAINTENANCE_MEMORY);
          await timed(definition.replace(/ USING btree/, "").replace(/^CREATE (UNIQUE )?INDEX (\S+) ON public\.(\S+).*$/, "$3: $2 built"), () => builder.query(definition));
        } finally {
          await builder.end();
        }
      });
    },
    async close() {
      await setTriggers("ENABLE");
      await timed("latest executions' outcome pairs counted", () => client.query(RECOUNT_LATEST_OUTCOMES));
      // The rollup tables' rows changed millions of times in one go (every row of a load fires
      // their triggers), leaving them mostly dead tuples: many times the pages a live instance,
      // whose autovacuum runs as they change, scans for the same rows. Rewritten compact.
      await timed("rollup tables rewritten", () => client.query('VACUUM (FULL) "LatestExecution", "PolicyEvaluationDay"'));
      // As autovacuum leaves a live instance: statistics for the planner, and the visibility map
      // that index-only scans of the covering indexes need.
      await timed("vacuumed and analysed", () => client.query("VACUUM (ANALYZE)"));
      await client.end();
    },
  };
}
