import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { IDEMPOTENCY_TTL_MS, readIdempotencyKey, REPLAYED_HEADER, requestFingerprint, runIdempotent } from "@/lib/idempotency";

let database: TestDatabase;
beforeEach(() => {
  database = createTestDatabase();
});
afterEach(async () => {
  await database.dispose();
});

const body = JSON.stringify({ releaseId: "Releases-1", environmentId: "Environments-1" });
const request = (key = "k-1", owner = "Users-1", text = body) => ({ owner, key, fingerprint: requestFingerprint("POST", "/api/deployments", text) });

/** A handler that counts its runs and answers 202 with the run's number. */
function counter(delayMs = 0) {
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    run: async () => {
      const n = ++runs;
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return Response.json({ taskId: `ServerTasks-${n}` }, { status: 202 });
    },
  };
}

async function answer(outcome: Awaited<ReturnType<typeof runIdempotent>>) {
  if (!outcome.ok) throw new Error(outcome.error.code);
  return { status: outcome.response.status, body: await outcome.response.json(), replayed: outcome.replayed };
}

describe("runIdempotent", () => {
  it("answers a repeat with the first answer, without running again", async () => {
    const handler = counter();
    const first = await answer(await runIdempotent(database.db, request(), handler.run));
    const again = await runIdempotent(database.db, request(), handler.run);
    expect(first).toEqual({ status: 202, body: { taskId: "ServerTasks-1" }, replayed: false });
    expect(await answer(again)).toEqual({ status: 202, body: { taskId: "ServerTasks-1" }, replayed: true });
    expect(again.ok && again.response.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(again.ok && again.response.headers.get("content-type")).toMatch(/application\/json/);
    expect(handler.runs).toBe(1);
  });

  it("refuses the same key with another request", async () => {
    const handler = counter();
    await runIdempotent(database.db, request(), handler.run);
    const other = await runIdempotent(database.db, request("k-1", "Users-1", JSON.stringify({ releaseId: "Releases-2" })), handler.run);
    expect(other).toMatchObject({ ok: false, error: { code: "idempotency_key_reused", status: 409, details: { key: "k-1" } } });
    expect(handler.runs).toBe(1);
  });

  it("runs concurrent duplicates once and gives each the same answer", async () => {
    const handler = counter(150);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => runIdempotent(database.db, request(), handler.run)));
    const answers = await Promise.all(outcomes.map(answer));
    expect(handler.runs).toBe(1);
    expect(answers.map((a) => a.body)).toEqual(answers.map(() => ({ taskId: "ServerTasks-1" })));
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
  });

  it("says a duplicate is still in progress when the first does not answer in time", async () => {
    const handler = counter(300);
    const first = runIdempotent(database.db, request(), handler.run);
    await new Promise((r) => setTimeout(r, 50));
    expect(await runIdempotent(database.db, request(), handler.run, { waitMs: 0 })).toMatchObject({ ok: false, error: { code: "idempotency_request_in_progress", status: 409 } });
    await first;
    expect(handler.runs).toBe(1);
  });

  it("frees the key after a throw or a 5xx, so a retry runs", async () => {
    await expect(runIdempotent(database.db, request(), async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    const failed = await runIdempotent(database.db, request(), async () => Response.json({ error: {} }, { status: 500 }));
    expect(failed.ok && failed.response.status).toBe(500);
    const handler = counter();
    expect(await answer(await runIdempotent(database.db, request(), handler.run))).toMatchObject({ status: 202, replayed: false });
    expect(handler.runs).toBe(1);
  });

  it("keeps 4xx answers, keys per caller, and forgets answers after a day", async () => {
    const refused = async () => Response.json({ error: { code: "invalid_request" } }, { status: 400 });
    await runIdempotent(database.db, request(), refused);
    const handler = counter();
    expect(await answer(await runIdempotent(database.db, request(), handler.run))).toMatchObject({ status: 400, replayed: true });
    expect(await answer(await runIdempotent(database.db, request("k-1", "Users-2"), handler.run))).toMatchObject({ status: 202, replayed: false });
    const later = () => new Date(Date.now() + IDEMPOTENCY_TTL_MS + 1000);
    expect(await answer(await runIdempotent(database.db, request(), handler.run, { now: later }))).toMatchObject({ status: 202, replayed: false });
    expect(handler.runs).toBe(2);
  });
});

describe("readIdempotencyKey", () => {
  it("reads a key, none, or refuses an unusable one", () => {
    expect(readIdempotencyKey(new Headers())).toEqual({ ok: true, key: null });
    expect(readIdempotencyKey(new Headers({ "Idempotency-Key": "9b2c7a0e-1d4f-4e6a-8c3b-2f1e0d9c8b7a" }))).toEqual({ ok: true, key: "9b2c7a0e-1d4f-4e6a-8c3b-2f1e0d9c8b7a" });
    for (const bad of ["", "has space", "x".repeat(256), "é"]) {
      expect(readIdempotencyKey(new Headers({ "Idempotency-Key": bad }))).toMatchObject({ ok: false, error: { code: "invalid_idempotency_key", status: 400 } });
    }
  });

  it("fingerprints method, path and body", () => {
    const base = requestFingerprint("POST", "/api/deployments", "{}");
    expect(requestFingerprint("post", "/api/deployments", "{}")).toBe(base);
    expect(requestFingerprint("POST", "/api/releases", "{}")).not.toBe(base);
    expect(requestFingerprint("POST", "/api/deployments", "{ }")).not.toBe(base);
  });
});
