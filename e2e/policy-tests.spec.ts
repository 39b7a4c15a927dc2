import { expect, screenshot, test } from "./fixtures";
import { monacoIn, replaceEditorText } from "./policy-authoring-helpers";

/**
 * The Tests tab: a policy made from a starter comes with passing tests; a wrong test fails, is
 * squiggled and "Go to line" puts the cursor on it; publishing refuses the version while it fails.
 */

const slug = `e2e_tests_${Date.now().toString(36)}`;

test.beforeAll(async ({ request }) => {
  const created = await request.post("/api/policies", { data: { name: `Approval tests ${slug.slice(-6)}`, slug, starter: "approval_required_in_production" } });
  expect(created.status(), await created.text()).toBe(201);
});

test("runs a policy's tests, shows a failing one and jumps to its line", async ({ guardedPage: page }) => {
  await page.goto(`/platform-hub/policies/${slug}`);
  await page.getByRole("tab", { name: "Tests" }).click();
  await expect(monacoIn(page, "tests-editor")).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Run tests" }).click();
  await expect(page.getByTestId("tests-summary")).toHaveText("4 passed", { timeout: 30_000 });
  await expect(page.getByTestId("test-result")).toHaveCount(4);
  await expect(page.getByTestId("test-result").filter({ hasText: "test_blocks_without_change_approval" })).toContainText("Passed");

  const { policy } = (await (await page.request.get(`/api/policies/${slug}?branch=main`)).json()) as { policy: { testsRego: string } };
  const wrong = `${policy.testsRego}\ntest_expects_staging_in_scope if evaluate with input as {"Environment": {"Slug": "staging"}}\n`;
  await replaceEditorText(page, "tests-editor", wrong);
  await page.getByRole("button", { name: "Run tests" }).click();
  await expect(page.getByTestId("tests-summary")).toHaveText("4 passed, 1 failed", { timeout: 30_000 });
  const failed = page.getByTestId("test-result").filter({ hasText: "test_expects_staging_in_scope" });
  await expect(failed).toHaveAttribute("data-status", "fail");
  await expect(failed).toContainText("Not true: undefined");
  await expect(monacoIn(page, "tests-editor").locator(".squiggly-error")).toHaveCount(1);

  const line = wrong.split("\n").findIndex((l) => l.startsWith("test_expects_staging_in_scope")) + 1;
  await failed.getByRole("button", { name: `Go to line ${line}` }).click();
  await expect(monacoIn(page, "tests-editor").locator(".active-line-number")).toHaveText(String(line));
  await screenshot(page, "policy-tests-failing");

  // Committed, the failing test keeps the policy from being published.
  await page.getByRole("button", { name: "Commit", exact: true }).click();
  const dialog = page.getByTestId("commit-dialog");
  await dialog.getByLabel("Commit message").fill("A test that expects staging in scope");
  await dialog.getByRole("button", { name: "Commit", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Committed/ })).toContainText(/Committed [0-9a-f]{7} to main/, { timeout: 30_000 });
  const publish = await page.request.post(`/api/policies/${slug}/publish`, { data: { bump: "major" } });
  expect(publish.status()).toBe(422);
  expect(((await publish.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "tests_failed", message: expect.stringContaining("test_expects_staging_in_scope") });
});

test("lint warns about comparing a name and its quick fix compares the slug", async ({ guardedPage: page }) => {
  await page.goto(`/platform-hub/policies/${slug}`);
  const { policy } = (await (await page.request.get(`/api/policies/${slug}?branch=main`)).json()) as { policy: { scopeRego: string } };
  await replaceEditorText(page, "scope-editor", policy.scopeRego.replace('input.Environment.Slug == "production"', 'input.Environment.Name == "Production"'));
  const warning = monacoIn(page, "scope-editor").locator(".squiggly-warning");
  await expect(warning).toHaveCount(1, { timeout: 30_000 });
  await monacoIn(page, "scope-editor").locator(".view-line").filter({ hasText: "input.Environment.Name" }).click();
  await page.keyboard.press("ControlOrMeta+.");
  await page.getByText("Compare input.Environment.Slug instead").click();
  await expect(monacoIn(page, "scope-editor").locator(".view-lines")).toContainText('input.Environment.Slug == "production"');
  await expect(warning).toHaveCount(0, { timeout: 30_000 });
});
