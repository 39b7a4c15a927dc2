/**
 * Every route handler under app/api, found on the file system (a route added later is covered
 * too), called by a user holding every permission with what a careless or hostile client sends:
 * malformed JSON, wrong types, a huge body, deeply nested bodies, far-out dates in the query and
 * unknown or odd ids in the path. None may answer 5xx; the failures name the route and the case.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpoint, send, startTestApp, type Endpoint, type TestApp } from "./app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
}, 180_000);
afterAll(() => app?.dispose());

const nest = (depth: number, open: string, close: string, core = "0") => open.repeat(depth) + core + close.repeat(depth);

/** Fields the app's bodies use, so "wrong types" reaches the schemas instead of stopping at an unknown key. */
const FIELDS = [
  "releaseId", "environmentId", "projectId", "runbookId", "snapshotId", "tenantId", "skippedStepIds", "version", "notes", "packages",
  "policy", "input", "taskId", "name", "slug", "starter", "branch", "from", "message", "source", "username", "password", "displayName",
  "email", "roles", "roleIds", "disabled", "space", "returnTo", "label", "expiresAt", "bump", "versions", "ocl",
];
const withEvery = (value: unknown) => JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, value])));

const BODIES: Record<string, string> = {
  "malformed JSON": '{"releaseId": "Releases-1",',
  "not JSON": "not json at all",
  "an array": "[]",
  "a number": "123",
  "a string": '"a string"',
  "null": "null",
  "true": "true",
  "empty object": "{}",
  "arrays for every field": withEvery([]),
  "numbers for every field": withEvery(-1e308),
  "objects for every field": withEvery({ a: { b: [] } }),
  "nulls for every field": withEvery(null),
  "far-out dates for every field": withEvery("-271821-04-20T00:00:00Z"),
  "a 5 MB body": JSON.stringify({ policy: { name: "x".repeat(5 * 1024 * 1024) } }),
  "arrays nested 10,000 deep": nest(10_000, "[", "]"),
  "objects nested 10,000 deep": nest(10_000, '{"a":', "}", "{}"),
  "an input nested 5,000 deep": `{"policy":{"slug":"p","name":"P"},"input":${nest(5_000, '{"a":', "}", "{}")}}`,
  "an input nested just under the limit": `{"policy":{"slug":"p","name":"P"},"input":${nest(500, '{"a":', "}", "{}")}}`,
  "a form body": "space=default&returnTo=%2Fprojects",
};

const FAR_DATES = ["9999-12-31", "-271821-04-20", "+275760-09-13", "notadate", "0000-00-00", "2026-02-31"];
const QUERIES: Record<string, string> = Object.fromEntries(
  FAR_DATES.flatMap((d) => [
    [`to=${d}`, `to=${encodeURIComponent(d)}`],
    [`every date and paging parameter = ${d}`, ["from", "since", "until", "before", "after", "date", "cursor", "limit", "offset", "page", "direction"].map((k) => `${k}=${encodeURIComponent(d)}`).join("&")],
  ]),
);
QUERIES["repeated and odd parameters"] = "group=a&group=b&outcome=nope&limit=1e999&q=%00&state=%F0%9F%92%A5&take=-5&branch=..%2F..";

/** Odd values for route params, on top of the unknown id every call gets by default. */
const PARAMS = ["no-such-id", "../../etc/passwd", "x".repeat(5_000), "%00", "Projects-1' OR 1=1 --", "-1", "9999-12-31"];

const statuses = new Map<number, number>();

async function failures(e: Endpoint, cases: { name: string; body?: string; query?: string; param?: string; headers?: Record<string, string> }[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const c of cases) {
    const params = c.param === undefined ? undefined : Object.fromEntries([...e.route.matchAll(/\[(\w+)\]/g)].map((m) => [m[1], c.param!]));
    try {
      const answer = await send(app, e, { body: c.body, query: c.query, params, headers: c.headers });
      // The caller holds every permission: a refusal of the caller would mean the input never reached the route.
      const refused = /"code":"(unauthenticated|forbidden|cross_site_request)"/.test(answer.text);
      if (answer.status >= 500 || refused) wrong.push(`${e.key} with ${c.name}: ${answer.status} ${answer.text.slice(0, 200)}`);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    } catch (err) {
      wrong.push(`${e.key} with ${c.name}: threw ${String(err).slice(0, 200)}`);
    }
  }
  return wrong;
}

