import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain, verifyAuditChainSinceCheckpoint } from "@/lib/audit/chain";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvent, recordAuditEvents } from "@/lib/audit/record";
import { databaseFile } from "@/lib/db/url";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";

let testDb: TestDatabase;
beforeEach(() => {
  testDb = createTestDatabase();
});
afterEach(() => testDb.dispose());

const event = (n: number) => ({ eventGroup: AuditEventGroups.releaseCreated, category: "Created", message: `Event ${n}`, details: { n } });

async function recordTen(): Promise<void> {
  for (let i = 1; i <= 10; i++) await recordAuditEvent(testDb.db, event(i));
}

/** Simulates someone going around the app: a raw connection that first drops the guarding trigger. */
function tamper(sql: string, trigger: "AuditEvent_no_update" | "AuditEvent_no_delete"): void {
  const raw = new Database(databaseFile(testDb.url));
  raw.exec(`DROP TRIGGER "${trigger}"`);
  raw.exec(sql);
  raw.close();
}

const ROOT = path.resolve(__dirname, "../..");
async function runVerifyCli(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("npx", ["tsx", "scripts/audit-verify.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: testDb.url } });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, output: err.stdout + err.stderr };
  }
}

describe("audit hash chain", () => {
  it("links every record to the one before it, including concurrent and batched writes", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => recordAuditEvent(testDb.db, event(i))));
    await recordAuditEvents(testDb.db, [event(100), event(101), event(102)]);
    const result = await verifyAuditChain(testDb.db);
    expect(result).toMatchObject({ ok: true, verified: 15 });
    const last = await testDb.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(result.lastRecordId).toBe(last.id);
  });

  it("keeps one chain when two processes write at the same time", async () => {
    const writer = (tag: string) =>
      promisify(execFile)("npx", ["tsx", "tests/security/write-audit-events.ts", tag, "25"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: testDb.url } })
        .then(({ stdout }) => (JSON.parse(stdout.trim().split("\n").pop()!) as { written: number }).written);
    const written = await Promise.all([writer("a"), writer("b")]);
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true, verified: written[0] + written[1] });
    expect(written[0] + written[1]).toBeGreaterThan(25);
  }, 120_000);

  it("the database refuses to update or delete an audit record", async () => {
    await recordTen();
    await expect(testDb.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "message" = 'nothing happened' WHERE "id" = 'Events-3'`)).rejects.toThrow(/append-only/);
    await expect(testDb.db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = 'Events-3'`)).rejects.toThrow(/append-only/);
    await expect(testDb.db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await testDb.db.auditEvent.count()).toBe(10);
  });

  it("npm run audit:verify passes an intact chain and exits non-zero naming an edited record", async () => {
    await recordTen();
    const intact = await runVerifyCli();
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.output).toContain("verified up to Events-10 (10 records)");

    tamper(`UPDATE "AuditEvent" SET "message" = 'nothing happened' WHERE "id" = 'Events-4'`, "AuditEvent_no_update");
    const broken = await runVerifyCli();
    expect(broken.code).toBe(1);
    expect(broken.output).toContain("broken at record Events-4: record Events-4 was changed after it was written; verified up to Events-3");
  }, 60_000);

  it("names the position of a record removed behind the database's back", async () => {
    await recordTen();
    tamper(`DELETE FROM "AuditEvent" WHERE "id" = 'Events-6'`, "AuditEvent_no_delete");
    const result = await verifyAuditChain(testDb.db);
    expect(result).toMatchObject({ ok: false, verified: 5, lastRecordId: "Events-5", broken: { recordId: null, seq: 6 } });
    if (!result.ok) expect(result.broken.reason).toContain("record #6 of the chain is missing");
  });

  it("finds a record whose hash was recomputed but whose successor still links to the old one", async () => {
    await recordTen();
    tamper(`UPDATE "AuditEvent" SET "message" = 'x', "hash" = '${"a".repeat(64)}' WHERE "id" = 'Events-8'`, "AuditEvent_no_update");
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: false, broken: { recordId: "Events-8" } });
  });
  it("the page verifies only the records after its checkpoint, moving it on, and catches up a long stretch over several views", async () => {
    await recordTen();
    expect(await verifyAuditChainSinceCheckpoint(testDb.db, 4)).toMatchObject({ ok: true, verified: 4, lastRecordId: "Events-4" });
    expect(await verifyAuditChainSinceCheckpoint(testDb.db, 4)).toMatchObject({ ok: true, verified: 8, lastRecordId: "Events-8" });
    expect(await verifyAuditChainSinceCheckpoint(testDb.db, 4)).toMatchObject({ ok: true, verified: 10, lastRecordId: "Events-10" });
    expect(await testDb.db.auditChainCheckpoint.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ seq: 10, recordId: "Events-10" });
    await recordAuditEvents(testDb.db, [event(11), event(12)]);
    expect(await verifyAuditChainSinceCheckpoint(testDb.db)).toMatchObject({ ok: true, verified: 12, lastRecordId: "Events-12" });
  });

  it("the page finds a record changed after its checkpoint", async () => {
    await recordTen();
    await verifyAuditChainSinceCheckpoint(testDb.db);
    await recordAuditEvents(testDb.db, [event(11), event(12)]);
    tamper(`UPDATE "AuditEvent" SET "message" = 'nothing happened' WHERE "id" = 'Events-11'`, "AuditEvent_no_update");
    expect(await verifyAuditChainSinceCheckpoint(testDb.db)).toMatchObject({ ok: false, verified: 10, lastRecordId: "Events-10", broken: { recordId: "Events-11" } });
    expect(await testDb.db.auditChainCheckpoint.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ seq: 10 });
  });

  it("the page finds tampering at its checkpoint; below it only the full walk of npm run audit:verify does", async () => {
    await recordTen();
    expect(await verifyAuditChainSinceCheckpoint(testDb.db)).toMatchObject({ ok: true, verified: 10 });
    await recordAuditEvents(testDb.db, [event(11), event(12)]);

    tamper(`UPDATE "AuditEvent" SET "message" = 'nothing happened' WHERE "id" = 'Events-4'`, "AuditEvent_no_update");
    // Below the checkpoint: trusted by the page, which stays fast however long the log...
    expect(await verifyAuditChainSinceCheckpoint(testDb.db)).toMatchObject({ ok: true, verified: 12 });
    // ...and found by the full run, which ignores the checkpoint.
    const full = await runVerifyCli();
    expect(full.code).toBe(1);
    expect(full.output).toContain("broken at record Events-4: record Events-4 was changed after it was written; verified up to Events-3");

    // The checkpoint's own record is hashed again on each view.
    const raw = new Database(databaseFile(testDb.url));
    raw.exec(`UPDATE "AuditEvent" SET "message" = 'edited' WHERE "id" = 'Events-12'`);
    raw.close();
    expect(await verifyAuditChainSinceCheckpoint(testDb.db)).toMatchObject({ ok: false, broken: { recordId: "Events-12" } });
  }, 60_000);
});
