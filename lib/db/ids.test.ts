import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocateId, allocateIds, idNumber, reserveThrough } from "./ids";
import { createTestDatabase, type TestDatabase } from "./test-database";

let testDb: TestDatabase;
beforeAll(() => {
  testDb = createTestDatabase();
});
afterAll(() => testDb.dispose());

describe("id allocator", () => {
  it("starts each prefix at 1 and counts up", async () => {
    expect(await allocateId(testDb.db, "Projects")).toBe("Projects-1");
    expect(await allocateId(testDb.db, "Projects")).toBe("Projects-2");
    expect(await allocateId(testDb.db, "Tenants")).toBe("Tenants-1");
  });

  it("reserves consecutive blocks", async () => {
    expect(await allocateIds(testDb.db, "Steps", 3)).toEqual(["Steps-1", "Steps-2", "Steps-3"]);
    expect(await allocateIds(testDb.db, "Steps", 2)).toEqual(["Steps-4", "Steps-5"]);
  });

  it("never hands out the same id to concurrent callers", async () => {
    const ids = await Promise.all(Array.from({ length: 25 }, () => allocateId(testDb.db, "ServerTasks")));
    expect(new Set(ids).size).toBe(25);
    expect(ids.map((id) => idNumber("ServerTasks", id)).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it("is atomic inside a transaction that rolls back", async () => {
    await expect(
      testDb.db.$transaction(async (tx) => {
        await allocateId(tx, "Releases");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await allocateId(testDb.db, "Releases")).toBe("Releases-1");
  });

  it("moves a counter past ids written without it, but never backwards", async () => {
    await reserveThrough(testDb.db, "Deployments", 300);
    expect(await allocateId(testDb.db, "Deployments")).toBe("Deployments-301");
    await reserveThrough(testDb.db, "Deployments", 10);
    expect(await allocateId(testDb.db, "Deployments")).toBe("Deployments-302");
  });

  it("rejects empty or fractional blocks", async () => {
    await expect(allocateIds(testDb.db, "Events", 0)).rejects.toThrow(RangeError);
    await expect(allocateIds(testDb.db, "Events", 1.5)).rejects.toThrow(RangeError);
  });

  it("reads the number of an id only for its own prefix", () => {
    expect(idNumber("Projects", "Projects-12")).toBe(12);
    expect(idNumber("Projects", "ProjectGroups-12")).toBeNull();
    expect(idNumber("Projects", "Projects-x")).toBeNull();
  });
});
