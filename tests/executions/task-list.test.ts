import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { listTasks } from "@/lib/executions/task-queries";
import { COUNT_CAP } from "@/lib/paging";
import { unwrap } from "./helpers";

let testDb: TestDatabase;
beforeEach(() => {
  testDb = createTestDatabase();
});
afterEach(() => testDb.dispose());

const T0 = Date.UTC(2026, 0, 1);
const STATES = ["Success", "Failed", "Queued"] as const;

/** Tasks 1..n, one a minute, except that tasks 4 and 5 share a moment so paging must break the tie by id. */
async function tasks(n: number) {
  await testDb.db.serverTask.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `ServerTasks-${String(i + 1).padStart(2, "0")}`, kind: "Deploy", description: `Task ${i + 1}`, state: STATES[i % 3],
      queuedAt: new Date(T0 + (i === 4 ? 3 : i) * 60_000),
    })),
  });
}

const ids = (page: { items: { id: string }[] }) => page.items.map((t) => Number(t.id.slice(-2)));

describe("task list", () => {
  it("pages by keyset through every task once, newest first, and back", async () => {
    await tasks(8);
    const first = unwrap(await listTasks(testDb.db, { pageSize: 3 }));
    expect(ids(first)).toEqual([8, 7, 6]);
    expect(first).toMatchObject({ total: 8, totalCapped: false, newer: undefined });
    const second = unwrap(await listTasks(testDb.db, { pageSize: 3, cursor: first.older }));
    expect(ids(second)).toEqual([5, 4, 3]);
    const third = unwrap(await listTasks(testDb.db, { pageSize: 3, cursor: second.older }));
    expect(ids(third)).toEqual([2, 1]);
    expect(third.older).toBeUndefined();
    const back = unwrap(await listTasks(testDb.db, { pageSize: 3, cursor: third.newer, direction: "newer" }));
    expect(ids(back)).toEqual([5, 4, 3]);
    const top = unwrap(await listTasks(testDb.db, { pageSize: 3, cursor: back.newer, direction: "newer" }));
    expect(ids(top)).toEqual([8, 7, 6]);
    expect(top.newer).toBeUndefined();
  });

  it("merges several states in time order and counts them together", async () => {
    await tasks(8);
    const page = unwrap(await listTasks(testDb.db, { state: "Success,Failed", pageSize: 4 }));
    expect(ids(page)).toEqual([8, 7, 5, 4]);
    expect(page.total).toBe(6);
    expect(ids(unwrap(await listTasks(testDb.db, { state: "Success,Failed", pageSize: 4, cursor: page.older })))).toEqual([2, 1]);
  });

  it("starts at the newest for a cursor it did not write", async () => {
    await tasks(3);
    expect(ids(unwrap(await listTasks(testDb.db, { cursor: "page=2" })))).toEqual([3, 2, 1]);
  });

  it("stops counting at the cap", async () => {
    await tasks(1);
    await testDb.db.serverTask.createMany({
      data: Array.from({ length: COUNT_CAP + 1 }, (_, i) => ({ id: `ServerTasks-x${i}`, kind: "Deploy", description: "bulk", state: "Failed", queuedAt: new Date(T0) })),
    });
    expect(unwrap(await listTasks(testDb.db, { state: "Failed" }))).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(unwrap(await listTasks(testDb.db, { state: "Success" }))).toMatchObject({ total: 1, totalCapped: false });
  });
});
