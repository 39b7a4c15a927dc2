/**
 * The audit stream (#17): GET /api/audit/stream?after=<cursor> answers JSON lines in chain order,
 * and a client that resumes from its last line's cursor, while records keep being written, reads
 * every record exactly once: no gap, no duplicate. AuditView is required.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvents } from "@/lib/audit/record";
import { endpoint, send, startTestApp, type TestApp } from "../http/app";
import { credentialForRole } from "../security/credentials";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
}, 120_000);
afterAll(() => app.dispose());

type Line = { cursor: string; seq: number; id: string; message: string };

const write = (n: number, label: string) =>
  recordAuditEvents(
    app.database.db,
    Array.from({ length: n }, (_, i) => ({ eventGroup: AuditEventGroups.policyCommitted, category: "Committed", message: `${label} ${i}` })),
  );

async function read(after: string | null, limit: number, headers?: Record<string, string>) {
  const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) }).toString();
  const answer = await send(app, endpoint(app, "GET /api/audit/stream"), { query, headers });
  return { ...answer, lines: answer.text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line) };
}

describe("audit stream", () => {
  it("resumes from a cursor with no gap or duplicate while records are being written", async () => {
    await write(23, "before");
    const seen: Line[] = [];
    let cursor: string | null = null;
    for (let round = 0; round < 50; round++) {
      const page = await read(cursor, 7);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toContain("application/x-ndjson");
      seen.push(...page.lines);
      if (page.lines.length > 0) cursor = page.lines[page.lines.length - 1].cursor;
      // More records arrive while the client reads, for the first rounds.
      if (round < 4) await write(3, `during ${round}`);
      else if (page.lines.length === 0) break;
    }
    const all = await app.database.db.auditEvent.findMany({ where: { seq: { not: null } }, orderBy: { seq: "asc" }, select: { id: true, seq: true } });
    expect(seen.map((l) => l.id)).toEqual(all.map((r) => r.id));
    expect(new Set(seen.map((l) => l.id)).size).toBe(seen.length);
    expect(seen.map((l) => l.seq)).toEqual(seen.map((_, i) => seen[0].seq + i));
    expect(seen.filter((l) => l.message.startsWith("during"))).toHaveLength(12);
  });

  it("starts at the first record without a cursor, rejects a malformed one, and needs AuditView", async () => {
    const first = await read(null, 1);
    expect(first.lines).toHaveLength(1);
    const firstSeq = await app.database.db.auditEvent.findFirst({ where: { seq: { not: null } }, orderBy: { seq: "asc" }, select: { seq: true } });
    expect(first.lines[0].seq).toBe(firstSeq!.seq);
    expect((await read("not-a-cursor", 5)).status).toBe(400);
    const viewer = await credentialForRole(app.database.db, "viewer", "Viewer");
    const denied = await read(null, 5, viewer.headers);
    expect(denied.status).toBe(403);
  });
});
