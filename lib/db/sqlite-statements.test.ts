import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPostgres } from "./dialect";
import { allocateIds } from "./ids";
import { insertRows } from "./insert-rows";
import { sqliteStatements } from "./sqlite-statements";
import { createTestDatabase, type TestDatabase } from "./test-database";

let testDb: TestDatabase;
beforeAll(() => {
  testDb = createTestDatabase();
});
afterAll(() => testDb.dispose());

const at = new Date("2026-12-03T06:30:01.234Z");
const text = 'quotes \' and " , commas, ? marks, unicode \u00e9\u4e2d and a newline\n';

describe("sqliteStatements", () => {
  it("is there for a SQLite client once connected, and not on PostgreSQL", async () => {
    await testDb.db.$queryRaw`SELECT 1`;
    expect(sqliteStatements(testDb.db) === null).toBe(isPostgres(testDb.db));
  });

  it.skipIf(!!process.env.POLICY_HUB_TEST_POSTGRES_URL)("writes inside the client's transaction what Prisma's client writes, and rolls back with it", async () => {
    const db = testDb.db;
    const statements = sqliteStatements(db)!;
    const user = (id: string) => ({ id, username: id, displayName: text, email: null, isService: true, createdAt: at });
    await db.$transaction(async (tx) => {
      await insertRows(tx, "User", [user("via-prisma")]);
      await insertRows(statements, "User", [user("direct")]);
      // One counter whichever way it is read.
      expect(await allocateIds(statements, "WebhookSubscriptions", 2)).toEqual(["WebhookSubscriptions-1", "WebhookSubscriptions-2"]);
      expect(await allocateIds(tx, "WebhookSubscriptions", 1)).toEqual(["WebhookSubscriptions-3"]);
    });
    const read = (id: string) => db.user.findUniqueOrThrow({ where: { id }, omit: { id: true, username: true } });
    expect(await read("direct")).toEqual(await read("via-prisma"));
    // Dates are stored as the text Prisma writes, so date filters match the direct rows too.
    expect(await db.user.count({ where: { id: { in: ["direct", "via-prisma"] }, createdAt: { gte: at, lte: at } } })).toBe(2);

    await expect(db.$transaction(async () => {
      await insertRows(statements, "User", [user("rolled-back")]);
      throw new Error("abort");
    })).rejects.toThrow("abort");
    expect(await db.user.count({ where: { id: "rolled-back" } })).toBe(0);
  });

  it.skipIf(!!process.env.POLICY_HUB_TEST_POSTGRES_URL)("inserts rows in order in statements within SQLite's bound on parameters", async () => {
    const db = testDb.db;
    const task = await db.serverTask.create({ data: { id: "ServerTasks-1", kind: "Deploy", description: "t" } });
    // 5 columns: 6,553 rows per statement, so three statements.
    const rows = Array.from({ length: 15_001 }, (_, i) => ({ taskId: task.id, seq: i + 1, level: "Info", message: `line ${i + 1}`, occurredAt: at }));
    await db.$transaction(() => insertRows(sqliteStatements(db)!, "TaskLogEntry", rows));
    const lines = await db.taskLogEntry.findMany({ where: { taskId: task.id }, orderBy: { id: "asc" }, select: { seq: true, message: true, section: true, occurredAt: true } });
    expect(lines).toHaveLength(rows.length);
    expect(lines.every((l, i) => l.seq === i + 1 && l.message === `line ${i + 1}` && l.section === "" && l.occurredAt.getTime() === at.getTime())).toBe(true);
  });

  it.skipIf(!!process.env.POLICY_HUB_TEST_POSTGRES_URL)("refuses to run outside a transaction, where a write would commit on its own", async () => {
    const statements = sqliteStatements(testDb.db)!;
    await expect(insertRows(statements, "User", [{ id: "alone", username: "alone", displayName: "a" }])).rejects.toThrow(/not inside a transaction/);
    expect(await testDb.db.user.count({ where: { id: "alone" } })).toBe(0);
  });
});
