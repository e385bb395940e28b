import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { ManagementApi } from "./pages/management-api.ts";
import { settledDialog } from "./pages/settled-dialog.ts";
import { selfSignedCertificate } from "./self-signed-certificate.ts";
import { baseURL } from "./playwright.config.ts";

// One story across roles: an administrator sets up an installation with a client, two
// certificates, a Web API key and an Edit grant on the client; the editor then finds the
// client and attaches the second certificate without a role on the installation; as the
// demo installation's Editor they create clients but are not offered ownership, which the
// demo installation's Owner picks (ownership is a permission); a viewer of the demo installation is
// offered no edit controls; the administrator connects the installation to a database
// that cannot be reached and sees the import report and the waiting change. The data is
// removed at the end, so other specs keep seeing only the demo data.
test.describe.configure({ mode: "serial" });

const run = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
const installationName = `e2e-installation-${run}`;
const clientName = `e2e-client-${run}`;
const certificateName = `e2e-cert-${run}`;
const spareCertificateName = `e2e-spare-${run}`;
/** Nothing listens on port 9 (discard): the import's server selection fails after its timeout. */
const unreachableConnectionString = "mongodb://127.0.0.1:9/bws";

/** The first Escape closes the user suggestions, the second the dialog. */
async function closeWithEscape(page: Page, dialog: Locator): Promise<void> {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
}

/** A fresh self-signed RSA certificate and its key as PEM files under `directory`. */
async function writeSelfSignedPem(directory: string, commonName: string) {
  const { certificatePem, privateKeyPem } = selfSignedCertificate(commonName);
  await mkdir(directory, { recursive: true });
  const certificatePath = path.join(directory, `${commonName}.crt.pem`);
  const privateKeyPath = path.join(directory, `${commonName}.key.pem`);
  await writeFile(certificatePath, certificatePem);
  await writeFile(privateKeyPath, privateKeyPem);
  return { certificatePath, privateKeyPath };
}

