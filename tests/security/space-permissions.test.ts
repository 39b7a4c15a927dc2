import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { createWorld, W } from "../executions/world";
import { credentialForRole, type TestCredential } from "./credentials";

vi.hoisted(() => {
  process.env.DATABASE_URL = "file:/nonexistent/policy-hub-space-permissions.db";
});

let database: TestDatabase;
let releases: typeof import("@/app/api/releases/route");
let tasks: typeof import("@/app/api/tasks/[id]/route");
let here: TestCredential;
let elsewhere: TestCredential;

beforeAll(async () => {
  database = createTestDatabase();
  await createWorld(database.db);
  process.env.DATABASE_URL = database.url;
  delete (globalThis as { policyHubPrisma?: unknown }).policyHubPrisma;
  vi.resetModules();
  releases = await import("@/app/api/releases/route");
  tasks = await import("@/app/api/tasks/[id]/route");
  here = await credentialForRole(database.db, "deployer-here", "Deployer", W.space);
  elsewhere = await credentialForRole(database.db, "deployer-elsewhere", "Deployer", "Spaces-99");
});
afterAll(async () => {
  const { prisma } = await import("@/lib/db/client");
  await prisma.$disconnect();
  await database.dispose();
});

const createRelease = (who: TestCredential, version: string) =>
  releases.POST(new Request("http://policy-hub.test/api/releases", { method: "POST", headers: { "content-type": "application/json", ...who.headers }, body: JSON.stringify({ projectId: W.web, version }) }));

describe("permissions granted per space", () => {
  it("a Deployer of another space may not create a release here; the answer names the permission and the space", async () => {
    const response = await createRelease(elsewhere, "1.0.0");
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden", details: { permission: "Deploy", spaceId: W.space } } });
  });

  it("a Deployer of this space may, and the release is recorded as theirs with the API key named in the audit record", async () => {
    const response = await createRelease(here, "1.0.1");
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect((await database.db.release.findUniqueOrThrow({ where: { id } })).createdById).toBe(here.userId);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { eventGroup: "Release created", userId: here.userId } });
    expect(JSON.parse(audit.details)).toMatchObject({ via: "apiKey", apiKeyName: "tests" });
  });

  it("reading a task checks the task's space", async () => {
    const task = await database.db.serverTask.create({ data: { id: "ServerTasks-900", spaceId: W.space, kind: "Deploy", description: "t" } });
    const read = (who: TestCredential) => tasks.GET(new Request(`http://policy-hub.test/api/tasks/${task.id}`, { headers: who.headers }), { params: Promise.resolve({ id: task.id }) });
    expect((await read(elsewhere)).status).toBe(403);
    expect((await read(here)).status).toBe(200);
  });
});
