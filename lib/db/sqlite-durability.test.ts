import { afterAll, beforeAll, expect, it } from "vitest";
import { createPrismaClient } from "./client";
import { isPostgres } from "./dialect";
import { createTestDatabase, type TestDatabase } from "./test-database";

let testDb: TestDatabase;
beforeAll(() => {
  testDb = createTestDatabase();
});
afterAll(() => testDb.dispose());

// better-sqlite3 is built to drop to synchronous=NORMAL in WAL mode, where a power cut can undo the
// last commits: an audit record or a gate's evaluation that had been answered as written.
it.skipIf(!!process.env.POLICY_HUB_TEST_POSTGRES_URL)("a SQLite connection syncs every commit to disk, in WAL mode too", async () => {
  expect(isPostgres(testDb.db)).toBe(false);
  await testDb.db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // As the server finds the file db:migrate switched to WAL: opened by a new connection.
  const server = createPrismaClient(testDb.url);
  try {
    const [{ synchronous }] = await server.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
    expect(Number(synchronous)).toBe(2);
  } finally {
    await server.$disconnect();
  }
});
