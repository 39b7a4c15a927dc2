import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { createWorld, W } from "./world";
import { credentialForRole } from "../security/credentials";

// Importing the test-database helper creates the app's shared client too: point it nowhere
// until the test database exists, so nothing here can ever touch data/dev.db.
vi.hoisted(() => {
  process.env.DATABASE_URL = "file:/nonexistent/policy-hub-api-test.db";
});

let database: TestDatabase;
/** The seeded administrator's API key: every route needs a caller. */
let apiKey: string;
const auth = () => ({ "x-octopus-apikey": apiKey });
let routes: {
  releases: typeof import("@/app/api/releases/route");
  deployments: typeof import("@/app/api/deployments/route");
  runbookRuns: typeof import("@/app/api/runbook-runs/route");
  tasks: typeof import("@/app/api/tasks/route");
  task: typeof import("@/app/api/tasks/[id]/route");
  cancel: typeof import("@/app/api/tasks/[id]/cancel/route");
  dashboard: typeof import("@/app/api/projects/[slug]/dashboard/route");
};

beforeAll(async () => {
  database = createTestDatabase();
  await createWorld(database.db);
  apiKey = (await credentialForRole(database.db, "admin", "Administrator")).apiKey;
  // The routes use the app's shared client, made from DATABASE_URL when its module is first evaluated.
  process.env.DATABASE_URL = database.url;
  delete (globalThis as { policyHubPrisma?: unknown }).policyHubPrisma;
  vi.resetModules();
  routes = {
    releases: await import("@/app/api/releases/route"),
    deployments: await import("@/app/api/deployments/route"),
    runbookRuns: await import("@/app/api/runbook-runs/route"),
    tasks: await import("@/app/api/tasks/route"),
    task: await import("@/app/api/tasks/[id]/route"),
    cancel: await import("@/app/api/tasks/[id]/cancel/route"),
    dashboard: await import("@/app/api/projects/[slug]/dashboard/route"),
  };
});
afterAll(async () => {
  const { prisma } = await import("@/lib/db/client");
  await prisma.$disconnect();
  await database.dispose();
});

const post = (body: unknown) =>
  new Request("http://localhost/api", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...auth() } });
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

describe("executions API", () => {
  it("creates a release, queues a deployment and a runbook run, shows and cancels the task", async () => {
    const release = await routes.releases.POST(post({ projectId: W.web, version: "3.0.0" }));
    expect(release.status).toBe(201);
    const { id: releaseId } = await release.json();
    expect(await database.db.release.findUnique({ where: { id: releaseId } })).not.toBeNull();

    const deployment = await routes.deployments.POST(post({ releaseId, environmentId: W.development, projectId: W.web }));
    expect(deployment.status).toBe(202);
    const { taskId } = await deployment.json();
    expect(taskId).toMatch(/^ServerTasks-\d+$/);

    const run = await routes.runbookRuns.POST(post({ runbookId: W.runbook, environmentId: W.development }));
    expect(run.status).toBe(202);

    const task = await routes.task.GET(new Request(`http://localhost/api/tasks/${taskId}?level=Info`, { headers: auth() }), params({ id: taskId }));
    expect(task.status).toBe(200);
    const detail = await task.json();
    expect(detail.task).toMatchObject({ id: taskId, state: "Queued", kind: "Deploy" });
    expect(detail.log[0].message).toMatch(/was queued by Administrator/);

    const list = await (await routes.tasks.GET(new Request(`http://localhost/api/tasks?projectId=${W.web}&state=Queued`, { headers: auth() }))).json();
    expect(list.total).toBe(2);

    const cancel = await routes.cancel.POST(new Request("http://localhost", { method: "POST", headers: auth() }), params({ id: taskId }));
    expect(await cancel.json()).toMatchObject({ state: "Canceled" });
    const again = await routes.cancel.POST(new Request("http://localhost", { method: "POST", headers: auth() }), params({ id: taskId }));
    expect(again.status).toBe(409);

    const dashboard = await routes.dashboard.GET(new Request("http://localhost/api/projects/acme-web/dashboard", { headers: auth() }), params({ slug: "acme-web" }));
    expect(dashboard.status).toBe(200);
    expect((await dashboard.json()).deployments[0]).toMatchObject({ taskId, state: "Canceled", violation: "none" });
  });

  it("answers refusals as {error: {code, message, details}} with a 4xx status", async () => {
    const { id: releaseId } = await (await routes.releases.POST(post({ projectId: W.web, version: "3.1.0" }))).json();
    const required = await routes.deployments.POST(post({ releaseId, environmentId: W.production, skippedStepIds: [W.steps.approve] }));
    expect(required.status).toBe(422);
    expect(await required.json()).toEqual({
      error: { code: "step_required", message: '"Approve change" is a required step and cannot be excluded', details: { stepId: W.steps.approve, stepSlug: "approve-change" } },
    });

    const unknownEnvironment = await routes.deployments.POST(post({ releaseId, environmentId: "Environments-77" }));
    expect(unknownEnvironment.status).toBe(422);
    expect((await unknownEnvironment.json()).error.code).toBe("unknown_environment");

    const badJson = await routes.deployments.POST(post("{not json"));
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error.code).toBe("invalid_request");

    const missing = await routes.deployments.POST(post({ environmentId: W.production }));
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.details.issues[0].path).toBe("releaseId");

    const notFound = await routes.task.GET(new Request("http://localhost/api/tasks/ServerTasks-404", { headers: auth() }), params({ id: "ServerTasks-404" }));
    expect(notFound.status).toBe(404);
    const noProject = await routes.dashboard.GET(new Request("http://localhost/api/projects/nope/dashboard", { headers: auth() }), params({ slug: "nope" }));
    expect(noProject.status).toBe(404);
  });
});
