import { expect, screenshot, test } from "./fixtures";
import { createPolicy, editorText, monacoIn, openEditor, savePolicy } from "./policy-authoring-helpers";

// The blank starter's scope matches no execution: activating these policies changes no deployment
// of the specs running beside this one.

test("versions show their action and a side-by-side diff; activate and deactivate confirm what is enforced; confirmations follow the last action", async ({
  guardedPage: page,
  request,
}) => {
  test.setTimeout(180_000);
  const slug = "versions_diff";
  await createPolicy(request, slug);
  await savePolicy(request, slug, { violationAction: "warn", violationReason: "Ask the platform team" });
  expect((await request.post(`/api/policies/${slug}/publish`, { data: { bump: "major" } })).status()).toBe(201);

  try {
    await test.step("a commit's confirmation goes away once the next action (publishing) happens", async () => {
      await openEditor(page, slug);
      await page.getByRole("radio", { name: "Block", exact: true }).check();
      await page.getByRole("button", { name: "Commit", exact: true }).click();
      const commit = page.getByTestId("commit-dialog");
      await commit.getByLabel("Commit message").fill("Block instead of warning");
      await commit.getByRole("button", { name: "Commit", exact: true }).click();
      const committed = page.getByText(/Committed [0-9a-f]{7} to main/);
      await expect(committed).toBeVisible({ timeout: 30_000 });

      await page.getByRole("tab", { name: "Versions" }).click();
      const versions = page.getByTestId("versions-tab");
      await versions.getByRole("button", { name: "Publish" }).click();
      await page.getByTestId("publish-dialog").getByRole("button", { name: "Publish 1.1.0" }).click();
      await expect(versions.getByText("Published 1.1.0. Activate it to enforce it.")).toBeVisible({ timeout: 30_000 });
      await expect(committed).toHaveCount(0);
    });

    await test.step("Activate asks first and says what will be enforced: version, action and scope", async () => {
      const versions = page.getByTestId("versions-tab");
      const row = versions.getByTestId("version-row-1.1.0");
      await row.getByRole("button", { name: /Activate/ }).click();
      const dialog = page.getByTestId("confirm-version-dialog");
      await expect(dialog.getByRole("heading", { name: "Activate 1.1.0?" })).toBeVisible();
      const summary = dialog.getByTestId("enforced-from-now-on");
      await expect(summary).toContainText("From now on");
      await expect(summary).toContainText("1.1.0");
      await expect(summary).toContainText("Block");
      await expect(summary).toContainText("fails before its first step");
      await expect(summary).toContainText("default evaluate := false");
      // Cancel changes nothing.
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
      await expect(row.getByText("Inactive")).toBeVisible();

      await row.getByRole("button", { name: /Activate/ }).click();
      await dialog.getByRole("button", { name: "Activate 1.1.0" }).click();
      await expect(row.getByText("Active", { exact: true })).toBeVisible({ timeout: 30_000 });
      // The publish confirmation gives way to the activation's.
      await expect(versions.getByText("Activated 1.1.0", { exact: true })).toBeVisible();
      await expect(versions.getByText(/Published 1\.1\.0/)).toHaveCount(0);
    });

    await test.step("each version shows its action and a diff against the one before it", async () => {
      const versions = page.getByTestId("versions-tab");
      await expect(versions.getByTestId("version-row-1.0.0")).toContainText("Warn");
      await expect(versions.getByTestId("version-row-1.1.0")).toContainText("Block");

      await versions.getByTestId("version-row-1.1.0").getByRole("button", { name: /Changes/ }).click();
      const changes = versions.getByTestId("version-changes-1.1.0");
      await expect(changes).toContainText("Compared with 1.0.0");
      await expect(changes).toContainText("Warn");
      await expect(changes).toContainText("Block");
      // Same scope and conditions: said so, no diff to read.
      await expect(changes.getByTestId("scope-diff")).toContainText("unchanged");

      // A version with changed Rego: scope and conditions side by side in Monaco's diff editor.
      await savePolicy(request, slug, {
        scopeRego: `package ${slug}\n\ndefault evaluate := false\n\nevaluate if {\n    input.Project.Name == "No such project"\n}\n`,
        conditionsRego: `package ${slug}\n\ndefault result := {"allowed": true}\n\nresult := {"allowed": false, "reason": "Run every step"} if {\n    count(input.SkippedSteps) > 0\n}\n`,
      });
      const published = await request.post(`/api/policies/${slug}/publish`, { data: { bump: "minor" } });
      expect(published.status(), await published.text()).toBe(201);
      await page.reload();
      await versions.getByTestId("version-row-1.2.0").getByRole("button", { name: /Changes/ }).click();
      const diff = versions.getByTestId("version-changes-1.2.0");
      for (const block of ["scope", "conditions"]) {
        const editor = diff.getByTestId(`${block}-diff`).locator(".monaco-diff-editor");
        await expect(editor).toBeVisible({ timeout: 60_000 });
        // Two sides: the previous version on the left, this one on the right.
        await expect(editor.locator(".editor.original .view-lines")).toBeVisible();
        await expect(editor.locator(".editor.modified .view-lines")).toBeVisible();
        await expect(editor.locator(".line-insert, .char-insert").first()).toBeVisible({ timeout: 30_000 });
      }
      await expect(diff.getByTestId("scope-diff").locator(".editor.modified .view-lines")).toContainText("No such project");
      await expect(diff.getByTestId("conditions-diff").locator(".editor.modified .view-lines")).toContainText("Run every step");
      await diff.scrollIntoViewIfNeeded();
      await screenshot(page, "policy-versions-diff");
    });

    await test.step("Deactivate asks first and says nothing is enforced from now on", async () => {
      const versions = page.getByTestId("versions-tab");
      const row = versions.getByTestId("version-row-1.1.0");
      await row.getByRole("button", { name: "Deactivate" }).click();
      const dialog = page.getByTestId("confirm-version-dialog");
      await expect(dialog.getByRole("heading", { name: "Deactivate 1.1.0?" })).toBeVisible();
      await expect(dialog.getByTestId("enforced-from-now-on")).toContainText(`From now on no version of ${slug} is enforced`);
      await dialog.getByRole("button", { name: "Deactivate 1.1.0" }).click();
      await expect(row.getByRole("button", { name: /Activate/ })).toBeVisible({ timeout: 30_000 });
      await expect(versions.getByText("Deactivated 1.1.0")).toBeVisible();
      await expect(versions.getByText("Activated 1.1.0", { exact: true })).toHaveCount(0);
    });
  } finally {
    await request.post(`/api/policies/${slug}/deactivate`);
  }
});

