/**
 * The app's route handlers on a fresh database seeded with the executions test world, called as
 * Next calls them, by a user holding every permission (through an API key).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { PERMISSION_NAMES } from "@/lib/auth/permissions";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { createWorld } from "../executions/world";
import { credentialWith } from "../security/credentials";
import { loadEndpoints, type Endpoint } from "./endpoints";

export type { Endpoint, Handler } from "./endpoints";

export interface TestApp {
  database: TestDatabase;
  /** Headers that sign a request in as the user holding every permission. */
  headers: Record<string, string>;
  endpoints: Endpoint[];
  dispose(): Promise<void>;
}

/** Call from beforeAll: the app's client and repository are pointed at temporary ones before any route loads. */
export async function startTestApp(): Promise<TestApp> {
  const database = createTestDatabase();
  process.env.DATABASE_URL = database.url;
  // Beside the database would be no folder on PostgreSQL (scripts/test-postgres.sh).
  const repoDir = mkdtempSync(path.join(tmpdir(), "policy-hub-app-"));
  process.env.PLATFORM_HUB_REPO = path.join(repoDir, "hub.git");
  delete (globalThis as { policyHubPrisma?: unknown }).policyHubPrisma;
  vi.resetModules();
  await createWorld(database.db);
  const { headers } = await credentialWith(database.db, "holds-everything", PERMISSION_NAMES);
  const { platformHub } = await import("@/lib/platform-hub");
  const ready = await platformHub().ensureRepository();
  if (!ready.ok) throw new Error(ready.error.message);
  const endpoints = await loadEndpoints();
  return {
    database,
    headers,
    endpoints,
    async dispose() {
      const { prisma } = await import("@/lib/db/client");
      await prisma.$disconnect();
      await database.dispose();
      rmSync(repoDir, { recursive: true, force: true });
    },
  };
}

export function endpoint(app: TestApp, key: string): Endpoint {
  const found = app.endpoints.find((e) => e.key === key);
  if (!found) throw new Error(`no route ${key}`);
  return found;
}

/** Calls a handler with a JSON (or raw text) body and extra headers, and reads the answer. */
export async function send(
  app: TestApp,
  e: Endpoint,
  options: { body?: string; headers?: Record<string, string>; query?: string; params?: Record<string, string> } = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const params = { ...options.params };
  const url = e.route.replace(/\[(\w+)\]/g, (_, name: string) => (params[name] ??= `no-such-${name}`));
  const request = new Request(`http://policy-hub.test${url}${options.query ? `?${options.query}` : ""}`, {
    method: e.method,
    headers: { "content-type": "application/json", ...app.headers, ...options.headers },
    body: e.method === "GET" ? undefined : options.body,
  });
  const response = await e.handler(request, { params: Promise.resolve(params) });
  return { status: response.status, text: await response.text(), headers: response.headers };
}
