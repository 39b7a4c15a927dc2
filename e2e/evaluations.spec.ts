import type { APIRequestContext } from "@playwright/test";
import { expect, screenshot, test } from "./fixtures";
import { replaceEditorText } from "./policy-authoring-helpers";

/**
 * The Evaluations tab: a policy active for ACME (block in Production) evaluated over the demo
 * history of ACME, one row's input opened, then a draft that also blocks Staging compared with
 * the active version.
 */

const slug = `e2e_evaluations_${Date.now().toString(36)}`;
const scope = `package ${slug}\n\ndefault evaluate := false\n\nevaluate if input.Project.Slug == "acme"\n`;
const conditions = (environments: string) =>
  `package ${slug}\n\ndefault result := {"allowed": true}\n\nresult := {"allowed": false} if input.Environment.Slug in {${environments}}\n`;
const doc = {
  name: `ACME not in Production (${slug.slice(-6)})`,
  description: "Blocks ACME in Production",
  violationReason: "ACME may not go to Production",
  violationAction: "block",
  scopeRego: scope,
  conditionsRego: conditions('"production"'),
  // Publishing runs the policy's tests: these replace the blank starter's.
  testsRego: `package ${slug}\n\ntest_in_scope_for_acme if evaluate with input as {"Project": {"Slug": "acme"}}\n\ntest_refuses_production if not result.allowed with input as {"Environment": {"Slug": "production"}}\n`,
};

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<T> {
  expect(response.ok(), `${response.url()} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

test.beforeAll(async ({ request }) => {
  await ok(await request.post("/api/policies", { data: { name: doc.name, slug } }));
  await ok(await request.put(`/api/policies/${slug}`, { data: { branch: "main", policy: doc, message: "A policy to evaluate over past executions" } }));
  const { version } = await ok<{ version: { version: string } }>(await request.post(`/api/policies/${slug}/publish`, { data: { bump: "major" } }));
  await ok(await request.post(`/api/policies/${slug}/versions/${version.version}/activate`));
});

test.afterAll(async ({ request }) => {
  await request.post(`/api/policies/${slug}/deactivate`);
});

test("evaluates a policy over ACME's past executions and compares a draft with the active version", async ({ guardedPage: page }) => {
  await page.goto(`/platform-hub/policies/${slug}`);
  await page.getByRole("tab", { name: "Evaluations" }).click();
  const form = page.getByRole("form", { name: "Evaluation filters" });
  await expect(form.getByLabel("Project").locator("option", { hasText: /^ACME$/ })).toHaveCount(1);
  await form.getByLabel("Project").selectOption({ label: "ACME" });
  await form.getByRole("button", { name: "Run evaluation" }).click();

  const comparison = page.getByTestId("evaluation-comparison");
  await expect(comparison).toContainText("newly blocks 0, newly allows 0", { timeout: 30_000 });
  await expect(page.getByRole("progressbar", { name: "Evaluation progress" })).toBeVisible();
  const rows = page.getByTestId("evaluation-row");
  const compliant = Number(await page.getByTestId("count-Compliant").innerText());
  const blocked = Number(await page.getByTestId("count-Block").innerText());
  expect(compliant).toBeGreaterThan(0);
  expect(blocked).toBeGreaterThan(0);
  await expect(rows).toHaveCount(compliant + blocked);
  await expect(rows.filter({ hasText: "Compliant" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "Block" }).first()).toBeVisible();
  // Every row is ACME's: the project filter reached the server.
  expect(await rows.filter({ hasNotText: "ACME" }).count()).toBe(0);

  // The column filter narrows the table to the blocked rows.
  await page.getByLabel("Filter by verdict").selectOption("Block");
  await expect(rows).toHaveCount(blocked);
  await rows.first().getByRole("button", { name: /^View / }).click();
  const view = page.getByTestId("evaluation-view");
  await expect(view).toContainText("ACME may not go to Production");
  const input = JSON.parse(await view.getByTestId("evaluation-input").innerText()) as { Project: { Slug: string }; Environment: { Slug: string }; Steps: unknown[] };
  expect(input.Project.Slug).toBe("acme");
  expect(input.Environment.Slug).toBe("production");
  expect(input.Steps.length).toBeGreaterThan(0);
  await screenshot(page, "evaluations-input");
  await page.keyboard.press("Escape");
  await expect(view).toBeHidden();
  await page.getByLabel("Filter by verdict").selectOption("");

  // A draft that also blocks Staging: the rows it newly blocks are ACME's Staging executions.
  await page.getByRole("tab", { name: "Policy" }).click();
  await replaceEditorText(page, "conditions-editor", conditions('"production", "staging"'));
  await expect(page.getByTestId("unsaved-indicator")).toBeVisible();
  await page.getByRole("tab", { name: "Evaluations" }).click();
  await page.getByRole("form", { name: "Evaluation filters" }).getByLabel("Project").selectOption({ label: "ACME" });
  await page.getByRole("button", { name: "Run evaluation" }).click();
  await expect(comparison).toContainText(/newly blocks [1-9]\d*, newly allows 0/, { timeout: 30_000 });
  const newly = Number(/newly blocks (\d+)/.exec(await comparison.innerText())![1]);
  await expect(page.getByTestId("count-Block")).toHaveText(String(blocked + newly));
  await page.getByLabel("Filter by change").selectOption("newly blocks");
  await expect(rows).toHaveCount(newly);
  expect(await rows.filter({ hasNotText: /Staging/ }).count()).toBe(0);
  await screenshot(page, "evaluations-comparison");
});
