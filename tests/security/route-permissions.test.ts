/**
 * Every route handler under app/api, found on the file system, per exported method: 401 without
 * credentials, 403 for a user holding every permission but the one the route needs, and neither
 * with it. A route missing from REQUIRED (or an entry without a route) fails the test, so a new
 * route cannot ship without a decision about who may call it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PERMISSION_NAMES, type Permission } from "@/lib/auth/permissions";
import type { Requirement } from "@/lib/auth/guard";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { loadEndpoints, type Endpoint } from "../http/endpoints";
import { credentialWith, type TestCredential } from "./credentials";

vi.hoisted(() => {
  process.env.DATABASE_URL = "file:/nonexistent/policy-hub-route-permissions.db";
});

const REQUIRED: Record<string, Requirement> = {
  "GET /api/audit": "AuditView",
  "GET /api/audit/export": "AuditExport",
  "GET /api/audit/verify": "AuditView",
  "POST /api/auth/sign-in": "public",
  "POST /api/auth/setup": "public",
  "POST /api/auth/sign-out": "signedIn",
  "GET /api/auth/me": "signedIn",
  "GET /api/auth/api-keys": "signedIn",
  "POST /api/auth/api-keys": "signedIn",
  "POST /api/auth/api-keys/[id]/revoke": "signedIn",
  "GET /api/auth/users": "Administer",
  "POST /api/auth/users": "Administer",
  "POST /api/auth/users/[id]/roles": "Administer",
  "POST /api/auth/users/[id]/disabled": "Administer",
  "POST /api/deployments": "Deploy",
  "POST /api/releases": "Deploy",
  "GET /api/releases": "ProjectView",
  "POST /api/runbook-runs": "Deploy",
  "GET /api/tasks": "ProjectView",
  "GET /api/tasks/[id]": "ProjectView",
  "POST /api/tasks/[id]/cancel": "Deploy",
  "GET /api/projects/[slug]/dashboard": "ProjectView",
  "POST /api/space": "signedIn",
  "GET /api/policies": "PlatformHubView",
  "POST /api/policies": "PlatformHubEdit",
  "GET /api/policies/[slug]": "PlatformHubView",
  "PUT /api/policies/[slug]": "PlatformHubEdit",
  "POST /api/policies/[slug]/publish": "PolicyPublish",
  "GET /api/policies/[slug]/versions": "PlatformHubView",
  "GET /api/policies/[slug]/evaluations": "PlatformHubView",
  "POST /api/policies/[slug]/evaluations": "PlatformHubView",
  "POST /api/policies/[slug]/tests": "PlatformHubView",
  "POST /api/policies/[slug]/versions/[version]/activate": "PolicyActivate",
  "POST /api/policies/[slug]/deactivate": "PolicyActivate",
  "GET /api/policies/branches": "PlatformHubView",
  "POST /api/policies/branches": "PlatformHubEdit",
  "GET /api/policies/starters": "PlatformHubView",
  "GET /api/policies/test-inputs": "PlatformHubView",
  "POST /api/policies/test": "PlatformHubView",
  "POST /api/policies/validate": "PlatformHubView",
  "GET /api/policy-input/schema": "PlatformHubView",
  "GET /api/exemptions": "PlatformHubView",
  "POST /api/exemptions": "ExemptionGrant",
  "POST /api/exemptions/[id]/revoke": "ExemptionGrant",
  "GET /api/audit/stream": "AuditView",
  "GET /api/webhooks": "Administer",
  "POST /api/webhooks": "Administer",
  "POST /api/webhooks/[id]/active": "Administer",
  "GET /api/webhooks/[id]/deliveries": "Administer",
};

let database: TestDatabase;
// A folder of its own: a PostgreSQL test database's URL names no folder to put it beside.
const repoDir = mkdtempSync(path.join(tmpdir(), "policy-hub-permissions-"));
let endpoints: Endpoint[];
const lacking = new Map<Permission, TestCredential>();
let holder: TestCredential;

beforeAll(async () => {
  database = createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.PLATFORM_HUB_REPO = path.join(repoDir, "hub.git");
  delete (globalThis as { policyHubPrisma?: unknown }).policyHubPrisma;
  vi.resetModules();
  holder = await credentialWith(database.db, "holds-everything", PERMISSION_NAMES);
  for (const p of PERMISSION_NAMES) lacking.set(p, await credentialWith(database.db, `lacks-${p}`, PERMISSION_NAMES.filter((q) => q !== p)));
  endpoints = await loadEndpoints();
}, 120_000);
afterAll(async () => {
  const { prisma } = await import("@/lib/db/client");
  await prisma.$disconnect();
  await database.dispose();
  rmSync(repoDir, { recursive: true, force: true });
});

function request(method: string, route: string, headers: Record<string, string> = {}): { request: Request; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = route.replace(/\[(\w+)\]/g, (_, name: string) => (params[name] = `no-such-${name}`));
  const body = method === "GET" ? undefined : "{}";
  return { request: new Request(`http://policy-hub.test${url}`, { method, headers: { "content-type": "application/json", ...headers }, body }), params };
}

async function statusOf(e: (typeof endpoints)[number], headers?: Record<string, string>): Promise<number> {
  const { request: r, params } = request(e.method, e.route, headers);
  return (await e.handler(r, { params: Promise.resolve(params) })).status;
}

describe("route permissions", () => {
  it("the table names every route handler and method, and nothing else", () => {
    const found = endpoints.map((e) => e.key).sort();
    expect(found.filter((k) => !(k in REQUIRED)), "routes without an entry in REQUIRED").toEqual([]);
    expect(Object.keys(REQUIRED).filter((k) => !found.includes(k)), "entries in REQUIRED without a route").toEqual([]);
  });

  it("answers 401 without credentials on every route that is not public", async () => {
    const wrong: string[] = [];
    for (const e of endpoints.filter((e) => REQUIRED[e.key] !== "public")) {
      const status = await statusOf(e);
      if (status !== 401) wrong.push(`${e.key}: ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers 401 for a revoked or made-up API key", async () => {
    const e = endpoints.find((x) => x.key === "GET /api/tasks")!;
    expect(await statusOf(e, { "x-octopus-apikey": "API-NOTAREALKEY0000000000000000" })).toBe(401);
    expect(await statusOf(e, { authorization: "Bearer API-NOTAREALKEY0000000000000000" })).toBe(401);
  });

  it("answers 403 naming the permission to a user who holds every other one", async () => {
    const wrong: string[] = [];
    for (const e of endpoints) {
      const needed = REQUIRED[e.key];
      if (needed === "public" || needed === "signedIn") continue;
      const { request: r, params } = request(e.method, e.route, lacking.get(needed)!.headers);
      const response = await e.handler(r, { params: Promise.resolve(params) });
      const body = (await response.json().catch(() => null)) as { error?: { code?: string; details?: { permission?: string } } } | null;
      if (response.status !== 403 || body?.error?.code !== "forbidden" || body.error.details?.permission !== needed) {
        wrong.push(`${e.key}: ${response.status} ${JSON.stringify(body?.error ?? null)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lets a user with the permission through (the answer is about the request, not the caller)", async () => {
    const wrong: string[] = [];
    for (const e of endpoints) {
      const status = await statusOf(e, holder.headers);
      if (status === 401 || status === 403 || status >= 500) wrong.push(`${e.key}: ${status}`);
    }
    expect(wrong).toEqual([]);
  });
});
