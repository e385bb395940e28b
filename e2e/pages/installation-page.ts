import { expect, type Locator, type Page } from "@playwright/test";
import { syncStateIn } from "./sync-state.ts";
import { settledDialog } from "./settled-dialog.ts";

/** Setting a connection string waits for the import, which gives up on a dead database after seconds. */
const IMPORT_TIMEOUT_MS = 30_000;

/** An installation's detail page: overview, clients, certificates, permissions, audit. */
export class InstallationPage {
  /** The synchronization chip near the connection string ("Not connected", "Pending (2)"). */
  readonly syncState: Locator;
  readonly importReportDialog: Locator;
  /** The last import report, kept on the overview until dismissed. */
  readonly importReportSection: Locator;

  constructor(private readonly page: Page) {
    this.syncState = syncStateIn(page.getByRole("region", { name: "MongoDB connection string" }));
    this.importReportDialog = page.getByRole("dialog", { name: "Import report" });
    this.importReportSection = page.getByRole("region", { name: "Client import" });
  }

  heading(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name });
  }

  async openTab(name: "Overview" | "Clients" | "Certificates" | "Permissions" | "Audit"): Promise<void> {
    const tab = this.page.getByRole("tab", { name });
    await tab.click();
    await expect(tab).toHaveAttribute("aria-selected", "true");
  }

  /** Creates a client with the next free partition and the default expiry (one year). */
  async createClient(name: string): Promise<void> {
    await this.openTab("Clients");
    await this.page.getByRole("button", { name: "New client" }).click();
    const dialog = await settledDialog(this.page, /^New client in /);
    await dialog.getByLabel("Client name").fill(name);
    await expect(dialog.getByRole("radio", { name: "Next free partition" })).toBeChecked();
    await dialog.getByRole("button", { name: "Create client" }).click();
    await expect(dialog).toBeHidden();
    await expect(this.clientLink(name)).toBeVisible();
  }

  /** Opens "New client" and leaves the dialog open. */
  async openNewClientDialog(): Promise<Locator> {
    await this.openTab("Clients");
    await this.page.getByRole("button", { name: "New client" }).click();
    const dialog = await settledDialog(this.page, /^New client in /);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Saves a connection string on the overview; the import runs, then its report opens. */
  async setConnectionString(connectionString: string): Promise<void> {
    await this.openTab("Overview");
    await this.page.getByRole("button", { name: /^(Set connection string|Change)$/ }).click();
    const dialog = await settledDialog(this.page, "Change connection string");
    await dialog.getByLabel("MongoDB connection string").fill(connectionString);
    await dialog.getByRole("button", { name: "Save connection string" }).click();
    await expect(dialog).toBeHidden({ timeout: IMPORT_TIMEOUT_MS });
  }

  async closeImportReport(): Promise<void> {
    await this.importReportDialog.getByRole("button", { name: "Close" }).click();
    await expect(this.importReportDialog).toBeHidden();
  }

  async removeConnectionString(): Promise<void> {
    await this.openTab("Overview");
    await this.page.getByRole("region", { name: "MongoDB connection string" }).getByRole("button", { name: "Remove" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Remove connection string?" });
    await dialog.getByRole("button", { name: "Remove connection string" }).click();
    await expect(dialog).toBeHidden();
  }

  clientLink(name: string): Locator {
    return this.page.getByRole("table", { name: "Clients of this installation" }).getByRole("link", { name, exact: true });
  }

  /** Uploads a PEM certificate and key through the dialog's file pickers. */
  async uploadPemCertificate(files: { certificatePath: string; privateKeyPath: string }): Promise<void> {
    await this.openTab("Certificates");
    await this.page.getByRole("button", { name: "Upload certificate" }).click();
    const dialog = await settledDialog(this.page, "Upload certificate");
    await dialog.getByLabel("Certificate file").setInputFiles(files.certificatePath);
    await expect(dialog.getByLabel("Certificate (PEM)")).toHaveValue(/BEGIN CERTIFICATE/);
    await dialog.getByLabel("Private key file").setInputFiles(files.privateKeyPath);
    await expect(dialog.getByLabel("Private key (PEM)")).toHaveValue(/PRIVATE KEY/);
    await dialog.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  certificateRow(name: string): Locator {
    return this.page.getByRole("table", { name: "Certificates" }).getByRole("row").filter({ hasText: name });
  }

  /** Platform administrators only; the installation must have no clients. */
  async deleteInstallation(name: string): Promise<void> {
    await this.page.getByRole("button", { name: "Delete installation" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Delete installation?" });
    await dialog.getByLabel(`Type “${name}” to confirm`).fill(name);
    await dialog.getByRole("button", { name: "Delete installation" }).click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByRole("heading", { level: 1, name: "Installations" })).toBeVisible();
  }
}
