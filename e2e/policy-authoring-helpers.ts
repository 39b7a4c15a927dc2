import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** The Monaco editor inside a container with this test id (scope-editor, conditions-editor, input-json-editor). */
export function monacoIn(page: Page, testId: string): Locator {
  return page.getByTestId(testId).locator(".monaco-editor");
}

/** Waits for Monaco to be up, focuses it and selects all its text. */
export async function focusEditor(page: Page, testId: string): Promise<void> {
  const editor = monacoIn(page, testId);
  await expect(editor).toBeVisible({ timeout: 60_000 });
  await editor.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
}

/**
 * Pastes text at the cursor as the clipboard would: Monaco leaves pasted text as it is, where
 * typed text is auto-indented line by line.
 */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Replaces the whole text of an editor. */
export async function replaceEditorText(page: Page, testId: string, text: string): Promise<void> {
  await focusEditor(page, testId);
  await pasteText(page, text);
}

/** Puts the cursor at the end of the first line containing `text`. */
export async function cursorAtEndOfLine(page: Page, testId: string, text: string): Promise<void> {
  await monacoIn(page, testId).locator(".view-line").filter({ hasText: text }).first().click();
  await page.keyboard.press("End");
}

/** The visible text of an editor, with Monaco's non-breaking spaces made plain. */
export async function editorText(page: Page, testId: string): Promise<string> {
  const text = await monacoIn(page, testId).locator(".view-lines").innerText();
  return text.replace(/\u00a0/g, " ");
}

export function squiggles(page: Page, testId: string): Locator {
  return monacoIn(page, testId).locator(".squiggly-error");
}

/** A fresh blank policy (its scope matches no execution, so activating it changes no deployment). */
export async function createPolicy(request: APIRequestContext, slug: string): Promise<void> {
  const response = await request.post("/api/policies", { data: { name: `Fixes ${slug}`, slug } });
  expect(response.status(), await response.text()).toBe(201);
}

export async function savePolicy(request: APIRequestContext, slug: string, patch: Record<string, string>): Promise<void> {
  const current = await request.get(`/api/policies/${slug}?branch=main`);
  const { policy } = (await current.json()) as { policy: Record<string, string> };
  const { slug: _slug, ...fields } = { ...policy, ...patch };
  const response = await request.put(`/api/policies/${slug}`, { data: { branch: "main", policy: fields } });
  expect(response.status(), await response.text()).toBe(200);
}

export async function openEditor(page: Page, slug: string): Promise<void> {
  await page.goto(`/platform-hub/policies/${slug}`);
  await expect(page.getByLabel("Name", { exact: true })).toBeVisible({ timeout: 30_000 });
}
