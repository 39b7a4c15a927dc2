import path from "node:path";
import { runner } from "node-pg-migrate";

/** The checked-in PostgreSQL migrations: the twins of prisma/migrations (see docs in the README). */
export const POSTGRES_MIGRATIONS = path.resolve(__dirname, "../../prisma/postgres/migrations");

/**
 * Applies the PostgreSQL migrations not applied yet, in name order, each in its own transaction
 * and under node-pg-migrate's advisory lock, so instances starting together do not race.
 */
export async function migratePostgres(databaseUrl: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: POSTGRES_MIGRATIONS,
    direction: "up",
    migrationsTable: "_policy_hub_migrations",
    checkOrder: true,
    log,
  });
  return applied.map((m) => m.name);
}
