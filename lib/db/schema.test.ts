import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./test-database";

let testDb: TestDatabase;
beforeAll(() => {
  testDb = createTestDatabase();
});
afterAll(() => testDb.dispose());

const version = (id: string, v: string, isActive: boolean) => ({
  id, policyId: "Policies-1", version: v, major: Number(v[0]), minor: 0, patch: 0,
  name: "Manual intervention", ocl: "name = \"Manual intervention\"", commitId: "abc123", isActive,
});

describe("migrated schema", () => {
  it("allows many inactive versions but at most one active version per policy", async () => {
    await testDb.db.policy.create({ data: { id: "Policies-1", slug: "manual_intervention", name: "Manual intervention" } });
    await testDb.db.policyVersion.create({ data: version("PolicyVersions-1", "1.0.0", false) });
    await testDb.db.policyVersion.create({ data: version("PolicyVersions-2", "2.0.0", true) });
    await expect(testDb.db.policyVersion.create({ data: version("PolicyVersions-3", "3.0.0", true) })).rejects.toThrow();
    await testDb.db.policyVersion.create({ data: version("PolicyVersions-3", "3.0.0", false) });
    expect(await testDb.db.policyVersion.count({ where: { policyId: "Policies-1" } })).toBe(3);
  });
});
