import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile, databaseUrl } from "../lib/db/url";

// Applies the checked-in migrations (offline: `migrate deploy` needs no engines download), then
// switches the file to WAL so the web server and the task worker can read while one writes.
const url = databaseUrl();
const file = databaseFile(url);
mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.close();
