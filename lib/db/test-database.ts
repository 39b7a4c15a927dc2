import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createPrismaClient, type Db } from "./client";
import { createPostgresDatabase, POSTGRES_TEST_SERVER } from "./test-postgres";

const MIGRATIONS = path.resolve(__dirname, "../../prisma/migrations");

export interface TestDatabase {
  db: Db;
  url: string;
  dispose(): Promise<void>;
}

function createPostgresTestDatabase(serverUrl: string): TestDatabase {
  const { url, drop } = createPostgresDatabase(serverUrl);
  const db = createPrismaClient(url);
  return {
    db,
    url,
    async dispose() {
      await db.$disconnect();
      drop();
    },
  };
}

/**
 * A fresh SQLite file in a temporary folder with the checked-in migrations applied in order,
 * the same SQL `prisma migrate deploy` runs, so tests exercise the real schema (or a fresh
 * PostgreSQL database when POLICY_HUB_TEST_POSTGRES_URL is set, see test-postgres.ts).
 */
export function createTestDatabase(): TestDatabase {
  if (POSTGRES_TEST_SERVER) return createPostgresTestDatabase(POSTGRES_TEST_SERVER);
  const dir = mkdtempSync(path.join(tmpdir(), "policy-hub-test-"));
  const file = path.join(dir, "test.db");
  const sqlite = new Database(file);
  for (const migration of readdirSync(MIGRATIONS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    sqlite.exec(readFileSync(path.join(MIGRATIONS, migration, "migration.sql"), "utf8"));
  }
  sqlite.close();
  const url = `file:${file}`;
  const db = createPrismaClient(url);
  return {
    db,
    url,
    async dispose() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
