import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./test-database";

let testDb: TestDatabase;
beforeAll(() => {
  testDb = createTestDatabase();
});
afterAll(() => testDb.dispose());

const user = (id: string) => ({ id, username: id, displayName: id, isService: true });

// The test database is SQLite unless the PostgreSQL suites run it, where each query has its own
// connection from the pool and the same must hold anyway.
describe("statements outside a transaction on the shared connection", () => {
  it("neither see another caller's uncommitted rows nor roll back with it", async () => {
    const db = testDb.db;
    let inside!: () => void;
    const written = new Promise<void>((resolve) => (inside = resolve));
    const rolledBack = db.$transaction(async (tx) => {
      await tx.user.create({ data: user("uncommitted") });
      inside();
      // Leaves time for the lone statements below to be sent while this transaction is open.
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error("rolled back on purpose");
    });
    await written;
    const [seen, created] = await Promise.all([
      db.user.findUnique({ where: { id: "uncommitted" } }),
      db.user.create({ data: user("lone-write") }),
    ]);
    await expect(rolledBack).rejects.toThrow("rolled back on purpose");
    expect(seen).toBeNull();
    expect(created.id).toBe("lone-write");
    expect(await db.user.findUnique({ where: { id: "lone-write" } })).not.toBeNull();
    expect(await db.user.findUnique({ where: { id: "uncommitted" } })).toBeNull();
  });
});
