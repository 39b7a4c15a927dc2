import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { auditRecords, csvField, csvRow } from "../export/export";
import { decodeCursor, encodeCursor } from "./cursor";
import { auditFilterToSearchParams, parseAuditFilter } from "./filters";
import { queryAuditPage, type AuditRow } from "./page";

let testDb: TestDatabase;
const GROUPS = ["Compliance Policy Evaluated", "Deployment queued", "Release created"];

beforeAll(async () => {
  testDb = createTestDatabase();
  // 60 records over 20 seconds: three share each second, so paging must break ties by id.
  await testDb.db.auditEvent.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      id: `Events-${i + 1}`,
      occurredAt: new Date(Date.UTC(2026, 10, 1 + (i % 2), 0, 0, Math.floor(i / 3))),
      eventGroup: GROUPS[i % 3],
      category: "Test",
      message: `Record ${i + 1}`,
      projectId: i % 4 === 0 ? "Projects-1" : "Projects-2",
      outcome: i % 3 === 0 ? (i % 4 === 3 ? "warn" : "block") : null,
    })),
  });
});
afterAll(() => testDb.dispose());

const order = (a: AuditRow, b: AuditRow) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

async function walk(filter: Parameters<typeof queryAuditPage>[1]["filter"], limit: number) {
  const seen: AuditRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryAuditPage(testDb.db, { filter, cursor: decodeCursor(cursor), limit });
    seen.push(...page.rows);
    cursor = page.older;
  } while (cursor);
  return seen;
}

describe("audit page query", () => {
  it("pages through every record exactly once, newest first, across same-time ties", async () => {
    const rows = await walk({}, 7);
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.id)).size).toBe(60);
    expect(rows).toEqual([...rows].sort(order));
  });

  it("merges several event groups in one order and applies the other filters to each", async () => {
    const rows = await walk({ group: ["Compliance Policy Evaluated", "Release created"], project: "Projects-1" }, 4);
    const expected = (await walk({}, 100)).filter((r) => r.eventGroup !== "Deployment queued" && r.projectId === "Projects-1");
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });

  it("comes back with the newer page the older link left", async () => {
    const first = await queryAuditPage(testDb.db, { filter: {}, limit: 10 });
    expect(first.newer).toBeUndefined();
    const second = await queryAuditPage(testDb.db, { filter: {}, cursor: decodeCursor(first.older), limit: 10 });
    const back = await queryAuditPage(testDb.db, { filter: {}, cursor: decodeCursor(second.newer), direction: "newer", limit: 10 });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.newer).toBeUndefined();
  });

  it("filters by outcome and an inclusive day range", async () => {
    const rows = await walk({ outcome: "block", from: "2026-11-02", to: "2026-11-02" }, 50);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.outcome === "block" && r.occurredAt.toISOString().startsWith("2026-11-02"))).toBe(true);
  });

  it("takes the last and first storable days as bounds, in the page and the export", async () => {
    for (const query of ["to=9999-12-31", "from=0001-01-01&to=9999-12-31", "to=-271821-04-20", "from=notadate"]) {
      const filter = parseAuditFilter(new URLSearchParams(query));
      expect(await walk(filter, 100), query).toHaveLength(60);
      let exported = 0;
      for await (const _ of auditRecords(testDb.db, filter, 25)) exported++;
      expect(exported, query).toBe(60);
    }
    expect(await walk(parseAuditFilter(new URLSearchParams("from=9999-12-31")), 100)).toHaveLength(0);
  });

  it("exports the same records the pages show", async () => {
    const exported: AuditRow[] = [];
    for await (const row of auditRecords(testDb.db, { group: ["Release created"] }, 3)) exported.push(row);
    expect(exported.map((r) => r.id)).toEqual((await walk({ group: ["Release created"] }, 50)).map((r) => r.id));
  });
});

describe("audit filters in the URL", () => {
  it("round-trips and drops what it cannot use", () => {
    const filter = parseAuditFilter(new URLSearchParams("group=A&group=B&outcome=warn&from=2026-01-01&to=nope&project=&cursor=x"));
    expect(filter).toEqual({ group: ["A", "B"], outcome: "warn", from: "2026-01-01" });
    expect(auditFilterToSearchParams(filter).toString()).toBe("group=A&group=B&from=2026-01-01&outcome=warn");
  });

  it("keeps only days that exist", () => {
    expect(parseAuditFilter(new URLSearchParams("from=2028-02-29&to=2026-02-31"))).toEqual({ from: "2028-02-29" });
    expect(parseAuditFilter(new URLSearchParams("from=2026-13-01&to=+10000-01-01"))).toEqual({});
  });

  it("reads only cursors it wrote", () => {
    const cursor = { occurredAt: new Date("2026-11-27T15:28:26.762Z"), id: "Events-885" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor("2026-11-27_Events-1")).toBeUndefined();
    expect(decodeCursor("2026-11-27T15:28:26.762Z_x' OR 1=1")).toBeUndefined();
  });
});

describe("CSV export", () => {
  it("quotes fields with commas, quotes and line breaks", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
  });

  it("writes the columns in header order", () => {
    const row = { id: "Events-1", occurredAt: new Date("2026-01-01T00:00:00Z"), eventGroup: "G", category: "C", message: "m", details: "{}" } as AuditRow;
    expect(csvRow({ ...row, userId: null, username: null, spaceId: null, projectId: "Projects-1", environmentId: null, tenantId: null, taskId: null, policyId: null, policyVersionId: null, outcome: null }))
      .toBe("Events-1,2026-01-01T00:00:00.000Z,G,C,m,,,,Projects-1,,,,,,,{}\r\n");
  });
});
