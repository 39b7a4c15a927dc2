import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./lib/db/url";

// The schema's `env("DATABASE_URL")` must resolve, or the CLI falls back to downloading query
// engines; defaulting it here keeps every prisma command offline without a .env file.
process.env.DATABASE_URL = databaseUrl();

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseUrl() });
  },
});
