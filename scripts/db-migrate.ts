import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { migratePostgres } from "../lib/db/postgres-migrate";
import { databaseFile, databaseUrl, isPostgresUrl } from "../lib/db/url";

const url = databaseUrl();
if (isPostgresUrl(url)) {
  // Prisma's schema engine cannot migrate PostgreSQL here: the checked-in twins are applied instead.
  void migratePostgres(url, console.log).then((applied) => console.log(`${applied.length} PostgreSQL migration(s) applied`));
} else {
  // Applies the checked-in migrations (offline: `migrate deploy` needs no engines download), then
  // switches the file to WAL so the web server and the task worker can read while one writes.
  const file = databaseFile(url);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
}
