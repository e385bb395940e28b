import { expect, type Locator, type Page } from "@playwright/test";

/** An installation's detail page: overview, clients, certificates, permissions, audit. */
export class InstallationPage {
  constructor(private readonly page: Page) {}

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
    const dialog = this.page.getByRole("dialog", { name: /^New client in / });
    await dialog.getByLabel("Client name").fill(name);
    await expect(dialog.getByRole("radio", { name: "Next free partition" })).toBeChecked();
    await dialog.getByRole("button", { name: "Create client" }).click();
    await expect(dialog).toBeHidden();
    await expect(this.clientLink(name)).toBeVisible();
  }

  clientLink(name: string): Locator {
    return this.page.getByRole("table", { name: "Clients of this installation" }).getByRole("link", { name, exact: true });
  }

  /** Uploads a PEM certificate and key through the dialog's file pickers. */
  async uploadPemCertificate(files: { certificatePath: string; privateKeyPath: string }): Promise<void> {
    await this.openTab("Certificates");
    await this.page.getByRole("button", { name: "Upload certificate" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Upload certificate" });
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
