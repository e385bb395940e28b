import { expect, type Locator, type Page } from "@playwright/test";

/**
 * A dialog once it has taken the focus. MatDialog moves focus to its first field when its
 * opening has finished; text typed before that can land in whichever field is focused
 * then (on a busy machine, a name once got the storages' "bws" appended).
 */
export async function settledDialog(page: Page, name: string | RegExp): Promise<Locator> {
  const dialog = page.getByRole("dialog", { name });
  await expect.poll(() => dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  return dialog;
}
