import type { APIRequestContext, Locator, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { expect, screenshot, test } from "./fixtures";

/**
 * The documented flow, end to end: an active warn policy requiring a manual intervention for ACME
 * in Development lets a deployment without one run with a warning (task log, verbose input,
 * project banner, audit record); switched to block, the next deployment fails before any step.
 * The policy is set up through the policies API, as the authoring UI would.
 */

// A fresh slug per run: the Platform Hub repository outlives the test database.
const slug = `e2e_manual_intervention_${Date.now().toString(36)}`;
const POLICY_NAME = `ACME Development needs a manual intervention (${slug.slice(-6)})`;
const REASON = "Add a Manual Intervention step before deploying ACME to Development";
const MANUAL_STEP = "Approve Production Deployment";

const policy = (violationAction: "warn" | "block") => ({
  name: POLICY_NAME,
  description: "End-to-end test policy",
  violationReason: REASON,
  violationAction,
  scopeRego: `package ${slug}

default evaluate := false

evaluate if {
	input.Project.Slug == "acme"
	input.Environment.Slug == "development"
}
`,
  conditionsRego: `package ${slug}

default result := {"allowed": false}

result := {"allowed": true} if {
	some step in input.Steps
	step.ActionType == "Octopus.Manual"
	not step.Id in input.SkippedSteps
}
`,
  // Publishing runs the policy's tests: they must describe this scope, not the starter's.
  testsRego: `package ${slug}

test_in_scope_for_acme_in_development if evaluate with input as {"Project": {"Slug": "acme"}, "Environment": {"Slug": "development"}}

test_allows_a_manual_intervention if result.allowed with input as {"Steps": [{"Id": "s1", "ActionType": "Octopus.Manual"}], "SkippedSteps": []}
`,
});

async function ok<T = unknown>(response: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<T> {
  expect(response.ok(), `${response.url()} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function commitPublishActivate(request: APIRequestContext, action: "warn" | "block", bump: "major" | "minor") {
  await ok(await request.put(`/api/policies/${slug}`, { data: { branch: "main", policy: policy(action), message: `Make the policy ${action}` } }));
  const published = await ok<{ version: { version: string } }>(await request.post(`/api/policies/${slug}/publish`, { data: { bump } }));
  await ok(await request.post(`/api/policies/${slug}/versions/${published.version.version}/activate`));
}

/** Deploys ACME's latest release to Development without the manual intervention; returns on the task page. */
async function deployWithoutManualIntervention(page: Page) {
  await page.goto("/projects/acme");
  const dialog = page.getByRole("dialog", { name: "Deploy a release" });
  await openDialog(page, page.getByRole("button", { name: "Deploy…" }), dialog);
  await dialog.getByLabel("Environment").selectOption({ label: "Development" });
  await dialog.getByRole("checkbox", { name: MANUAL_STEP }).check();
  // Required steps cannot be excluded.
  await expect(dialog.getByRole("checkbox", { name: /Deploy ACME Web/ })).toBeDisabled();
  await dialog.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\/ServerTasks-\d+$/, { timeout: 30_000 });
}

const taskLog = (page: Page) => page.getByRole("region", { name: /^Log lines/ });

/** The log is virtualized: lines below the fold are not in the page until scrolled to. */
async function scrollUntilVisible(page: Page, line: Locator) {
  const log = taskLog(page);
  for (let i = 0; i < 100 && (await line.count()) === 0; i++) await log.evaluate((el) => el.scrollBy(0, el.clientHeight / 2));
  await expect(line.first()).toBeVisible();
}

test.describe.configure({ mode: "serial" });

// Other active policies (another spec's, say) would add their own verdicts to these deployments:
// they are switched off for the walk-through and back on afterwards.
let setAside: { slug: string; activeVersion: string }[] = [];

async function setAsideOtherPolicies(request: APIRequestContext) {
  const { policies } = await ok<{ policies: { slug: string; activeVersion: string | null }[] }>(await request.get("/api/policies"));
  setAside = policies.flatMap((p) => (p.activeVersion && p.slug !== slug ? [{ slug: p.slug, activeVersion: p.activeVersion }] : []));
  for (const other of setAside) await ok(await request.post(`/api/policies/${other.slug}/deactivate`));
}

test.afterAll(async ({ request }) => {
  await request.post(`/api/policies/${slug}/deactivate`);
  for (const other of setAside) await request.post(`/api/policies/${other.slug}/versions/${other.activeVersion}/activate`);
});

/** Clicks until the dialog opens: a click that lands before hydration does nothing. */
async function openDialog(page: Page, button: Locator, dialog: Locator) {
  await expect(async () => {
    await button.click();
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

test("create a release, then deploy it from the dialog that opens on it", async ({ guardedPage: page }) => {
  test.setTimeout(90_000);
  const version = `9.0.${Date.now() % 100_000}`;
  await page.goto("/projects/acme");
  const create = page.getByRole("dialog", { name: "Create a release" });
  await openDialog(page, page.getByRole("button", { name: "Create release" }), create);
  await expect(create.getByLabel("Version")).toHaveValue(/^\d+\.\d+\.\d+$/);
  await create.getByLabel("Version").fill(version);
  await create.getByRole("button", { name: "Create release" }).click();

  const deploy = page.getByRole("dialog", { name: "Deploy a release" });
  await expect(deploy).toBeVisible({ timeout: 30_000 });
  await expect(deploy.getByRole("combobox", { name: /^Release/ })).toHaveValue(/^Releases-\d+$/);
  await expect(deploy.getByRole("combobox", { name: /^Release/ }).locator("option:checked")).toHaveText(version);
  await deploy.getByLabel("Environment").selectOption({ label: "Test" });
  await deploy.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\/ServerTasks-\d+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Deploy ACME release ${version} to Test`);
  await expect(page.getByText("Success", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
});

test("run a runbook from the Runbooks tab and see the run there", async ({ guardedPage: page }) => {
  test.setTimeout(90_000);
  await page.goto("/projects/acme?tab=runbooks");
  const dialog = page.getByRole("dialog", { name: "Run Restart Web Pods" });
  await openDialog(page, page.getByRole("button", { name: "Run Restart Web Pods" }), dialog);
  await expect(dialog.getByLabel("Environment")).toBeFocused();
  await dialog.getByLabel("Environment").selectOption({ label: "Production" });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await openDialog(page, page.getByRole("button", { name: "Run Restart Web Pods" }), dialog);
  await dialog.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\/ServerTasks-\d+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Run Restart Web Pods in Production");
  await expect(page.getByText("Success", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  const taskPath = new URL(page.url()).pathname;

  await page.goto("/projects/acme?tab=runbooks");
  const row = page.getByRole("table", { name: "Runbooks and their last runs" }).getByRole("row").filter({ hasText: "Restart Web Pods" });
  await expect(row.locator(`a[href="${taskPath}"]`)).toHaveText("Production");
});

test("a tenanted project's deploy dialog offers the tenants connected in the chosen environment", async ({ guardedPage: page }) => {
  test.setTimeout(90_000);
  await page.goto("/projects/customer-portal");
  const dialog = page.getByRole("dialog", { name: "Deploy a release" });
  await openDialog(page, page.getByRole("button", { name: "Deploy…" }), dialog);
  await dialog.getByLabel("Environment").selectOption({ label: "Staging" });
  // Seeded connections: only Globex is connected to Customer Portal in Staging.
  await expect(dialog.getByLabel("Tenant").locator("option")).toHaveText(["Choose a tenant", "Globex"]);
  await dialog.getByLabel("Tenant").selectOption({ label: "Globex" });
  await dialog.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\/ServerTasks-\d+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/to Staging for Globex$/);
});

test("a warn policy lets the deployment run, and says so in the log, the project and the audit log", async ({ guardedPage: page, request }) => {
  test.setTimeout(120_000);
  await setAsideOtherPolicies(request);
  await ok(await request.post("/api/policies", { data: { name: POLICY_NAME, slug } }));
  await commitPublishActivate(request, "warn", "major");

  await deployWithoutManualIntervention(page);
  await expect(page.getByText("Success with warnings").first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("status").filter({ hasText: "policy warning" })).toContainText(REASON);
  const log = taskLog(page);
  await expect(log.getByText(`"${POLICY_NAME}"`).first()).toBeVisible();
  await expect(log.getByText(REASON).first()).toBeVisible();

  // Verbose reveals the input object and the raw result.
  await expect(log.getByText("Policy input:")).toHaveCount(0);
  await page.getByRole("switch", { name: "Show verbose" }).click();
  await expect(page.getByRole("switch", { name: "Show verbose" })).toHaveAttribute("aria-checked", "true");
  // The policy evaluation comes first in the log.
  await log.evaluate((el) => el.scrollTo(0, 0));
  await expect(log.getByText("Policy input:")).toBeVisible();
  await expect(log.getByText(/"Environment": \{/)).toBeVisible();
  await screenshot(page, "task-verbose-log");
  await scrollUntilVisible(page, log.getByText(/"SkippedSteps": \[/));
  await scrollUntilVisible(page, log.getByText(/result = \{"allowed":false\}/));
  await page.getByRole("switch", { name: "Show timestamps" }).click();
  await expect(log.locator("time")).toHaveCount(0);

  await page.goto("/projects/acme");
  const banner = page.getByRole("alert").filter({ hasText: "policy warnings" });
  await expect(banner).toContainText(POLICY_NAME);
  // The policy links to the policy, the execution to its task.
  await expect(banner.getByRole("link").first()).toHaveAttribute("href", `/platform-hub/policies/${slug}`);
  await expect(banner.locator('a[href*="/tasks/ServerTasks-"]').first()).toBeVisible();
  const grid = page.getByRole("table", { name: "Latest deployment per environment" });
  await expect(grid.locator('td[data-violation="warn"]')).toContainText("Policy warning");
  await screenshot(page, "project-overview-banner");

  await page.goto("/configuration/audit");
  await page.getByRole("checkbox", { name: "Compliance Policy Evaluated" }).check();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/group=Compliance\+Policy\+Evaluated/);
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr").filter({ hasText: POLICY_NAME });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("warn");
});

test("switched to block, the next deployment fails before any step with the policy's reason", async ({ guardedPage: page, request }) => {
  test.setTimeout(120_000);
  await commitPublishActivate(request, "block", "minor");

  await deployWithoutManualIntervention(page);
  const alert = page.getByRole("alert").filter({ hasText: "Blocked by a policy" });
  await expect(alert).toBeVisible({ timeout: 60_000 });
  await expect(alert).toContainText(POLICY_NAME);
  await expect(alert).toContainText(REASON);
  await expect(page.getByText("Failed", { exact: true }).first()).toBeVisible();
  // No step ran: the log has the policy section and no step sections.
  const log = taskLog(page);
  await expect(log.getByText("Policy evaluation").first()).toBeVisible();
  await expect(log.getByText(/^Step \d+:/)).toHaveCount(0);
  await screenshot(page, "task-blocked");

  await page.goto("/configuration/audit?group=Compliance+Policy+Evaluated");
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr").filter({ hasText: POLICY_NAME });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("block");
  await expect(rows.nth(1)).toContainText("warn");
  await screenshot(page, "audit-compliance-filtered");

  // A record's detail shows its JSON.
  await rows.first().getByRole("link", { name: /^Details of/ }).click();
  await expect(page).toHaveURL(/\/configuration\/audit\/Events-\d+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Audit record Events-\d+$/);
  await expect(page.getByRole("region", { name: "Record JSON" })).toContainText('"outcome": "block"');

  // The export streams the same filtered records.
  const jsonl = await (await request.get("/api/audit/export?format=jsonl&group=Compliance+Policy+Evaluated")).text();
  const exported = jsonl.trim().split("\n").map((line) => JSON.parse(line) as { outcome: string; details: { policySlug?: string } });
  expect(exported.filter((r) => r.details.policySlug === slug).map((r) => r.outcome)).toEqual(["block", "warn"]);
  const csv = await request.get("/api/audit/export?format=csv&group=Compliance+Policy+Evaluated");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n").filter((line) => line.includes(slug))).toHaveLength(2);

  await page.goto("/platform-hub/compliance?period=7d");
  await expect(page.getByRole("img", { name: /Evaluations per day by outcome/ })).toBeVisible();
  const top = page.getByRole("table", { name: "Top policies by violations" }).getByRole("row").filter({ hasText: POLICY_NAME });
  await expect(top.getByRole("cell")).toHaveText([new RegExp(slug), "1", "1", "0", "0", "2", "Audit records"]);
  await screenshot(page, "compliance-overview");
});

test("a 100,000-line log stays responsive", async ({ guardedPage: page }) => {
  test.setTimeout(120_000);
  // No route writes log lines, so the test writes a finished task straight into the server's
  // database (playwright.config.ts: data/e2e.db).
  const taskId = `ServerTasks-${900_000 + (Date.now() % 100_000)}`;
  const db = new Database(process.env.E2E_DATABASE_FILE ?? "data/e2e.db");
  db.pragma("busy_timeout = 10000");
  const at = new Date().toISOString().replace("Z", "+00:00");
  db.prepare("INSERT INTO ServerTask (id, kind, description, state, queuedAt, startedAt, completedAt) VALUES (?, 'Deploy', 'A task with a long log', 'Success', ?, ?, ?)").run(taskId, at, at, at);
  const insert = db.prepare("INSERT INTO TaskLogEntry (taskId, seq, level, section, message, occurredAt) VALUES (?, ?, ?, ?, ?, ?)");
  db.transaction(() => {
    for (let seq = 1; seq <= 100_000; seq++) insert.run(taskId, seq, seq % 10 === 0 ? "Verbose" : "Info", `Step ${Math.ceil(seq / 10_000)}: Chunk`, `Line ${seq} of the long log`, at);
  })();
  db.close();

  await page.goto(`/tasks/${taskId}`);
  const log = taskLog(page);
  await expect(log.getByText("Line 1 of the long log")).toBeVisible();
  await expect(log).toHaveAttribute("aria-label", "Log lines (100000)", { timeout: 60_000 });
  // Only the rows in view are in the page.
  expect(await log.locator("[data-level]").count()).toBeLessThan(150);
  const started = Date.now();
  await log.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(log.getByText("Line 99999 of the long log")).toBeVisible();
  await page.getByRole("switch", { name: "Show verbose" }).click();
  await log.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(log.getByText("Line 100000 of the long log")).toBeVisible();
  expect(Date.now() - started, "jumping to the end and showing verbose lines").toBeLessThan(3_000);
});
