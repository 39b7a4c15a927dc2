import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl, isPostgresUrl } from "./lib/db/url";

// The schema's `env("DATABASE_URL")` must resolve, or the CLI falls back to downloading query
// engines; defaulting it here keeps every prisma command offline without a .env file.
process.env.DATABASE_URL = databaseUrl();
// A postgresql:// URL selects the PostgreSQL copy of the schema (scripts/postgres-schema.ts) and its adapter.
const postgres = isPostgresUrl(databaseUrl());

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  async adapter() {
    return postgres ? new PrismaPg({ connectionString: databaseUrl() }) : new PrismaBetterSQLite3({ url: databaseUrl() });
  },
});
