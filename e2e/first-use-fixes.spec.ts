import type { Page } from "@playwright/test";
import { expect, screenshot, test } from "./fixtures";
import { createPolicy, monacoIn, openEditor, replaceEditorText, savePolicy, squiggles } from "./policy-authoring-helpers";

// Defects found walking the documented flow as a new user: each test fails on the old behaviour.

async function openNameStep(page: Page): Promise<void> {
  await page.goto("/platform-hub/policies");
  await page.getByRole("button", { name: /create policy/i }).first().click();
  await page.getByTestId("create-policy-dialog").getByRole("button", { name: "Create Blank Policy" }).click();
}

test("Back from the editor with uncommitted edits asks, and Cancel keeps the edits", async ({ guardedPage: page, request }) => {
  await createPolicy(request, "fixes_back");
  await page.goto("/platform-hub/policies");
  await page.getByRole("link", { name: "Fixes fixes_back" }).click();
  const name = page.getByLabel("Name", { exact: true });
  await expect(name).toHaveValue("Fixes fixes_back", { timeout: 30_000 });
  await name.fill("Edited but not committed");
  await expect(page.getByTestId("unsaved-indicator")).toBeVisible();

  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goBack();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain("uncommitted changes");
  await expect(page).toHaveURL(/\/platform-hub\/policies\/fixes_back/);
  await expect(name).toHaveValue("Edited but not committed");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.goBack();
  await expect(page).toHaveURL(/\/platform-hub\/policies$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Policies");
});

test("the audit filter shows the URL's filters after Back", async ({ guardedPage: page }) => {
  await page.goto("/configuration/audit");
  const groups = page.getByRole("group", { name: /Event groups/ });
  const box = groups.getByRole("checkbox").first();
  await box.check();
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/group=/);
  await expect(groups.getByRole("checkbox").first()).toBeChecked();

  await page.goBack();
  await expect(page).not.toHaveURL(/group=/);
  await expect(page.getByRole("group", { name: "Event groups (all)" })).toBeVisible();
  await expect(page.getByRole("group", { name: /Event groups/ }).getByRole("checkbox", { checked: true })).toHaveCount(0);

  // Back may restore the page from the back/forward cache as it was left, unapplied ticks included.
  await page.getByRole("group", { name: /Event groups/ }).getByRole("checkbox").first().check();
  await restoreFromBackForwardCache(page);
  await expect(page.getByRole("group", { name: /Event groups/ }).getByRole("checkbox", { checked: true })).toHaveCount(0);
});

/** What the browser tells a page it brings back from its back/forward cache. */
async function restoreFromBackForwardCache(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true })));
}

test("the task filter shows the URL's filters after Back", async ({ guardedPage: page }) => {
  await page.goto("/tasks");
  const state = page.getByLabel("State");
  await state.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/state=/);

  await page.goBack();
  await expect(page).not.toHaveURL(/state=/);
  await expect(page.getByLabel("State")).toHaveValue("");

  await page.getByLabel("State").selectOption({ index: 1 });
  await restoreFromBackForwardCache(page);
  await expect(page.getByLabel("State")).toHaveValue("");
});

