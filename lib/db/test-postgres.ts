import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";

/**
 * Test databases on the PostgreSQL server scripts/test-postgres.sh started and named in
 * POLICY_HUB_TEST_POSTGRES_URL, each a copy of the template database that script migrated. Apart
 * from test-database.ts, which loads the app's client, so that a harness can create its database
 * before that client reads DATABASE_URL.
 */
export const POSTGRES_TEST_SERVER = process.env.POLICY_HUB_TEST_POSTGRES_URL;
export const POSTGRES_TEMPLATE = "policy_hub_template";

/** psql, synchronously: test set-up hooks and harness modules create their database without awaiting. */
function psql(serverUrl: string, sql: string): void {
  execFileSync("psql", [serverUrl, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], { stdio: ["ignore", "ignore", "pipe"] });
}

/** A fresh migrated database on the server; `drop` removes it, closing what is still connected. */
export function createPostgresDatabase(serverUrl: string): { url: string; drop(): void } {
  const name = `policy_hub_test_${randomUUID().replaceAll("-", "")}`;
  psql(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${POSTGRES_TEMPLATE}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => psql(serverUrl, `DROP DATABASE "${name}" WITH (FORCE)`) };
}
