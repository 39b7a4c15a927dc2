import type { APIRequestContext, Locator, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { expect, screenshot, test } from "./fixtures";

/**
 * What a user meets walking the project and task pages: older releases deployable from the
 * deploy dialog, each step's type there, a banner of several policies that stays readable with
 * each policy a link, one name per person, and a task page that lays out at 720 px.
 */

const DATABASE = "data/e2e.db";
const PROJECT = "ops-dashboard";
const run = Date.now().toString(36);

const row = <T>(sql: string, ...params: unknown[]): T => {
  const db = new Database(DATABASE, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
};

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<T> {
  expect(response.ok(), `${response.url()} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** Clicks until the dialog opens: a click that lands before hydration does nothing. */
async function openDialog(button: Locator, dialog: Locator) {
  await expect(async () => {
    await button.click();
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

// Three policies that always fail for one project no other spec deploys: one blocks, two warn.
const POLICIES = [
  { slug: `walk_block_${run}`, name: `Walk: no Friday releases (${run})`, action: "block", reason: "Releases wait for Monday" },
  { slug: `walk_warn_a_${run}`, name: `Walk: release notes missing (${run})`, action: "warn", reason: "Write release notes" },
  { slug: `walk_warn_b_${run}`, name: `Walk: package not signed (${run})`, action: "warn", reason: "Sign the package" },
] as const;

async function activateFailingPolicy(request: APIRequestContext, p: (typeof POLICIES)[number]) {
  await ok(await request.post("/api/policies", { data: { name: p.name, slug: p.slug } }));
  const policy = {
    name: p.name,
    description: "Always fails for the Ops Dashboard",
    violationReason: p.reason,
    violationAction: p.action,
    scopeRego: `package ${p.slug}\n\ndefault evaluate := false\n\nevaluate if input.Project.Slug == "${PROJECT}"\n`,
    conditionsRego: `package ${p.slug}\n\ndefault result := {"allowed": false}\n`,
    // Publishing runs the policy's tests: these say what it does.
    testsRego: `package ${p.slug}\n\ntest_in_scope_for_the_project if evaluate with input as {"Project": {"Slug": "${PROJECT}"}}\n\ntest_never_allows if not result.allowed\n`,
  };
  await ok(await request.put(`/api/policies/${p.slug}`, { data: { branch: "main", policy, message: "A policy the Ops Dashboard always violates" } }));
  const { version } = await ok<{ version: { version: string } }>(await request.post(`/api/policies/${p.slug}/publish`, { data: { bump: "major" } }));
  await ok(await request.post(`/api/policies/${p.slug}/versions/${version.version}/activate`));
}

let blockedTaskId: string;

test.beforeAll(async ({ request }) => {
  for (const p of POLICIES) await activateFailingPolicy(request, p);
  const { releaseId, environmentId } = row<{ releaseId: string; environmentId: string }>(
    `SELECT r.id AS releaseId, e.id AS environmentId FROM Release r JOIN Project p ON p.id = r.projectId JOIN Environment e ON e.spaceId = p.spaceId
     WHERE p.slug = ? AND e.slug = 'development' ORDER BY r.createdAt DESC LIMIT 1`,
    PROJECT,
  );
  ({ taskId: blockedTaskId } = await ok<{ taskId: string }>(await request.post("/api/deployments", { data: { releaseId, environmentId } })));
  await expect.poll(async () => ((await (await request.get(`/api/tasks/${blockedTaskId}`)).json()) as { task: { state: string } }).task.state, { timeout: 30_000 }).toBe("Failed");
});

test.afterAll(async ({ request }) => {
  for (const p of POLICIES) await request.post(`/api/policies/${p.slug}/deactivate`);
});

test("the deploy dialog reaches releases older than the ten newest, finds one by version and deploys it", async ({ guardedPage: page }) => {
  test.setTimeout(90_000);
  await page.goto("/projects/inventory-service");
  const dialog = page.getByRole("dialog", { name: "Deploy a release" });
  await openDialog(page.getByRole("button", { name: "Deploy…" }), dialog);
  // The first select: a label wrapping a select is named with the chosen option too.
  const release = dialog.locator("select").first();
  await expect(release.locator("option")).toHaveCount(10);
  const newest = await release.locator("option").first().textContent();

  await dialog.getByRole("button", { name: "Older releases" }).click();
  await expect(release.locator("option")).toHaveCount(18);
  await expect(dialog.getByRole("button", { name: "Older releases" })).toHaveCount(0);
  const oldest = (await release.locator("option").last().textContent())!;
  expect(oldest).not.toBe(newest);

  await dialog.getByLabel("Find a release by version").fill(oldest);
  await expect(release.locator("option:checked")).toHaveText(oldest);
  await expect(dialog.getByTestId("release-listing")).toContainText(oldest);
  // Each step says what kind of step it is.
  await expect(dialog.getByTestId("step-type").first()).toHaveText("Deploy Kubernetes containers");

  await dialog.getByLabel("Environment").selectOption({ label: "Development" });
  await dialog.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\//, { timeout: 30_000 });
  await expect(page.getByText(oldest, { exact: true })).toBeVisible();
});

test("the deploy dialog names each step's type, so the manual intervention shows", async ({ guardedPage: page }) => {
  await page.goto("/projects/acme");
  const dialog = page.getByRole("dialog", { name: "Deploy a release" });
  await openDialog(page.getByRole("button", { name: "Deploy…" }), dialog);
  const approve = dialog.locator("li").filter({ hasText: "Approve Production" });
  await expect(approve.getByTestId("step-type")).toHaveText("Manual Intervention Required");
});

test("the project banner gives one line per policy grouped by outcome, each linking to its policy", async ({ guardedPage: page }) => {
  await page.goto(`/projects/${PROJECT}`);
  const banner = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: /Policy violations/ }) });
  const blocked = banner.getByTestId("banner-block");
  const warned = banner.getByTestId("banner-warn");
  await expect(blocked.getByTestId("banner-policy")).toHaveCount(1);
  await expect(warned.getByTestId("banner-policy")).toHaveCount(2);
  for (const p of POLICIES) {
    const line = banner.getByTestId("banner-policy").filter({ hasText: p.name });
    await expect(line).toHaveCount(1);
    await expect(line).toContainText(p.reason);
    await expect(line.getByRole("link", { name: p.name })).toHaveAttribute("href", `/platform-hub/policies/${p.slug}`);
  }
  // One line each: the lines do not run into one another.
  const boxes = await banner.getByTestId("banner-policy").evaluateAll((items) => items.map((i) => i.getBoundingClientRect()).map((b) => ({ top: b.top, bottom: b.bottom })));
  boxes.sort((a, b) => a.top - b.top);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom - 1);
  await banner.scrollIntoViewIfNeeded();
  await banner.screenshot({ path: "e2e-artifacts/project-banner-three-policies.png" });
  await screenshot(page, "project-banner-three-policies-page");

  await banner.getByRole("link", { name: POLICIES[1].name }).click();
  await expect(page).toHaveURL(new RegExp(`/platform-hub/policies/${POLICIES[1].slug}$`));
});

test("the task's banner links each policy", async ({ guardedPage: page }) => {
  await page.goto(`/tasks/${blockedTaskId}`);
  const block = page.getByRole("alert").filter({ hasText: "Blocked by" });
  await expect(block.getByRole("link", { name: POLICIES[0].name })).toHaveAttribute("href", `/platform-hub/policies/${POLICIES[0].slug}`);
});

test("the same person has one name on the task and in the audit log", async ({ guardedPage: page }) => {
  await page.goto(`/tasks/${blockedTaskId}`);
  const startedBy = page.locator("dl > div").filter({ has: page.locator("dt", { hasText: /^Started by$/ }) }).locator("dd");
  await expect(startedBy).toContainText("Administrator");

  await page.goto(`/configuration/audit?policy=${row<{ id: string }>("SELECT id FROM Policy WHERE slug = ?", POLICIES[0].slug).id}`);
  const table = page.getByRole("table", { name: "Audit events" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  const users = await table.locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(users.length).toBeGreaterThan(0);
  // Records the administrator wrote, and the gate's own (System): never the username alone.
  expect(users.map((u) => u.trim())).toContain("Administrator");
  for (const user of users) expect(["Administrator", "System"]).toContain(user.trim());

  await table.getByRole("link", { name: /^Details of/ }).first().click();
  const user = page.locator("dl > div").filter({ has: page.locator("dt", { hasText: /^User$/ }) }).locator("dd");
  await expect(user).toContainText("Administrator");
});

/** Every pair of boxes that overlap, by the names given. */
function overlaps(boxes: { name: string; box: DOMRect | { x: number; y: number; width: number; height: number } }[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].box;
      const b = boxes[j].box;
      const apart = a.x + a.width <= b.x + 1 || b.x + b.width <= a.x + 1 || a.y + a.height <= b.y + 1 || b.y + b.height <= a.y + 1;
      if (!apart) found.push(`${boxes[i].name} / ${boxes[j].name}`);
    }
  }
  return found;
}

async function boxOf(page: Page, name: string, locator: Locator) {
  const box = await locator.boundingBox();
  expect(box, `${name} is laid out`).not.toBeNull();
  return { name, box: box! };
}

test("the task page lays out at 720 px: no region overlaps another, none runs past the page", async ({ guardedPage: page }) => {
  await page.setViewportSize({ width: 720, height: 1000 });
  await page.goto(`/tasks/${blockedTaskId}`);
  const log = page.getByRole("region", { name: /^Log lines/ });
  await expect(log).toBeVisible({ timeout: 30_000 });
  const main = page.locator("main");
  const details = main.locator("dl").first();
  const regions = [
    await boxOf(page, "sidebar", page.locator("aside")),
    await boxOf(page, "heading", main.locator("header").first()),
    await boxOf(page, "blocked banner", main.getByRole("alert").filter({ hasText: "Blocked by" })),
    await boxOf(page, "warning banner", main.getByRole("status").filter({ hasText: "policy warning" })),
    await boxOf(page, "details", details),
    await boxOf(page, "log", log),
  ];
  expect(overlaps(regions)).toEqual([]);
  // Within the regions: each detail in its own cell, nothing wider than the column it is in.
  const cells = await details.locator(":scope > div").all();
  const cellBoxes = await Promise.all(cells.map(async (cell, i) => boxOf(page, `detail ${i + 1} (${await cell.locator("dt").innerText()})`, cell)));
  expect(overlaps(cellBoxes)).toEqual([]);
  const overflowing = await main.evaluate((el) =>
    [el, ...el.querySelectorAll("header, dl, dl > div, [role=alert], [role=status]")].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.tagName} ${e.textContent?.slice(0, 40)}`),
  );
  expect(overflowing).toEqual([]);
  const mainBox = (await main.boundingBox())!;
  for (const r of regions.slice(1)) expect(r.box.x + r.box.width, `${r.name} ends within the page`).toBeLessThanOrEqual(mainBox.x + mainBox.width + 1);
  await screenshot(page, "task-720px");
});

test("the compliance chart's axis text is the page's 12px at 720 px, and Errored is not coloured like Blocked", async ({ guardedPage: page }) => {
  await page.setViewportSize({ width: 720, height: 1000 });
  await page.goto("/platform-hub/compliance");
  const chart = page.getByRole("img", { name: /evaluations over/ });
  await expect(chart).toBeVisible();
  // Drawn at the size it is shown: one viewBox unit is one pixel once the chart has measured its room.
  await expect.poll(() => chart.evaluate((svg) => svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width)).toBeCloseTo(1, 2);
  const label = chart.locator("text").first();
  expect(await label.evaluate((t) => Math.round(t.getBoundingClientRect().height))).toBeGreaterThanOrEqual(12);
  const swatch = (label: string) =>
    page.locator("figure span", { hasText: new RegExp(`^${label}$`) }).locator("span").first().evaluate((s) => getComputedStyle(s).backgroundColor);
  expect(await swatch("Errored")).not.toBe(await swatch("Blocked"));
  await screenshot(page, "compliance-720px");
});
