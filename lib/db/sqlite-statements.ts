import type Database from "better-sqlite3";
import type { Db } from "./client";
import { Prisma } from "./generated/client";

/**
 * The raw-query surface of a client or transaction that bulk writers use (ids, insertRows, the
 * audit chain, task logs): what `sqliteStatements` also offers.
 */
export interface RawDb {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<number>;
}

const connections = new WeakMap<object, Database.Database>();
const made = new WeakSet<RawDb>();

/** Whether `db` is a sqliteStatements object (bulk inserts bind values directly there). */
export function isSqliteStatements(db: RawDb): boolean {
  return made.has(db);
}

/** Called by client.ts when a SQLite client opens its connection. */
export function registerSqliteConnection(client: object, connection: Database.Database): void {
  connections.set(client, connection);
}

/** Distinct statements kept prepared per connection; bulk inserts have a few shapes each. */
const MAX_PREPARED = 64;
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(connection: Database.Database, sql: string): Database.Statement {
  const cache = prepared.get(connection) ?? prepared.set(connection, new Map()).get(connection)!;
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= MAX_PREPARED) cache.clear();
    stmt = connection.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** Values as Prisma's SQLite adapter binds them: dates as ISO text in UTC with "+00:00", booleans as 0/1. */
function bind(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
}

/**
 * Raw statements run straight on the SQLite connection behind `client`, for the writes of a
 * transaction that client has open (`client.$transaction(async () => ...)`): the same SQL and
 * the same transaction, without Prisma's client in between, which costs more per statement than
 * the database does (it serializes every bound value and passes the query through its query
 * compiler: about 5 ms of the gate's 12 ms transaction). Null on PostgreSQL, or for a client
 * whose connection is not open yet. Each statement first checks that the connection is inside a
 * transaction, so a write can never commit by itself outside the one it belongs to. Integers come
 * back as bigint, as from Prisma's adapter (which sets safe integers on the connection).
 */
export function sqliteStatements(client: object): RawDb | null {
  const connection = connections.get(client);
  if (!connection) return null;
  const prepare = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    if (!connection.inTransaction) throw new Error("sqliteStatements: the connection is not inside a transaction");
    const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...(values as Prisma.Sql["values"]));
    return { stmt: statement(connection, sql.sql), args: sql.values.map(bind) };
  };
  const statements: RawDb = {
    $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const { stmt, args } = prepare(query, values);
      return Promise.resolve((stmt.reader ? stmt.all(...args) : (stmt.run(...args), [])) as T);
    },
    $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const { stmt, args } = prepare(query, values);
      return Promise.resolve(stmt.reader ? stmt.all(...args).length : stmt.run(...args).changes);
    },
  };
  made.add(statements);
  return statements;
}

/**
 * Runs `work` in a transaction of `client` with the raw surface bulk writers use: on SQLite the
 * statements above, straight on the connection and inside this transaction; on PostgreSQL (or
 * should the adapter not hand its connection over) the transaction's Prisma client.
 */
export function rawTransaction<T>(client: Db, work: (tx: RawDb) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T> {
  // Looked up inside: by then the client has opened its connection.
  return client.$transaction((tx) => work(sqliteStatements(client) ?? tx), options);
}
