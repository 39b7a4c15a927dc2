import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Imported first by the harness: lib/db/client reads DATABASE_URL when it loads, and the route
// handlers use that client and the repository at PLATFORM_HUB_REPO. Each test file runs in its
// own process, so each gets its own database and repository.
export const tempDir = mkdtempSync(path.join(tmpdir(), "policies-api-"));
process.env.DATABASE_URL = `file:${path.join(tempDir, "app.db")}`;
process.env.PLATFORM_HUB_REPO = path.join(tempDir, "platform-hub.git");
