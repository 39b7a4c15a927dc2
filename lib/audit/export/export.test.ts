import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { parseAuditFilter } from "../query/filters";
import { EXPORT_COLUMNS, exportStream } from "./export";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = createTestDatabase();
  await testDb.db.auditEvent.createMany({
    data: Array.from({ length: 7 }, (_, i) => ({
      id: `Events-${i + 1}`, occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, i)), eventGroup: "Release created", category: "Test", message: `Record ${i + 1}`,
      outcome: i === 2 ? "exempted" : null,
    })),
  });
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => testDb.dispose());

const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("audit export stream", () => {
  it("reads its first page before it resolves, so a failing query rejects instead of cutting off a body", async () => {
    vi.spyOn(testDb.db, "$queryRawUnsafe").mockRejectedValue(new Error("database disk image is malformed"));
    await expect(exportStream(testDb.db, {}, "csv")).rejects.toThrow("malformed");
  });

  it("streams every page, newest first, the CSV header once", async () => {
    const csv = (await read(await exportStream(testDb.db, {}, "csv", 3))).split("\r\n");
    expect(csv[0]).toBe(EXPORT_COLUMNS.join(","));
    expect(csv.slice(1, -1).map((l) => l.split(",")[0])).toEqual(["Events-7", "Events-6", "Events-5", "Events-4", "Events-3", "Events-2", "Events-1"]);
    const jsonl = (await read(await exportStream(testDb.db, {}, "jsonl", 3))).trim().split("\n");
    expect(jsonl).toHaveLength(7);
  });

  it("filters by the exempted outcome, as the audit page's Outcome filter offers it", async () => {
    const filter = parseAuditFilter(new URLSearchParams("outcome=exempted"));
    expect(filter).toEqual({ outcome: "exempted" });
    const jsonl = (await read(await exportStream(testDb.db, filter, "jsonl"))).trim().split("\n");
    expect(jsonl.map((l) => (JSON.parse(l) as { id: string; outcome: string }).id)).toEqual(["Events-3"]);
  });

  it("ends an export of no records: the header alone, or nothing", async () => {
    expect(await read(await exportStream(testDb.db, { group: ["Nothing"] }, "csv"))).toBe(`${EXPORT_COLUMNS.join(",")}\r\n`);
    expect(await read(await exportStream(testDb.db, { group: ["Nothing"] }, "jsonl"))).toBe("");
  });
});
