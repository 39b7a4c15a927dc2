import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { DEMO_PASSWORD } from "../lib/seed/demo-access";
import { expect, screenshot, signInState, test } from "./fixtures";

/**
 * Who may do what, in a real browser: a deployer deploys but cannot commit, publish or activate
 * (the controls are disabled and the API refuses), a page on another origin cannot use the
 * administrator's session to change anything, and signing out ends the session on the server.
 */

const slug = `e2e_access_${Date.now().toString(36)}`;
const DATABASE = "data/e2e.db";
const signedOut = { cookies: [], origins: [] };

const doc = {
  name: `Access test policy (${slug.slice(-6)})`,
  description: "Never in scope: it only has to be active",
  violationReason: "Never happens",
  violationAction: "warn",
  scopeRego: `package ${slug}\n\ndefault evaluate := false\n\nevaluate if input.Environment.Slug == "no-such-environment"\n`,
  conditionsRego: `package ${slug}\n\ndefault result := {"allowed": true}\n`,
};

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<T> {
  expect(response.ok(), `${response.url()} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

const count = (sql: string, ...params: unknown[]) => {
  const db = new Database(DATABASE, { readonly: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
};

test.describe.configure({ mode: "serial" });

let activeVersion: string;

test.beforeAll(async ({ request }) => {
  await ok(await request.post("/api/policies", { data: { name: doc.name, slug } }));
  await ok(await request.put(`/api/policies/${slug}`, { data: { branch: "main", policy: doc, message: "An always-passing policy to switch on and off" } }));
  activeVersion = (await ok<{ version: { version: string } }>(await request.post(`/api/policies/${slug}/publish`, { data: { bump: "major" } }))).version.version;
  await ok(await request.post(`/api/policies/${slug}/versions/${activeVersion}/activate`));
});

test.afterAll(async ({ request }) => {
  await request.post(`/api/policies/${slug}/deactivate`);
});

test("every page carries the security headers, and the audit page shows how far its chain verifies", async ({ guardedPage: page }) => {
  const response = await page.goto("/configuration/audit");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await expect(page.getByTestId("audit-chain")).toContainText(/^Chain verified up to Events-\d+ \([\d,]+ records\)$/);
  await screenshot(page, "audit-chain-verified");
});

test.describe("a deployer", () => {
  test.use({ storageState: signedOut });

  // The plain page: the wrong password's 401 is the browser console error the guarded page would fail on.
  test("signs in on the sign-in page, deploys, and cannot commit, publish or activate", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(page.getByLabel("Username")).toBeFocused();
    await page.getByLabel("Username").fill("mei.lin");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("The username or password is not right");
    await screenshot(page, "sign-in-error");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByTestId("signed-in-user")).toHaveText("Mei Lin");

    // Deploy: allowed, and the deployment is recorded as Mei's.
    await page.goto("/projects/acme");
    const dialog = page.getByRole("dialog", { name: "Deploy a release" });
    await page.getByRole("button", { name: "Deploy…" }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Environment").selectOption({ label: "Test" });
    await dialog.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(page).toHaveURL(/\/tasks\/ServerTasks-\d+$/, { timeout: 30_000 });
    const taskId = page.url().split("/").pop()!;
    expect(count(`SELECT count(*) AS n FROM ServerTask t JOIN User u ON u.id = t.createdById WHERE t.id = ? AND u.username = 'mei.lin'`, taskId)).toBe(1);
    expect(count(`SELECT count(*) AS n FROM AuditEvent WHERE taskId = ? AND eventGroup = 'Deployment queued' AND username = 'mei.lin'`, taskId)).toBe(1);

    // Authoring and enforcement: the controls are there but disabled, saying why.
    await page.goto("/platform-hub/policies");
    await expect(page.getByRole("button", { name: "Create policy" }).first()).toBeDisabled();
    await page.goto(`/platform-hub/policies/${slug}`);
    await expect(page.getByRole("button", { name: "Commit" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "New branch" })).toBeDisabled();
    await page.goto(`/platform-hub/policies/${slug}?tab=versions`);
    const versions = page.getByTestId("versions-tab");
    await expect(versions.getByRole("button", { name: "Publish" })).toBeDisabled();
    await expect(versions.getByRole("button", { name: "Deactivate" })).toBeDisabled();
    await expect(versions.getByRole("button", { name: "Deactivate" })).toHaveAttribute("title", "You need the PolicyActivate permission");
    await screenshot(page, "deployer-policy-versions");

    // And the server refuses, naming the permission, whatever the UI shows.
    const refused = async (response: Awaited<ReturnType<APIRequestContext["post"]>>, permission: string) => {
      expect(response.status()).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden", details: { permission } } });
    };
    const api = page.request;
    await refused(await api.put(`/api/policies/${slug}`, { data: { branch: "main", policy: doc } }), "PlatformHubEdit");
    await refused(await api.post(`/api/policies/${slug}/publish`, { data: { bump: "minor" } }), "PolicyPublish");
    await refused(await api.post(`/api/policies/${slug}/versions/${activeVersion}/activate`), "PolicyActivate");
    await refused(await api.post(`/api/policies/${slug}/deactivate`), "PolicyActivate");
  });
});

test.describe("a page on another origin", () => {
  let attacker: Server;
  let attackerOrigin: string;

  test.beforeAll(async ({ baseURL }) => {
    // Same host, another port: the same site, so the SameSite=Lax cookie is sent and only the
    // server's origin check stands in the way.
    attacker = createServer((req, res) => {
      const target = baseURL!;
      const pages: Record<string, string> = {
        "/deactivate": `<form id="f" method="POST" action="${target}/api/policies/${slug}/deactivate"></form><script>document.getElementById("f").submit()</script>`,
        "/deploy": `<script>fetch("${target}/api/deployments", { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: JSON.stringify({ releaseId: "Releases-1", environmentId: "Environments-1" }) })</script>`,
      };
      res.writeHead(pages[req.url ?? ""] ? 200 : 404, { "content-type": "text/html" });
      res.end(pages[req.url ?? ""] ?? "");
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

  const attack = async (page: Page, path: string, target: RegExp) => {
    const response = page.waitForResponse((r) => target.test(r.url()) && r.request().method() === "POST");
    await page.goto(`${attackerOrigin}${path}`);
    return response;
  };

  test("cannot deactivate a policy or queue a deployment with the administrator's session", async ({ page, request }) => {
    const deploymentsBefore = count("SELECT count(*) AS n FROM Deployment");
    const deniedBefore = count("SELECT count(*) AS n FROM AuditEvent WHERE eventGroup = 'Request denied'");

    const deactivate = await attack(page, "/deactivate", /\/api\/policies\/[^/]+\/deactivate$/);
    expect(deactivate.status()).toBe(403);
    expect(await deactivate.json()).toMatchObject({ error: { code: "cross_site_request" } });
    const deploy = await attack(page, "/deploy", /\/api\/deployments$/);
    expect(deploy.status()).toBe(403);

    const { versions } = await ok<{ versions: { version: string; isActive: boolean }[] }>(await request.get(`/api/policies/${slug}/versions`));
    expect(versions.find((v) => v.version === activeVersion)?.isActive).toBe(true);
    expect(count("SELECT count(*) AS n FROM Deployment")).toBe(deploymentsBefore);
    expect(count("SELECT count(*) AS n FROM AuditEvent WHERE eventGroup = 'Request denied'")).toBe(deniedBefore + 2);
  });
});

test.describe("signing out", () => {
  test.use({ storageState: signedOut });

  test("ends the session: the old cookie no longer signs anyone in", async ({ browser, baseURL }, testInfo) => {
    const state = await signInState(baseURL!, "tom.berg", testInfo.workerIndex);
    const context = await browser.newContext({ baseURL, storageState: state });
    const page = await context.newPage();
    await page.goto("/projects");
    await expect(page.getByTestId("signed-in-user")).toHaveText("Tom Berg");
    // A viewer's navigation has no Configuration section, and the audit page itself refuses, naming the permission.
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Configuration/ })).toHaveCount(0);
    await page.goto("/configuration/audit");
    await expect(page).toHaveURL(/\/forbidden\?permission=AuditView$/);
    await expect(page.getByText("It needs the AuditView permission")).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await context.close();

    // The cookie as it was before signing out, replayed.
    const replay = await browser.newContext({ baseURL, storageState: state });
    const again = await replay.newPage();
    await again.goto("/projects");
    await expect(again).toHaveURL(/\/sign-in$/);
    expect((await replay.request.get("/api/auth/me")).status()).toBe(401);
    await replay.close();
  });
});
