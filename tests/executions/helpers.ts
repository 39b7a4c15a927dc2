import { afterEach, beforeEach } from "vitest";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/identity/acting-user";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { createRelease } from "@/lib/executions/create-release";
import type { Result } from "@/lib/result";
import { CompiledPolicyCache } from "@/lib/policies/decision";
import { startDeployment, type QueuedExecution, type StartDeploymentRequest } from "@/lib/executions/start-deployment";
import { processQueue } from "@/lib/executions/worker";
import { createWorld, W } from "./world";

/** A migrated database with the test world, fresh for every test. */
export function useWorld(): { readonly db: Db } {
  let database: TestDatabase;
  beforeEach(async () => {
    database = createTestDatabase();
    await createWorld(database.db);
  });
  afterEach(async () => {
    await database.dispose();
  });
  return {
    get db() {
      return database.db;
    },
  };
}

/** The world's user, acting for everything the tests queue or cancel. */
export const actor: Actor = { id: W.user, username: "admin", displayName: "Administrator", email: null };

export function unwrap<T>(result: Result<T, string>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A release of the web project with acme-web 2.4.1 (built from main). */
export async function webRelease(db: Db, version = "2.4.1"): Promise<string> {
  return unwrap(await createRelease(db, { projectId: W.web, version, packages: [{ packageId: "acme-web", version: "2.4.1" }] }, actor)).id;
}

export async function deployWeb(db: Db, request: Partial<StartDeploymentRequest> = {}): Promise<QueuedExecution> {
  const releaseId = request.releaseId ?? (await webRelease(db));
  return unwrap(await startDeployment(db, { environmentId: W.production, ...request, releaseId }, actor));
}

/** Runs the queue to the end, with no step delay and a cache of its own. */
export function drain(db: Db): Promise<number> {
  return processQueue(db, { stepDelayMs: 0, concurrency: 2, cache: new CompiledPolicyCache() });
}

export async function taskOf(db: Db, taskId: string) {
  return db.serverTask.findUniqueOrThrow({ where: { id: taskId }, include: { logEntries: { orderBy: { seq: "asc" } } } });
}
