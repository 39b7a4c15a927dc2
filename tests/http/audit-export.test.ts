/**
 * GET /api/audit/export answers a failing first query with a status and the error shape, not a
 * 200 whose body is cut off; a working export streams with its headers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { endpoint, send, startTestApp, type TestApp } from "./app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
}, 180_000);
afterEach(() => vi.restoreAllMocks());
afterAll(() => app?.dispose());

describe("audit export route", () => {
  it("answers 500 with the error shape when the first page's query fails", async () => {
    const { prisma } = await import("@/lib/db/client");
    const query = prisma.$queryRawUnsafe.bind(prisma);
    vi.spyOn(prisma, "$queryRawUnsafe").mockImplementation(((sql: string, ...values: unknown[]) =>
      sql.includes('FROM "AuditEvent"') ? Promise.reject(new Error("database disk image is malformed")) : query(sql, ...values)) as typeof prisma.$queryRawUnsafe);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const answer = await send(app, endpoint(app, "GET /api/audit/export"), { query: "format=jsonl" });
    expect(answer.status).toBe(500);
    expect(answer.headers.get("content-type")).toContain("application/json");
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: "internal_error" } });
  });

  it("streams the records as an attachment", async () => {
    const answer = await send(app, endpoint(app, "GET /api/audit/export"), { query: "format=csv" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-.+\.csv"$/);
    expect(answer.text.split("\r\n")[0]).toMatch(/^id,occurredAt,eventGroup,/);
  });
});
