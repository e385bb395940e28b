import { expect, type Locator, type Page } from "@playwright/test";
import { settledDialog } from "./settled-dialog.ts";

/** The installations list, with "New installation" for platform administrators. */
export class InstallationListPage {
  readonly heading: Locator;
  readonly newInstallationButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Installations" });
    this.newInstallationButton = page.getByRole("button", { name: "New installation" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/installations");
    await expect(this.heading).toBeVisible();
  }

  /** Creates an installation through the dialog; the portal then shows its detail page. */
  async createInstallation(installation: { name: string; endpointUrls: string[]; storages: string[] }): Promise<void> {
    await this.newInstallationButton.click();
    const dialog = await settledDialog(this.page, "New installation");
    await dialog.getByLabel("Name").fill(installation.name);
    await dialog.getByLabel("Endpoint URLs").fill(installation.endpointUrls.join("\n"));
    await dialog.getByLabel("Storages").fill(installation.storages.join(", "));
    await dialog.getByRole("button", { name: "Create installation" }).click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByRole("heading", { level: 1, name: installation.name, exact: true })).toBeVisible();
  }

  link(name: string): Locator {
    return this.page.getByRole("table").getByRole("link", { name, exact: true });
  }
}