test("a long name proposes a slug within the limit, and the name itself is limited", async ({ guardedPage: page }) => {
  await openNameStep(page);
  const dialog = page.getByTestId("create-policy-dialog");
  const name = dialog.getByLabel("Name");
  const longName = `Deployments to production need a manual intervention step ${"and more words ".repeat(5)}`.slice(0, 124);
  await name.fill(longName);
  const slug = await dialog.getByLabel("Slug").inputValue();
  expect(slug.length).toBeGreaterThan(0);
  expect(slug.length).toBeLessThanOrEqual(64);

  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page).toHaveURL(new RegExp(`/platform-hub/policies/${slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(longName.trim());

  await openNameStep(page);
  await page.getByTestId("create-policy-dialog").getByLabel("Name").fill("x".repeat(250));
  expect((await page.getByTestId("create-policy-dialog").getByLabel("Name").inputValue()).length).toBe(200);
});

test("a reserved slug is refused in the dialog, before the server", async ({ guardedPage: page }) => {
  await openNameStep(page);
  const dialog = page.getByTestId("create-policy-dialog");
  await dialog.getByLabel("Name").fill("Starters");
  await expect(dialog.getByLabel("Slug")).toHaveValue("starters_policy");
  await dialog.getByLabel("Slug").fill("starters");
  await expect(dialog.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText(/reserved/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Done" })).toBeDisabled();
});

test("a parse error after a trailing dot is marked on the dot's line", async ({ guardedPage: page, request }) => {
  await createPolicy(request, "fixes_dot");
  await openEditor(page, "fixes_dot");
  await replaceEditorText(
    page,
    "conditions-editor",
    'package fixes_dot\n\ndefault result := {"allowed": true}\n\nresult := {"allowed": false} if {\n    input.Environment.Name == "Production".\n    not input.Release\n}\n',
  );
  const squiggle = squiggles(page, "conditions-editor").first();
  await expect(squiggle).toBeVisible({ timeout: 10_000 });
  const dotLine = monacoIn(page, "conditions-editor").locator(".view-line").filter({ hasText: '"Production".' });
  const lineTop = await dotLine.evaluate((el) => (el as HTMLElement).style.top);
  const squiggleTop = await squiggle.evaluate((el) => (el.parentElement as HTMLElement).style.top);
  expect(lineTop).toMatch(/^\d+px$/);
  expect(squiggleTop).toBe(lineTop);
});

test("an empty name is an error on the Name field, in words", async ({ guardedPage: page, request }) => {
  await createPolicy(request, "fixes_empty_name");
  await openEditor(page, "fixes_empty_name");
  const name = page.getByLabel("Name", { exact: true });
  await name.fill("");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Give the policy a name.")).toBeVisible();
  await expect(page.getByTestId("policy-problems")).toHaveCount(0);
  await expect(page.getByText(/\.ocl:\d+:\d+/)).toHaveCount(0);
});

test("the list shows the enforced action and marks unpublished changes, as does the editor header", async ({ guardedPage: page, request }) => {
  const slug = "fixes_enforced";
  await createPolicy(request, slug);
  await savePolicy(request, slug, { violationAction: "warn" });
  expect((await request.post(`/api/policies/${slug}/publish`, { data: { bump: "major" } })).status()).toBe(201);
  expect((await request.post(`/api/policies/${slug}/versions/1.0.0/activate`)).ok()).toBe(true);
  try {
    await page.goto("/platform-hub/policies");
    const row = page.getByTestId(`policy-row-${slug}`);
    await expect(row).toContainText("Active 1.0.0");
    await expect(row).toContainText("Warn");
    await expect(row.getByTestId("unpublished-changes")).toHaveCount(0);

    await savePolicy(request, slug, { violationAction: "block" });
    await page.reload();
    await expect(row).toContainText("Active 1.0.0");
    await expect(row.getByText("Warn", { exact: true })).toBeVisible();
    await expect(row).toContainText("committed: Block");
    await expect(row.getByTestId("unpublished-changes")).toBeVisible();

    await openEditor(page, slug);
    await expect(page.getByRole("banner").or(page.locator("header")).getByTestId("unpublished-changes").first()).toBeVisible();
  } finally {
    await request.post(`/api/policies/${slug}/deactivate`);
  }
});

test("pages declare an icon the app serves, so the browser asks for no missing favicon", async ({ guardedPage: page, request }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto("/projects");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  expect((await request.get(href!)).status()).toBe(200);
  expect(missing).toEqual([]);
});

test("task log lines wrap rather than needing sideways scrolling", async ({ guardedPage: page }) => {
  await page.setViewportSize({ width: 720, height: 900 });
  await page.goto("/tasks");
  await page.locator('a[href^="/tasks/"]').first().click();
  await page.getByRole("switch", { name: "Show verbose" }).click();
  const log = page.getByRole("region", { name: /^Log lines/ });
  await expect(log).toBeVisible({ timeout: 30_000 });
  const { scrollWidth, clientWidth } = await log.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth + 1);
  // Wrapped rows push the next ones down rather than overlapping them.
  const boxes = await log.locator("[data-index]").evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect()).map((b) => ({ top: b.top, bottom: b.bottom })).sort((a, b) => a.top - b.top));
  for (let i = 1; i < boxes.length; i++) expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom - 1);
  await screenshot(page, "task-log-wrapped");
});

test("the test panel's execution search matches several words across project, environment, release and tenant", async ({ request }) => {
  const response = await request.get(`/api/policies/test-inputs?q=${encodeURIComponent("acme development")}&limit=20`);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { project: string | null; environment: string | null }[] };
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) expect([item.project, item.environment]).toEqual(["ACME", "Development"]);
});