describe("every route answers bad input without a 5xx", () => {
  it("finds the routes", () => {
    expect(app.endpoints.length).toBeGreaterThan(30);
  });

  it("bodies: malformed JSON, wrong types, a 5 MB body, 10,000-deep nesting", async () => {
    const wrong: string[] = [];
    for (const e of app.endpoints.filter((x) => x.method !== "GET")) {
      wrong.push(...(await failures(e, Object.entries(BODIES).map(([name, body]) => ({ name, body })))));
      wrong.push(...(await failures(e, [{ name: "a form body sent as a form", body: BODIES["a form body"], headers: { "content-type": "application/x-www-form-urlencoded" } }])));
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it("queries: far-out and invalid dates, odd paging parameters", async () => {
    const wrong: string[] = [];
    for (const e of app.endpoints) wrong.push(...(await failures(e, Object.entries(QUERIES).map(([name, query]) => ({ name: `?${name}`, query, body: e.method === "GET" ? undefined : "{}" })))));
    expect(wrong).toEqual([]);
  }, 300_000);

  it("route params: unknown and odd ids", async () => {
    const wrong: string[] = [];
    for (const e of app.endpoints.filter((x) => x.route.includes("["))) {
      wrong.push(...(await failures(e, PARAMS.map((param) => ({ name: `param ${param.slice(0, 40)}`, param, body: e.method === "GET" ? undefined : "{}" })))));
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it("reached the handlers: most answers are 4xx about the input, some 2xx", () => {
    console.log("answers by status:", Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect([...statuses.keys()].some((s) => s === 400 || s === 404)).toBe(true);
  });

  it("evaluates a policy on an input nested just under the limit, in the test panel", async () => {
    const test = app.endpoints.find((e) => e.key === "POST /api/policies/test")!;
    const policy = {
      slug: "deep_input", name: "Deep input", description: "", violationReason: "", violationAction: "block",
      scopeRego: "package deep_input\ndefault evaluate := true\n",
      conditionsRego: "package deep_input\ndefault result := {\"allowed\": false}\nresult := {\"allowed\": true} if { count([p | walk(input, [p, _])]) > 0 }\n",
    };
    const answer = await send(app, test, { body: `{"policy":${JSON.stringify(policy)},"input":${nest(500, '{"a":', "}", "{}")}}` });
    expect(answer.status, answer.text.slice(-500)).toBe(200);
    expect(JSON.parse(answer.text).decision, answer.text.slice(-500)).toMatchObject({ outcome: "pass" });
  });

  it("answers the requests that were 500s with 4xx, or 2xx where the input is acceptable", async () => {
    const space = await send(app, endpoint(app, "POST /api/space"), { body: JSON.stringify({ space: "default" }) });
    const audit = await send(app, endpoint(app, "GET /api/audit"), { query: "to=9999-12-31" });
    const exported = await send(app, endpoint(app, "GET /api/audit/export"), { query: "to=9999-12-31" });
    console.log("POST /api/space (JSON), GET /api/audit and /api/audit/export ?to=9999-12-31:", [space, audit, exported].map((a) => `${a.status} ${a.text.slice(0, 80)}`));
    for (const answer of [space, audit, exported]) expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
  });

  it("answers a huge body with 413 and a deeply nested one with 400 where a JSON body is read", async () => {
    const deploy = app.endpoints.find((e) => e.key === "POST /api/deployments")!;
    const test = app.endpoints.find((e) => e.key === "POST /api/policies/test")!;
    expect((await send(app, deploy, { body: BODIES["a 5 MB body"] })).status).toBe(413);
    const deep = await send(app, test, { body: BODIES["an input nested 5,000 deep"] });
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.text).error.message).toMatch(/more than \d+ deep/);
  });
});
