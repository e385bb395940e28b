import { expect, type Locator, type Page } from "@playwright/test";

/** The portal's start screen: the clients the signed-in user may read. */
export class ClientListPage {
  readonly heading: Locator;
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Clients" });
    this.table = page.getByRole("table");
  }

  async goto(): Promise<void> {
    await this.page.goto("/");
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.table.getByRole("row").nth(1)).toBeVisible();
  }

  /** Names in the first column, in display order. */
  async clientNames(): Promise<string[]> {
    await this.expectLoaded();
    const rows = this.table.getByRole("row");
    const count = await rows.count();
    const names: string[] = [];
    for (let i = 1; i < count; i++) names.push((await rows.nth(i).getByRole("cell").first().innerText()).trim());
    return names;
  }

  row(name: string): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("cell", { name, exact: true }) });
  }
}
