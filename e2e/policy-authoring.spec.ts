import { expect, screenshot, test } from "./fixtures";
import { cursorAtEndOfLine, editorText, monacoIn, pasteText, replaceEditorText, squiggles } from "./policy-authoring-helpers";

// The Platform Hub repository outlives the test database, so every run creates its own policy.
const run = Date.now().toString(36);
const NAME = `ACME Development approval ${run}`;
const SLUG = `acme_dev_approval_${run}`;

test("author a policy: create from a starter, edit with diagnostics and completion, commit, publish, activate, test", async ({ guardedPage: page }) => {
  test.setTimeout(300_000);

  await test.step("the list invites creating a policy", async () => {
    await page.goto("/platform-hub/policies");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Policies");
    await expect(page.getByRole("button", { name: "Create policy" }).first()).toBeVisible();
    await expect(page.getByText("Loading policies…")).toHaveCount(0);
    await screenshot(page, "policies-list");
  });

  await test.step("create from the manual intervention starter", async () => {
    await page.getByRole("button", { name: "Create policy" }).first().click();
    const dialog = page.getByTestId("create-policy-dialog");
    await expect(dialog.getByRole("heading", { name: "Create policy" })).toBeVisible();
    await dialog.getByRole("button", { name: /^Manual intervention required/ }).click();
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(NAME);
    const slug = dialog.getByRole("textbox", { name: "Slug" });
    await expect(slug).toHaveValue(`acme_development_approval_${run}`);
    // The proposed slug can be changed until Done; a dash is refused with a hint.
    await slug.fill(`acme-dev`);
    await expect(dialog.getByText(/contains "-": use underscores/)).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Done" })).toBeDisabled();
    await slug.fill(SLUG);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(page).toHaveURL(new RegExp(`/platform-hub/policies/${SLUG}`), { timeout: 60_000 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);
    await expect(monacoIn(page, "scope-editor")).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => editorText(page, "conditions-editor")).toContain('step.ActionType == "Octopus.Manual"');
  });

  await test.step("scope it to ACME in Development, accepting an input.Environment. completion", async () => {
    await replaceEditorText(
      page,
      "scope-editor",
      `package ${SLUG}\n\ndefault evaluate := false\n\n# ACME deployments to Development.\nevaluate if {\n    input.Project.Slug == "acme"\n    input.Environment`,
    );
    await page.keyboard.type(".");
    const suggest = monacoIn(page, "scope-editor").locator(".suggest-widget");
    await expect(suggest).toBeVisible();
    await expect(suggest.getByRole("option", { name: /Slug/ })).toBeVisible();
    await expect(suggest).toContainText("input.Environment.Slug: string");
    // Slugs, not names: names can be renamed and the lint warns about comparing them.
    await page.keyboard.type("Sl");
    await expect(suggest.getByRole("option")).toHaveCount(1);
    await expect(suggest.getByRole("option")).toContainText("Slug");
    await page.keyboard.press("Enter");
    await pasteText(page, ' == "development"\n    not input.Runbook\n}\n');
    await expect.poll(() => editorText(page, "scope-editor")).toContain('input.Environment.Slug == "development"');
    await expect(page.getByTestId("unsaved-indicator")).toBeVisible();
  });

  await test.step("a syntax error shows a squiggle that goes away when fixed", async () => {
    await expect(page.getByTestId("validation-status")).toContainText("No problems found", { timeout: 30_000 });
    await cursorAtEndOfLine(page, "scope-editor", '"development"');
    await page.keyboard.type(" ==");
    await expect(squiggles(page, "scope-editor").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("validation-status")).toContainText(/\d+ problems?/);
    // Hovering the squiggle shows the problem (the text layer lies above the squiggle layer).
    await squiggles(page, "scope-editor").first().hover({ force: true });
    await expect(page.locator(".monaco-hover").filter({ hasText: /unexpected/ }).first()).toBeVisible();
    await screenshot(page, "policy-editor-diagnostic");
    // Fix it: the squiggle disappears after the next check.
    await page.keyboard.press("Escape");
    await cursorAtEndOfLine(page, "scope-editor", '"development"');
    for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
    await expect(squiggles(page, "scope-editor")).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId("validation-status")).toContainText("No problems found", { timeout: 30_000 });
    await expect.poll(() => editorText(page, "scope-editor")).toContain('input.Environment.Slug == "development"\n');
  });

  await test.step("the test panel evaluates the unsaved policy against recent ACME deployments and typed input", async () => {
    const panel = page.getByTestId("test-panel");
    const search = panel.getByRole("searchbox", { name: /Search recent deployments/ });

    await search.fill("ACME release 3.0.1 to Development");
    await panel.getByRole("radio", { name: /Deploy ACME release 3\.0\.1 to Development/ }).check();
    await panel.getByRole("button", { name: "Run test" }).click();
    const result = panel.getByTestId("test-result");
    await expect(result.getByTestId("test-outcome")).toHaveText("Passed", { timeout: 30_000 });
    await expect(result.getByTestId("test-in-scope")).toHaveText("Yes");
    await expect(result.getByTestId("test-scope-value")).toHaveText("true");
    await expect(result.getByTestId("test-result-value")).toContainText('"allowed": true');
    await expect(result.getByTestId("test-duration")).toContainText(/Evaluated in [\d.]+ ms/);

    // Release 1.2.1's process had no Manual Intervention step yet.
    await search.fill("ACME release 1.2.1 to Development");
    await panel.getByRole("radio", { name: /Deploy ACME release 1\.2\.1 to Development/ }).check();
    await panel.getByRole("button", { name: "Run test" }).click();
    await expect(result.getByTestId("test-outcome")).toHaveText("Blocked", { timeout: 30_000 });
    await expect(result.getByTestId("test-action")).toContainText("Block");
    await expect(result.getByTestId("test-reason")).toContainText("Add a Manual Intervention step");
    await expect(result.getByTestId("test-result-value")).toContainText('"allowed": false');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, "policy-test-panel");

    // The panel tests the editor's state: with Warn as the violation action the same execution warns.
    await page.getByRole("radio", { name: "Warn", exact: true }).check();
    await panel.getByRole("button", { name: "Run test" }).click();
    await expect(result.getByTestId("test-outcome")).toHaveText("Warn", { timeout: 30_000 });
    await expect(result.getByTestId("test-action")).toContainText("Warn: the execution runs with a warning");

    // Typed input: a Production deployment is out of this policy's scope.
    await panel.getByText("Input JSON", { exact: true }).click();
    await expect(monacoIn(page, "input-json-editor")).toBeVisible({ timeout: 60_000 });
    await replaceEditorText(
      page,
      "input-json-editor",
      JSON.stringify({
        Environment: { Id: "Environments-4", Name: "Production", Slug: "production", Tags: [] },
        Project: { Id: "Projects-1", Name: "ACME", Slug: "acme", Tags: [] },
        Space: { Id: "Spaces-1", Name: "Default", Slug: "default" },
        ProjectGroup: { Id: "ProjectGroups-1", Name: "Default", Slug: "default" },
        Steps: [],
        SkippedSteps: [],
        Execution: [],
      }),
    );
    await panel.getByRole("button", { name: "Run test" }).click();
    await expect(result.getByTestId("test-outcome")).toHaveText("Out of scope", { timeout: 30_000 });
    await expect(result.getByTestId("test-in-scope")).toHaveText("No");
  });

  await test.step("commit", async () => {
    await page.getByRole("button", { name: "Commit", exact: true }).click();
    const dialog = page.getByTestId("commit-dialog");
    await dialog.getByLabel("Commit message").fill("Warn about ACME deployments to Development without an approval");
    await dialog.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(page.getByRole("status")).toContainText(/Committed [0-9a-f]{7} to main/, { timeout: 30_000 });
    await expect(page.getByTestId("unsaved-indicator")).toHaveCount(0);
  });

  await test.step("the starter's tests follow the new scope, or publishing would refuse the version", async () => {
    await page.getByRole("tab", { name: "Tests" }).click();
    await expect(monacoIn(page, "tests-editor")).toBeVisible({ timeout: 60_000 });
    await replaceEditorText(
      page,
      "tests-editor",
      `package ${SLUG}\n\ntest_in_scope_for_acme_in_development if evaluate with input as {"Project": {"Slug": "acme"}, "Environment": {"Slug": "development"}}\n\ntest_out_of_scope_in_production if not evaluate with input as {"Project": {"Slug": "acme"}, "Environment": {"Slug": "production"}}\n`,
    );
    await page.getByRole("button", { name: "Run tests" }).click();
    await expect(page.getByTestId("tests-summary")).toHaveText("2 passed", { timeout: 30_000 });
    await page.getByRole("button", { name: "Commit", exact: true }).click();
    const dialog = page.getByTestId("commit-dialog");
    await dialog.getByLabel("Commit message").fill("Tests for the ACME Development scope");
    await dialog.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Committed/ })).toContainText(/Committed [0-9a-f]{7} to main/, { timeout: 30_000 });
  });

  await test.step("publish 1.0.0 and activate it", async () => {
    await page.getByRole("tab", { name: "Versions" }).click();
    const versions = page.getByTestId("versions-tab");
    await expect(versions.getByRole("heading", { name: "Not published yet" })).toBeVisible({ timeout: 30_000 });
    await versions.getByRole("button", { name: "Publish" }).click();
    const dialog = page.getByTestId("publish-dialog");
    await expect(dialog.getByRole("radio", { name: /Major/ })).toBeChecked();
    await expect(dialog.getByRole("radio", { name: /Minor/ })).toBeDisabled();
    await expect(dialog.getByRole("radio", { name: /Patch/ })).toBeDisabled();
    await dialog.getByRole("button", { name: "Publish 1.0.0" }).click();
    const row = versions.getByTestId("version-row-1.0.0");
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(page.locator("header").getByText("Inactive")).toBeVisible();
    await row.getByRole("button", { name: /Activate/ }).click();
    await page.getByTestId("confirm-version-dialog").getByRole("button", { name: "Activate 1.0.0" }).click();
    await expect(row.getByText("Active", { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(row.getByRole("button", { name: "Deactivate" })).toBeVisible();
    await expect(page.locator("header").getByText("Active 1.0.0")).toBeVisible();
    await screenshot(page, "policy-versions");
    // Deactivate again at once: other browser tests deploy ACME to Development at the same time
    // (this policy only warns, so they would still pass, but their logs stay as they expect).
    await row.getByRole("button", { name: "Deactivate" }).click();
    await page.getByTestId("confirm-version-dialog").getByRole("button", { name: "Deactivate 1.0.0" }).click();
    await expect(row.getByRole("button", { name: /Activate/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.locator("header").getByText("Inactive")).toBeVisible();
  });

  await test.step("the list shows the published policy", async () => {
    await page.getByRole("link", { name: "Policies", exact: true }).first().click();
    const row = page.getByTestId(`policy-row-${SLUG}`);
    await expect(row).toContainText(NAME, { timeout: 30_000 });
    await expect(row).toContainText("Inactive");
    await expect(row).toContainText("latest 1.0.0");
    await expect(row).toContainText("Warn");
    await screenshot(page, "policies-list-with-policy");
  });
});

test("dialogs trap focus and close on Escape", async ({ guardedPage: page }) => {
  await page.goto("/platform-hub/policies");
  const open = page.getByRole("button", { name: "Create policy" }).first();
  await open.click();
  const dialog = page.getByTestId("create-policy-dialog");
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("the schema page documents every input field and shows a real input", async ({ guardedPage: page }) => {
  await page.goto("/platform-hub/schema");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Policy input schema");
  for (const path of ["input.Environment.Slug", "input.Steps[_].ActionType", "input.Steps[_].Source.Type", "input.Release.Version", "input.Runbook.Snapshot"]) {
    await expect(page.getByText(path, { exact: true })).toBeVisible();
  }
  const input = page.getByTestId("demo-input");
  await expect(input).toContainText('"Environment"');
  await expect(input).toContainText('"Release"');
  await screenshot(page, "policy-schema");
  // A runbook run's input has a Runbook and no Release.
  const execution = page.getByRole("combobox", { name: "Execution" });
  const runbookRun = await execution.locator("option", { hasText: "(runbook run)" }).first().getAttribute("value");
  await execution.selectOption(runbookRun!);
  await page.getByRole("button", { name: "Show input" }).click();
  await expect(page).toHaveURL(new RegExp(`task=${runbookRun}`));
  await expect(input).toContainText('"Runbook"');
  await expect(input).not.toContainText('"Release"');
});

test("uncommitted edits warn before leaving, and can be committed to a new branch", async ({ guardedPage: page }) => {
  test.setTimeout(180_000);
  const slug = `branch_draft_${run}`;
  const created = await page.request.post("/api/policies", { data: { name: `Branch draft ${run}`, slug, starter: "no_steps_skipped" } });
  expect(created.status()).toBe(201);
  await page.goto(`/platform-hub/policies/${slug}`);
  const name = page.getByRole("textbox", { name: "Name", exact: true });
  await expect(name).toHaveValue(`Branch draft ${run}`, { timeout: 30_000 });
  await name.fill(`Branch draft ${run} (edited)`);
  await expect(page.getByTestId("unsaved-indicator")).toBeVisible();

  // In-app navigation asks first; staying keeps the edit.
  const asked = page.waitForEvent("dialog").then(async (dialog) => {
    expect(dialog.message()).toContain("uncommitted changes");
    await dialog.dismiss();
  });
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Policies" }).click();
  await asked;
  await expect(page).toHaveURL(new RegExp(`/platform-hub/policies/${slug}`));
  await expect(name).toHaveValue(`Branch draft ${run} (edited)`);

  // A new branch takes the uncommitted edit along; a quick commit saves it there.
  await page.getByRole("button", { name: "New branch" }).click();
  await page.getByRole("textbox", { name: "Branch name" }).fill(`drafts/${run}`);
  await page.getByRole("button", { name: "Create branch" }).click();
  await expect(page.getByRole("combobox", { name: "Branch" })).toHaveValue(`drafts/${run}`, { timeout: 30_000 });
  await expect(name).toHaveValue(`Branch draft ${run} (edited)`);
  await page.getByRole("button", { name: "Commit", exact: true }).click();
  await page.getByTestId("commit-dialog").getByRole("button", { name: "Quick commit" }).click();
  await expect(page.getByRole("status")).toContainText(`to drafts/${run}`, { timeout: 30_000 });
  await expect(page.getByTestId("unsaved-indicator")).toHaveCount(0);

  // The default branch still has the original.
  await page.getByRole("combobox", { name: "Branch" }).selectOption("main");
  await expect(name).toHaveValue(`Branch draft ${run}`, { timeout: 30_000 });
  await expect(page).toHaveURL(/branch=main/);
});
