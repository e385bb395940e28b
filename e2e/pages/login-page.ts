import { expect, type Page } from "@playwright/test";

/** The embedded identity provider's sign-in page. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }

  async signIn(username: string, password = "demo"): Promise<void> {
    await this.expectShown();
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }
}
