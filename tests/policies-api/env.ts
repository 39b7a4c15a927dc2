import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPostgresDatabase, POSTGRES_TEST_SERVER } from "@/lib/db/test-postgres";

// Imported first by the harness: lib/db/client reads DATABASE_URL when it loads, and the route
// handlers use that client and the repository at PLATFORM_HUB_REPO. Each test file runs in its
// own process, so each gets its own database and repository.
export const tempDir = mkdtempSync(path.join(tmpdir(), "policies-api-"));
// On PostgreSQL (scripts/test-postgres.sh) the database is a migrated copy of the template already.
export const postgresDatabase = POSTGRES_TEST_SERVER ? createPostgresDatabase(POSTGRES_TEST_SERVER) : undefined;
process.env.DATABASE_URL = postgresDatabase?.url ?? `file:${path.join(tempDir, "app.db")}`;
process.env.PLATFORM_HUB_REPO = path.join(tempDir, "platform-hub.git");
