import { expect, type Locator, type Page } from "@playwright/test";
import { syncStateIn } from "./sync-state.ts";
import { settledDialog } from "./settled-dialog.ts";

export interface IssuedKey {
  appId: string;
  appSecret: string;
}

/** A client's detail page: settings, Web API keys, certificates, permissions, audit. */
export class ClientPage {
  readonly saveButton: Locator;
  readonly createKeyButton: Locator;
  readonly grantButton: Locator;
  readonly deleteButton: Locator;
  readonly secretDialog: Locator;
  readonly ownershipButton: Locator;
  /** The synchronization chip in the page header ("In sync", "Pending (1)", "Not connected"). */
  readonly syncState: Locator;

  constructor(private readonly page: Page) {
    this.saveButton = page.getByRole("button", { name: "Save", exact: true });
    this.createKeyButton = page.getByRole("button", { name: "Create key" });
    this.grantButton = page.getByRole("button", { name: /grant/i });
    this.deleteButton = page.getByRole("button", { name: /delete/i });
    this.secretDialog = page.getByRole("dialog", { name: "Save your App-Secret" });
    this.ownershipButton = page.getByRole("button", { name: "Transfer / add ownership" });
    this.syncState = syncStateIn(page.getByRole("main"));
  }

  async goto(name: string): Promise<void> {
    await this.page.goto(`/clients/${encodeURIComponent(name)}`);
    await this.expectShown(name);
  }

  async expectShown(name: string): Promise<void> {
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  /** The facts in the page header ("Your role" → "Edit"). */
  fact(term: string): Locator {
    return this.page.getByRole("term").filter({ hasText: term }).locator("xpath=following-sibling::dd[1]");
  }

  async openTab(name: "Usage" | "Log" | "Samples" | "Settings" | "Web API keys" | "Certificates" | "Permissions" | "Audit"): Promise<void> {
    const tab = this.page.getByRole("tab", { name });
    await tab.click();
    await expect(tab).toHaveAttribute("aria-selected", "true");
  }

  tab(name: string): Locator {
    return this.page.getByRole("tab", { name });
  }

  /** Turns identification on or off on the Settings tab and saves. */
  async toggleIdentification(): Promise<void> {
    await this.openTab("Settings");
    await this.page.getByRole("switch", { name: /^Identification/ }).click();
    await this.saveButton.click();
    await expect(this.page.getByText("Settings saved")).toBeVisible();
  }

  async attachCertificate(name: string): Promise<void> {
    await this.openTab("Certificates");
    await this.page.getByRole("button", { name: "Attach certificate" }).click();
    const dialog = await settledDialog(this.page, "Attach certificate");
    await dialog.getByRole("combobox", { name: "Certificate" }).click();
    await this.page.getByRole("option", { name: new RegExp(`^${escapeRegExp(name)} `) }).click();
    await dialog.getByRole("button", { name: "Attach", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(this.attachedCertificate(name)).toBeVisible();
  }

  attachedCertificate(name: string): Locator {
    return this.page.getByRole("table", { name: "Attached certificates" }).getByRole("row").filter({ hasText: name });
  }

  /** Creates a key and reads the credentials from the secret dialog, which stays open. */
  async createKey(label: string): Promise<IssuedKey> {
    await this.openTab("Web API keys");
    await this.page.getByLabel("New key label").fill(label);
    await this.createKeyButton.click();
    await expect(this.secretDialog).toBeVisible();
    const appId = await this.secretDialog.getByLabel("App-ID").inputValue();
    const appSecret = await this.secretDialog.getByLabel("App-Secret").inputValue();
    return { appId, appSecret };
  }

  async closeSecretDialog(): Promise<void> {
    await this.secretDialog.getByRole("button", { name: "I have saved the secret" }).click();
    await expect(this.secretDialog).toBeHidden();
  }

  keyRow(appId: string): Locator {
    return this.page.getByRole("table", { name: "Web API keys" }).getByRole("row").filter({ hasText: appId });
  }

  /** How often `text` appears on the page, as visible text or as a form field's value. */
  async occurrencesOf(text: string): Promise<number> {
    return this.page.evaluate((needle) => {
      const inText = document.body.innerText.split(needle).length - 1;
      const inFields = Array.from(document.querySelectorAll("input, textarea")).filter((field) =>
        (field as HTMLInputElement).value.includes(needle),
      ).length;
      return inText + inFields;
    }, text);
  }

  /** Grants a role through the permissions panel, picking the user by name. */
  async grant(user: { search: string; displayName: string }, role: "Owner" | "Edit" | "Support" | "View"): Promise<void> {
    await this.openTab("Permissions");
    await this.page.getByRole("button", { name: "Grant access" }).click();
    const dialog = await settledDialog(this.page, "Grant access");
    await dialog.getByRole("combobox", { name: "User" }).fill(user.search);
    await this.page.getByRole("option", { name: new RegExp(`^${escapeRegExp(user.displayName)}`) }).click();
    await dialog.getByRole("combobox", { name: "Role" }).click();
    await this.page.getByRole("option", { name: new RegExp(`^${role}:`) }).click();
    await dialog.getByRole("button", { name: "Grant", exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  permissionRow(displayName: string): Locator {
    return this.page.getByRole("table", { name: "Permissions" }).getByRole("row").filter({ hasText: displayName });
  }

  async deleteClient(name: string): Promise<void> {
    await this.page.getByRole("button", { name: "Delete client" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Delete client?" });
    await dialog.getByLabel(`Type “${name}” to confirm`).fill(name);
    await dialog.getByRole("button", { name: "Delete client" }).click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
