import { expect, screenshot, test } from "./fixtures";

const TOP_LEVEL_PAGES = [
  { name: "projects", path: "/projects", heading: "Projects", nav: "Projects" },
  { name: "tasks", path: "/tasks", heading: "Tasks", nav: "Tasks" },
  { name: "policies", path: "/platform-hub/policies", heading: "Policies", nav: "Platform Hub" },
  { name: "audit", path: "/configuration/audit", heading: "Audit", nav: "Configuration" },
];

for (const { name, path, heading, nav } of TOP_LEVEL_PAGES) {
  test(`${heading} page opens with its heading and marks its section`, async ({ guardedPage: page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.getByRole("navigation", { name: "Main" }).locator('a[aria-current="page"]')).toContainText(nav);
    await screenshot(page, name);
  });
}

test("the home page leads to projects", async ({ guardedPage: page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Projects");
});

test("navigation reaches every section", async ({ guardedPage: page }) => {
  await page.goto("/projects");
  for (const { nav, heading, path } of TOP_LEVEL_PAGES) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: nav }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  }
});

test("a project shows its environments and latest releases", async ({ guardedPage: page }) => {
  await page.goto("/projects");
  await page.getByRole("link", { name: /^ACME/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ACME");
  const grid = page.getByRole("table", { name: "Latest deployment per environment" });
  for (const env of ["Development", "Test", "Staging", "Production"]) {
    await expect(grid.getByRole("columnheader", { name: env })).toBeVisible();
  }
  await expect(page.getByRole("table", { name: "Latest releases" }).getByRole("row")).toHaveCount(11);
  await screenshot(page, "project-acme");
});

test("a tenanted project shows a row per tenant", async ({ guardedPage: page }) => {
  await page.goto("/projects/customer-portal");
  const grid = page.getByRole("table", { name: "Latest deployment per tenant and environment" });
  await expect(grid.getByRole("row", { name: /Globex/ })).toBeVisible();
  await expect(grid.getByRole("row", { name: /Initech/ })).toBeVisible();
  await screenshot(page, "project-customer-portal");
});

test("tasks page through and open with their log", async ({ guardedPage: page }) => {
  await page.goto("/tasks");
  const rows = page.getByRole("table", { name: "Server tasks" }).getByRole("row");
  await expect(rows).toHaveCount(51);
  const firstOnPageOne = await rows.nth(1).getByRole("link").first().textContent();
  await page.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(rows.nth(1).getByRole("link").first()).not.toHaveText(firstOnPageOne!);

  const taskLink = rows.nth(1).getByRole("link").first();
  const description = (await taskLink.textContent())!;
  await taskLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(description);
  await expect(page.getByRole("heading", { name: "Task log" })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Log lines/ }).getByText(/The task/).first()).toBeVisible();
  await screenshot(page, "task");
});

test("tasks filter by state", async ({ guardedPage: page }) => {
  await page.goto("/tasks");
  await page.getByLabel("State").selectOption("Failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/state=Failed/);
  const badges = page.getByRole("table", { name: "Server tasks" }).locator("tbody tr td:first-child");
  await expect(badges.first()).toHaveText("Failed");
  expect(new Set(await badges.allTextContents())).toEqual(new Set(["Failed"]));
});

test("audit filters by event group", async ({ guardedPage: page }) => {
  await page.goto("/configuration/audit");
  await page.getByRole("checkbox", { name: "Release created" }).check();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/group=Release\+created/);
  const groups = page.getByRole("table", { name: "Audit events" }).getByTestId("event-group");
  await expect(groups.first()).toHaveText("Release created");
  expect(new Set(await groups.allTextContents())).toEqual(new Set(["Release created"]));
});

test("the space switcher shows another space's projects", async ({ guardedPage: page }) => {
  await page.goto("/projects");
  await expect(page.getByRole("link", { name: /^ACME/ })).toBeVisible();
  await page.getByLabel("Space").selectOption("platform-engineering");
  await expect(page.getByRole("link", { name: /^Kubernetes Platform/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^ACME/ })).toHaveCount(0);
  await expect(page).toHaveURL(/\/projects$/);
});
