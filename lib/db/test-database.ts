import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createPrismaClient, type Db } from "./client";

const MIGRATIONS = path.resolve(__dirname, "../../prisma/migrations");

export interface TestDatabase {
  db: Db;
  url: string;
  dispose(): Promise<void>;
}

/**
 * With POLICY_HUB_TEST_POSTGRES_URL set (scripts/test-postgres.sh sets it), test databases are
 * PostgreSQL databases copied from the template database that script migrated; otherwise SQLite.
 */
const POSTGRES_SERVER = process.env.POLICY_HUB_TEST_POSTGRES_URL;
export const POSTGRES_TEMPLATE = "policy_hub_template";

/** psql, synchronously: test set-up hooks create their database without awaiting. */
function psql(serverUrl: string, sql: string): void {
  execFileSync("psql", [serverUrl, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], { stdio: ["ignore", "ignore", "pipe"] });
}

function createPostgresTestDatabase(serverUrl: string): TestDatabase {
  const name = `policy_hub_test_${randomUUID().replaceAll("-", "")}`;
  psql(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${POSTGRES_TEMPLATE}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createPrismaClient(url.toString());
  return {
    db,
    url: url.toString(),
    async dispose() {
      await db.$disconnect();
      psql(serverUrl, `DROP DATABASE "${name}" WITH (FORCE)`);
    },
  };
}

/**
 * A fresh SQLite file in a temporary folder with the checked-in migrations applied in order,
 * the same SQL `prisma migrate deploy` runs, so tests exercise the real schema (or a fresh
 * PostgreSQL database, see above).
 */
export function createTestDatabase(): TestDatabase {
  if (POSTGRES_SERVER) return createPostgresTestDatabase(POSTGRES_SERVER);
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
