import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpoint, send, startTestApp, type TestApp } from "./app";
import { W } from "../executions/world";

let app: TestApp;
let releaseId: string;
beforeAll(async () => {
  app = await startTestApp();
  const created = await send(app, endpoint(app, "POST /api/releases"), {
    body: JSON.stringify({ projectId: W.web, version: "2.4.1", packages: [{ packageId: "acme-web", version: "2.4.1" }] }),
  });
  expect(created.status, created.text).toBe(201);
  releaseId = JSON.parse(created.text).id;
}, 120_000);
afterAll(() => app?.dispose());

const tasks = () => app.database.db.serverTask.count();
const deploy = (key: string | undefined, body: object = { releaseId, environmentId: W.production }) =>
  send(app, endpoint(app, "POST /api/deployments"), { body: JSON.stringify(body), headers: key ? { "Idempotency-Key": key } : {} });

describe("Idempotency-Key on the POSTs that start work", () => {
  it("a repeated deployment POST with the same key creates one task and answers the same", async () => {
    const before = await tasks();
    const first = await deploy("deploy-1");
    const again = await deploy("deploy-1");
    expect(first.status, first.text).toBe(202);
    expect({ status: again.status, body: JSON.parse(again.text) }).toEqual({ status: 202, body: JSON.parse(first.text) });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("cache-control")).toBe("no-store");
    expect(await tasks()).toBe(before + 1);
  });

  it("concurrent duplicates create one task", async () => {
    const before = await tasks();
    const answers = await Promise.all(Array.from({ length: 5 }, () => deploy("deploy-concurrent")));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => JSON.parse(a.text).taskId)).size).toBe(1);
    expect(await tasks()).toBe(before + 1);
  });

  it("refuses the same key with a different body (409) and leaves requests without a key alone", async () => {
    await deploy("deploy-2");
    const before = await tasks();
    const reused = await deploy("deploy-2", { releaseId, environmentId: W.development });
    expect(reused.status).toBe(409);
    expect(JSON.parse(reused.text).error.code).toBe("idempotency_key_reused");
    await deploy(undefined);
    await deploy(undefined);
    expect(await tasks()).toBe(before + 2);
    const bad = await deploy("has spaces");
    expect([bad.status, JSON.parse(bad.text).error.code]).toEqual([400, "invalid_idempotency_key"]);
  });

  it("covers releases and runbook runs too: one release, one task, 409 for another body", async () => {
    const release = { projectId: W.web, version: "3.0.0", packages: [{ packageId: "acme-web", version: "2.4.1" }] };
    const releases = await Promise.all([1, 2].map(() => send(app, endpoint(app, "POST /api/releases"), { body: JSON.stringify(release), headers: { "Idempotency-Key": "release-1" } })));
    expect(releases.map((r) => r.status)).toEqual([201, 201]);
    expect(JSON.parse(releases[1].text)).toEqual(JSON.parse(releases[0].text));
    expect(await app.database.db.release.count({ where: { version: "3.0.0" } })).toBe(1);
    const otherRelease = await send(app, endpoint(app, "POST /api/releases"), { body: JSON.stringify({ ...release, version: "3.0.1" }), headers: { "Idempotency-Key": "release-1" } });
    expect([otherRelease.status, JSON.parse(otherRelease.text).error.code]).toEqual([409, "idempotency_key_reused"]);

    const before = await tasks();
    const run = { runbookId: W.runbook, environmentId: W.production };
    for (let i = 0; i < 2; i++) {
      const answer = await send(app, endpoint(app, "POST /api/runbook-runs"), { body: JSON.stringify(run), headers: { "Idempotency-Key": "run-1" } });
      expect(answer.status, answer.text).toBe(202);
    }
    const otherRun = await send(app, endpoint(app, "POST /api/runbook-runs"), { body: JSON.stringify({ ...run, environmentId: W.development }), headers: { "Idempotency-Key": "run-1" } });
    expect([otherRun.status, JSON.parse(otherRun.text).error.code]).toEqual([409, "idempotency_key_reused"]);
    expect(await tasks()).toBe(before + 1);
  });
});
