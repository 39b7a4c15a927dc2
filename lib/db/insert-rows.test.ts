import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRows } from "./insert-rows";
import { createTestDatabase, type TestDatabase } from "./test-database";

let testDb: TestDatabase;
beforeAll(() => {
  testDb = createTestDatabase();
});
afterAll(() => testDb.dispose());

const at = new Date("2026-12-03T06:30:01.234Z");
const text = 'quotes \' and " , commas, ? marks, $1, unicode \u00e9\u4e2d and a newline\n';

describe("insertRows", () => {
  it("stores what createMany stores: text, dates, booleans, nulls, and defaults for columns left out", async () => {
    const db = testDb.db;
    await db.user.createMany({ data: [{ id: "u-many", username: "many", displayName: text, email: null, isService: true, createdAt: at }, { id: "u-many-2", username: "many-2", displayName: "d" }] });
    await insertRows(db, "User", [{ id: "u-raw", username: "raw", displayName: text, email: null, isService: true, createdAt: at }, { id: "u-raw-2", username: "raw-2", displayName: "d" }]);
    const read = (ids: string[]) => db.user.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, omit: { id: true, username: true } });
    const [many, raw] = [await read(["u-many", "u-many-2"]), await read(["u-raw", "u-raw-2"])];
    expect(raw[0]).toEqual(many[0]);
    expect(raw[0]).toMatchObject({ displayName: text, email: null, isService: true, isDisabled: false, createdAt: at });
    expect(raw[1]).toMatchObject({ isService: false, email: null });
    expect(Math.abs(raw[1].createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    // date filters compare stored text on SQLite: the raw rows must match them like the others
    expect(await db.user.count({ where: { id: { in: ["u-many", "u-raw"] }, createdAt: { gte: at, lte: at } } })).toBe(2);
  });

  it("inserts in order, with each row's own numbers, in chunks past the per-statement bound", async () => {
    const db = testDb.db;
    const task = await db.serverTask.create({ data: { id: "ServerTasks-1", kind: "Deploy", description: "t" } });
    const rows = Array.from({ length: 12_001 }, (_, i) => ({ taskId: task.id, seq: i + 1, level: "Info", message: `line ${i + 1}`, occurredAt: at }));
    await insertRows(db, "TaskLogEntry", rows);
    const lines = await db.taskLogEntry.findMany({ where: { taskId: task.id }, orderBy: { id: "asc" }, select: { seq: true, message: true, section: true } });
    expect(lines).toHaveLength(rows.length);
    expect(lines.every((l, i) => l.seq === i + 1 && l.message === `line ${i + 1}` && l.section === "")).toBe(true);
  });

  it("writes nothing for no rows and refuses a column name it would have to quote", async () => {
    await insertRows(testDb.db, "User", []);
    await expect(insertRows(testDb.db, "User", [{ id: "x", username: "x", displayName: "x", ['x" TEXT); --' as "email"]: "e" }])).rejects.toThrow(/not an identifier/);
  });
});
