import { Prisma } from "./generated/client";

/**
 * Pieces for `db.$queryRaw` templates that both dialects run: `join` binds a list of values, each
 * in the placeholder syntax of the client the query goes to (`?` on SQLite, `$1` on PostgreSQL),
 * and `raw` splices trusted SQL text. Identifiers in such queries are double-quoted: unquoted ones
 * are folded to lower case on PostgreSQL.
 */
export const join = Prisma.join;
export const raw = Prisma.raw;
