import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvent } from "@/lib/audit/record";
import { fourEyesProblem } from "@/lib/auth/four-eyes";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";

let testDb: TestDatabase;
const jane = { id: "Users-2", username: "jane.doe" };
const raj = { id: "Users-3", username: "raj.patel" };
const version = { policyId: "Policies-1", version: "2.0.0", publishedAt: new Date("2026-11-02T10:00:00Z") };

beforeAll(async () => {
  testDb = createTestDatabase();
  const committed = (user: typeof jane, at: string) =>
    recordAuditEvent(testDb.db, { eventGroup: AuditEventGroups.policyCommitted, category: "PolicyCommitted", message: "committed", user, policyId: "Policies-1", occurredAt: new Date(at) });
  await committed(raj, "2026-11-01T09:00:00Z");
  await committed(jane, "2026-11-02T09:00:00Z");
  // After publishing: not part of version 2.0.0.
  await committed(raj, "2026-11-03T09:00:00Z");
});
afterAll(() => testDb.dispose());
afterEach(() => {
  delete process.env.POLICY_FOUR_EYES;
});

describe("four-eyes rule", () => {
  it("is off unless POLICY_FOUR_EYES is set", async () => {
    expect(await fourEyesProblem(testDb.db, version, jane.id)).toBeNull();
  });

  it("refuses the person who committed the version's last change and lets someone else activate it", async () => {
    process.env.POLICY_FOUR_EYES = "1";
    expect(await fourEyesProblem(testDb.db, version, jane.id)).toContain("jane.doe committed the last change in version 2.0.0");
    expect(await fourEyesProblem(testDb.db, version, raj.id)).toBeNull();
  });
});
