import type { DbOrTx } from "./client";
import { isPostgres } from "./dialect";
import { Prisma } from "./generated/client";

/**
 * Pieces for `db.$queryRaw` templates that both dialects run: `join` binds a list of values, each
 * in the placeholder syntax of the client the query goes to (`?` on SQLite, `$1` on PostgreSQL),
 * and `raw` splices trusted SQL text. Identifiers in such queries are double-quoted: unquoted ones
 * are folded to lower case on PostgreSQL.
 */
export const join = Prisma.join;
export const raw = Prisma.raw;
/** A fragment with bound values to splice into a template (`empty` when a condition is left out). */
export const sql = Prisma.sql;
export const empty = Prisma.empty;

/**
 * SQL text for `$queryRawUnsafe` written with `?` placeholders, numbered `$1, $2, ...` when the
 * client is PostgreSQL's. Only for text built from fixed fragments, where no literal holds a `?`.
 */
export function placeholders(db: DbOrTx, sql: string): string {
  if (!isPostgres(db)) return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