test("the policy editor shows its text within 1 s of navigating to it, and Monaco takes over in place", async ({ guardedPage: page, request }) => {
  const slug = "versions_editor_speed";
  await createPolicy(request, slug);
  // When the scope's text first shows (the read-only stand-in, then Monaco), by the page's own clock (from navigation start).
  await page.addInitScript(() => {
    const w = window as unknown as { textAt?: number; editorTextAt?: number };
    const observer = new MutationObserver(() => {
      const scope = document.querySelector('[data-testid="scope-editor"]');
      if (w.textAt === undefined && /package/.test(scope?.textContent ?? "")) w.textAt = performance.now();
      const line = scope?.querySelector(".monaco-editor .view-line");
      if (line && /package/.test(line.textContent ?? "")) {
        w.editorTextAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
  const ms = (n: number) => `${Math.round(n)} ms`;
  // The first visit also fetches the editor's code; the second is the usual case of a warm cache.
  for (const visit of ["first visit", "second visit"]) {
    await page.goto(`/platform-hub/policies/${slug}`);
    await expect.poll(() => editorText(page, "scope-editor"), { timeout: 30_000 }).toContain(`package ${slug}`);
    await expect(page.getByTestId("scope-editor").getByTestId("editor-text-fallback")).toHaveCount(0);
    const at = await page.evaluate(() => {
      const w = window as unknown as { textAt: number; editorTextAt: number };
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { text: w.textAt, editor: w.editorTextAt, html: nav.responseEnd };
    });
    const line = `${visit}: page HTML by ${ms(at.html)}, policy text shown by ${ms(at.text)}, Monaco's own text by ${ms(at.editor)}`;
    console.log(line);
    test.info().annotations.push({ type: "editor timing", description: line });
    expect(at.text, line).toBeLessThan(1000);
    expect(at.editor, line).toBeGreaterThanOrEqual(at.text);
  }
  await expect(monacoIn(page, "scope-editor")).toBeVisible();
});
