import { expect, type Page } from "@playwright/test";

/** The portal's toolbar and account menu. */
export class Shell {
  constructor(private readonly page: Page) {}

  async expectSignedInAs(displayName: string): Promise<void> {
    await expect(this.page.getByRole("button", { name: "Account menu" })).toContainText(displayName);
  }

  async signOut(): Promise<void> {
    await this.page.getByRole("button", { name: "Account menu" }).click();
    await this.page.getByRole("menuitem", { name: "Sign out" }).click();
  }
}