test.describe("managing installations and clients", () => {
  test.afterAll(async ({ browser }) => {
    // The last test deletes through the portal; this also cleans up after a failed run.
    const admin = await ManagementApi.signIn(browser, baseURL, "admin");
    try {
      await admin.delete(`/clients/${encodeURIComponent(clientName)}`);
      const installations = (await (await admin.get("/installations")).json()) as { items: { id: string; name: string }[] };
      const leftover = installations.items.find((installation) => installation.name === installationName);
      if (leftover) await admin.delete(`/installations/${leftover.id}`);
    } finally {
      await admin.close();
    }
  });

  test("an administrator sets up an installation, a client, a certificate, a key and a grant", async ({
    page,
    signInAs,
    installationList,
    installationPage,
    clientPage,
  }, testInfo) => {
    const files = await writeSelfSignedPem(testInfo.outputPath("certificates"), certificateName);
    const spareFiles = await writeSelfSignedPem(testInfo.outputPath("certificates"), spareCertificateName);

    await signInAs("admin");
    await installationList.goto();
    await installationList.createInstallation({
      name: installationName,
      endpointUrls: ["https://bws-e2e.example.com"],
      storages: ["bws"],
    });
    await expect(page.getByText("Your role: Owner")).toBeVisible();
    await expect(installationPage.syncState).toHaveText("Not connected");

    await installationPage.createClient(clientName);
    await installationPage.uploadPemCertificate(files);
    await expect(installationPage.certificateRow(certificateName)).toContainText(`CN=${certificateName}`);
    await installationPage.uploadPemCertificate(spareFiles);
    await expect(installationPage.certificateRow(spareCertificateName)).toContainText(`CN=${spareCertificateName}`);

    await installationPage.openTab("Clients");
    await installationPage.clientLink(clientName).click();
    await clientPage.expectShown(clientName);
    await expect(clientPage.syncState).toHaveText("Not connected");
    await clientPage.attachCertificate(certificateName);

    const key = await clientPage.createKey("e2e application");
    expect(key.appSecret.length).toBeGreaterThan(16);
    expect(await clientPage.occurrencesOf(key.appSecret)).toBe(1);
    await expect(clientPage.secretDialog).toContainText("cannot be shown again");
    await clientPage.closeSecretDialog();
    await expect(clientPage.keyRow(key.appId)).toContainText("Active");
    expect(await clientPage.occurrencesOf(key.appSecret)).toBe(0);
    expect(await page.content()).not.toContain(key.appSecret);

    await clientPage.grant({ search: "Eddie", displayName: "Eddie Editor" }, "Edit");
    await expect(page.getByText("Permission granted")).toBeVisible();
    await expect(clientPage.permissionRow("Eddie Editor")).toContainText("Edit");
  });

  test("the editor of the client alone finds it and attaches another certificate of its installation", async ({
    signInAs,
    clientList,
    clientPage,
  }) => {
    await signInAs("editor");
    expect(await clientList.clientNames()).toContain(clientName);
    await clientList.row(clientName).getByRole("link", { name: clientName }).click();
    await clientPage.expectShown(clientName);
    await expect(clientPage.fact("Your role")).toHaveText("Edit");
    await expect(clientPage.ownershipButton).toHaveCount(0);
    await clientPage.openTab("Certificates");
    await expect(clientPage.attachedCertificate(certificateName)).toBeVisible();

    await clientPage.attachCertificate(spareCertificateName);
    await expect(clientPage.attachedCertificate(certificateName)).toBeVisible();
  });

  test("an Editor of the demo installation creates clients without an owner and is not offered ownership", async ({
    page,
    signInAs,
    clientPage,
    installationList,
    installationPage,
  }) => {
    await signInAs("editor");
    await installationList.goto();
    await installationList.link("demo").click();
    await expect(installationPage.heading("demo")).toBeVisible();
    const newClient = await installationPage.openNewClientDialog();
    await expect(newClient.getByRole("textbox", { name: "Client name" })).toBeVisible();
    await expect(newClient.getByRole("combobox", { name: "Owner (optional)" })).toHaveCount(0);
    await closeWithEscape(page, newClient);

    await clientPage.goto("demo-client");
    await expect(page.getByRole("button", { name: "Delete client" })).toBeVisible();
    await expect(clientPage.ownershipButton).toHaveCount(0);
  });

  test("the Owner of the demo installation picks owners for new clients and for demo-client", async ({
    page,
    signInAs,
    clientPage,
    installationList,
    installationPage,
  }) => {
    await signInAs("owner");
    await installationList.goto();
    await installationList.link("demo").click();
    await expect(installationPage.heading("demo")).toBeVisible();
    const newClient = await installationPage.openNewClientDialog();
    await newClient.getByRole("combobox", { name: "Owner (optional)" }).fill("Vera");
    await expect(page.getByRole("option", { name: /^Vera Viewer/ })).toBeVisible();
    await closeWithEscape(page, newClient);

    await clientPage.goto("demo-client");
    await expect(clientPage.ownershipButton).toBeEnabled();
    await clientPage.ownershipButton.click();
    const ownership = await settledDialog(page, "Transfer or add ownership");
    await ownership.getByRole("combobox", { name: "New owner" }).fill("Eddie");
    await expect(page.getByRole("option", { name: /^Eddie Editor/ })).toBeVisible();
    await closeWithEscape(page, ownership);
  });

  test("a viewer of demo-client is offered no edit controls", async ({ page, signInAs, clientList, clientPage }) => {
    await signInAs("viewer");
    await clientList.expectLoaded();
    await clientPage.goto("demo-client");
    await expect(clientPage.fact("Your role")).toHaveText("View");
    await clientPage.openTab("Settings");
    await expect(page.getByLabel("Expires on")).toBeDisabled();
    await expect(clientPage.saveButton).toHaveCount(0);

    await clientPage.openTab("Web API keys");
    await expect(page.getByText("Web API keys are managed by Owners and Editors")).toBeVisible();
    await expect(clientPage.createKeyButton).toHaveCount(0);

    await clientPage.openTab("Certificates");
    await expect(page.getByRole("region", { name: "Attached certificates" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Attach certificate" })).toHaveCount(0);

    await expect(clientPage.tab("Permissions")).toHaveCount(0);
    await expect(clientPage.grantButton).toHaveCount(0);
    await expect(clientPage.deleteButton).toHaveCount(0);
  });

  test("an unreachable database: the connection string is saved, the import report says why nothing was imported", async ({
    signInAs,
    clientPage,
    installationList,
    installationPage,
  }) => {
    await signInAs("admin");
    await installationList.goto();
    await installationList.link(installationName).click();
    await expect(installationPage.heading(installationName)).toBeVisible();

    await installationPage.setConnectionString(unreachableConnectionString);
    await expect(installationPage.importReportDialog).toContainText("The connection string was saved, but the import could not read");
    await expect(installationPage.importReportDialog.getByRole("alert")).toContainText("could not be read");
    await installationPage.closeImportReport();
    await expect(installationPage.importReportSection).toContainText("could not read the installation’s database");
    await expect(installationPage.syncState).not.toHaveText("Not connected");
    await installationPage.importReportSection.getByRole("button", { name: "Dismiss" }).click();
    await expect(installationPage.importReportSection).toHaveCount(0);

    await clientPage.goto(clientName);
    await clientPage.toggleIdentification();
    await expect(clientPage.syncState).toHaveText("Pending (1)");

    await installationList.goto();
    await installationList.link(installationName).click();
    await installationPage.removeConnectionString();
    await expect(installationPage.syncState).toHaveText("Not connected");
  });

  test("the administrator deletes the client and then the installation", async ({
    signInAs,
    clientList,
    clientPage,
    installationList,
    installationPage,
  }) => {
    await signInAs("admin");
    await clientList.expectLoaded();
    await clientPage.goto(clientName);
    await clientPage.deleteClient(clientName);
    expect(await clientList.clientNames()).not.toContain(clientName);

    await installationList.goto();
    await installationList.link(installationName).click();
    await expect(installationPage.heading(installationName)).toBeVisible();
    await installationPage.deleteInstallation(installationName);
    await expect(installationList.link(installationName)).toHaveCount(0);
  });
});
