import { isPostgres } from "./dialect";
import { Prisma } from "./generated/client";
import { isSqliteStatements, type RawDb } from "./sqlite-statements";

/** One row of a model as `createMany` takes it: scalar columns only. */
export type InsertRow<M extends Prisma.ModelName> = Exclude<Prisma.TypeMap["model"][M]["operations"]["createMany"]["args"]["data"], readonly unknown[]>;

/** Rows per statement: each statement's JSON stays a few megabytes at most. */
const MAX_ROWS = 5_000;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Dates as Prisma writes them on SQLite: ISO text in UTC with "+00:00" (PostgreSQL's timestamp
 * without time zone takes the same text as UTC). Read from the holder: `value` is already toJSON's.
 */
function jsonValue(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  return original instanceof Date ? original.toISOString().replace("Z", "+00:00") : value;
}

/**
 * Appends rows as `createMany` does, in one INSERT per set of columns given (more only past
 * MAX_ROWS), with the rows bound as one JSON array that the database unpacks (SQLite's json_each,
 * PostgreSQL's json_populate_recordset). Prisma's client costs far more than the insert itself
 * per bound value (`createMany` three times as much as a multi-row VALUES list, which is about
 * twice this), and the gate writes a few hundred values per execution inside the transaction that
 * holds the process's only SQLite connection. A column a row leaves out (or gives as undefined)
 * takes its default, as with `createMany`, so rows naming different columns go in separate
 * statements. Rows are inserted in order.
 *
 * Through sqliteStatements, where binding costs what better-sqlite3 charges, a plain multi-row
 * VALUES list instead: SQLite inserts it in half the time of unpacking the same rows from JSON.
 */
export async function insertRows<M extends Prisma.ModelName>(db: RawDb, model: M, rows: readonly InsertRow<M>[]): Promise<void> {
  const byColumns = new Map<string, { columns: string[]; rows: Record<string, unknown>[] }>();
  for (const row of rows as readonly Record<string, unknown>[]) {
    const columns = Object.keys(row).filter((c) => row[c] !== undefined).sort();
    const key = columns.join(",");
    const group = byColumns.get(key) ?? byColumns.set(key, { columns, rows: [] }).get(key)!;
    group.rows.push(row);
  }
  for (const { columns, rows: group } of byColumns.values()) {
    const bad = [model, ...columns].find((c) => !IDENTIFIER.test(c));
    if (bad) throw new Error(`not an identifier: ${JSON.stringify(bad)}`);
    const list = columns.map((c) => `"${c}"`).join(", ");
    if (isSqliteStatements(db)) {
      await insertValues(db, `INSERT INTO "${model}" (${list}) VALUES `, columns, group);
      continue;
    }
    for (let start = 0; start < group.length; start += MAX_ROWS) {
      // Bound as bytes: Prisma's client takes about 0.2 µs per quote or backslash in a string
      // parameter (escaped JSON in JSON is full of them), ten times its cost per other character.
      const json = Buffer.from(JSON.stringify(group.slice(start, start + MAX_ROWS), jsonValue));
      await db.$executeRaw(
        isPostgres(db)
          ? Prisma.sql`INSERT INTO ${Prisma.raw(`"${model}" (${list}) SELECT ${columns.map((c) => `r."${c}"`).join(", ")} FROM json_populate_recordset(NULL::"${model}", convert_from(`)}${json}, 'UTF8')::json) WITH ORDINALITY AS r ORDER BY r."ordinality"`
          : Prisma.sql`INSERT INTO ${Prisma.raw(`"${model}" (${list}) SELECT ${columns.map((c) => `value ->> '${c}'`).join(", ")} FROM json_each(CAST(`)}${json} AS TEXT)) ORDER BY "key"`,
      );
    }
  }
}

/** SQLite's default bound on a statement's parameters. */
export const SQLITE_MAX_PARAMETERS = 32_766;

async function insertValues(db: RawDb, insert: string, columns: string[], rows: Record<string, unknown>[]): Promise<void> {
  const perStatement = Math.min(MAX_ROWS, Math.floor(SQLITE_MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    // The text around each value: "INSERT ... VALUES (" ? ", " ? "), (" ? ... ")".
    const texts: string[] = [];
    const values: unknown[] = [];
    rows.slice(start, start + perStatement).forEach((row, r) =>
      columns.forEach((c, i) => {
        texts.push(i > 0 ? ", " : r > 0 ? "), (" : `${insert}(`);
        values.push(row[c]);
      }),
    );
    await db.$executeRaw(new Prisma.Sql([...texts, ")"], values as Prisma.Sql["values"]));
  }
}
