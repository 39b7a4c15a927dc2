import Database from "better-sqlite3";
import { expect, screenshot, test } from "./fixtures";

/**
 * The compliance overview shows exempted evaluations (#17): a tile, a series in its own colour in
 * the legend and the numbers table, and a column of the top policies. The evaluations are
 * exempted counts written straight into the per-day rollup the page reads (playwright.config.ts:
 * data/e2e.db), for a policy id of this spec's own, 60 days ago: enough of them to rank first in
 * the 90-day view, outside the 7- and 30-day views other specs count in.
 */
test("the compliance overview counts exempted evaluations in their own colour", async ({ guardedPage: page }) => {
  const policyId = `Policies-e2e-exempted-${Date.now().toString(36)}`;
  const db = new Database(process.env.E2E_DATABASE_FILE ?? "data/e2e.db");
  db.pragma("busy_timeout = 10000");
  const day = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  db.prepare("INSERT INTO PolicyEvaluationDay (day, policyId, outcome, count) VALUES (?, ?, 'exempted', 500)").run(day, policyId);
  db.close();

  await page.goto("/platform-hub/compliance?period=90d");
  const tile = page.locator("dl > div").filter({ has: page.locator("dt", { hasText: /^Exempted$/ }) });
  await expect(tile.locator("dd")).toHaveText(/^\d{3,}$/);
  expect(Number(await tile.locator("dd").textContent())).toBeGreaterThanOrEqual(500);

  const swatch = (label: string) =>
    page.locator("figure span", { hasText: new RegExp(`^${label}$`) }).locator("span").first().evaluate((s) => getComputedStyle(s).backgroundColor);
  const exempted = await swatch("Exempted");
  for (const other of ["Warned", "Blocked", "Errored"]) expect(await swatch(other), `Exempted is not coloured like ${other}`).not.toBe(exempted);

  await page.getByText("Show the numbers as a table").click();
  await expect(page.getByRole("table", { name: /per day$/ }).getByRole("columnheader", { name: "Exempted" })).toBeVisible();

  const top = page.getByRole("table", { name: "Top policies by violations" });
  await expect(top.getByRole("columnheader", { name: "Exempted" })).toBeVisible();
  // Blocked, Warned, Errored, Exempted, Evaluated.
  await expect(top.getByRole("row").filter({ hasText: policyId }).getByRole("cell")).toHaveText([policyId, "0", "0", "0", "500", "500", "Audit records"]);
  await screenshot(page, "compliance-exempted");
});
