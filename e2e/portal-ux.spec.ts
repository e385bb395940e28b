import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "./fixtures.ts";
import { ManagementApi } from "./pages/management-api.ts";
import { settledDialog } from "./pages/settled-dialog.ts";
import { baseURL } from "./playwright.config.ts";
import { selfSignedCertificate } from "./self-signed-certificate.ts";

// The portal as admins and client developers use it (issue #14): who has access, the
// certificate steps, readable charts, refusals that say what happened, one time zone.

test.describe("the portal as admins and client developers use it", () => {
  test("demo-client's Permissions tab lists the four roles inherited from its installation", async ({
    page,
    signInAs,
    clientPage,
  }) => {
    await signInAs("owner");
    await clientPage.goto("demo-client");
    await clientPage.openTab("Permissions");

    const access = page.getByRole("list", { name: "Also has access" });
    for (const [name, role] of [
      ["Olivia Owner", "Owner"],
      ["Eddie Editor", "Edit"],
      ["Sam Support", "Support"],
      ["Vera Viewer", "View"],
    ]) {
      const row = access.getByRole("listitem").filter({ hasText: name });
      await expect(row).toContainText(role);
      await expect(row).toContainText("Inherited from installation demo");
    }
    await expect(access.getByRole("listitem").filter({ hasText: "Ada Admin" })).toContainText("Platform administrator");

    await access.getByRole("listitem").filter({ hasText: "Eddie Editor" }).getByRole("link", { name: "demo" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "demo" })).toBeVisible();
    await expect(page.getByRole("tab", { name: "Permissions" })).toHaveAttribute("aria-selected", "true");
  });

  test("the certificate steps lead from an empty installation to an attached certificate by on-screen links", async ({
    page,
    signInAs,
  }, testInfo) => {
    const suffix = Date.now().toString(36);
    const installationName = `cert-flow-${suffix}`;
    const clientName = `cert-flow-client-${suffix}`;
    const certificateName = `cert-flow-${suffix}.example`;
    const directory = testInfo.outputPath("certificates");
    await mkdir(directory, { recursive: true });
    const { certificatePem, privateKeyPem } = selfSignedCertificate(certificateName);
    await writeFile(path.join(directory, "cert.pem"), certificatePem);
    await writeFile(path.join(directory, "key.pem"), privateKeyPem);

    const admin = await ManagementApi.signIn(page.context().browser()!, baseURL, "admin");
    try {
      const created = (await (await admin.post("/installations", { name: installationName, storages: ["bws"] })).json()) as { id: string };
      const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
      expect((await admin.post("/clients", { name: clientName, installationId: created.id, storage: "bws", expiresAt })).ok()).toBe(true);

      await signInAs("admin");
      await page.goto(`/clients/${clientName}`);
      await page.getByRole("tab", { name: "Certificates" }).click();
      const attach = page.getByRole("button", { name: "Attach certificate" });
      await expect(attach).toHaveAttribute("aria-disabled", "true");
      await expect(attach).toHaveAccessibleDescription(new RegExp(`Installation ${installationName} has no certificates yet`));
      await page.getByRole("link", { name: `Upload a certificate on ${installationName}’s Certificates tab` }).click();

      await expect(page.getByRole("heading", { level: 1, name: installationName })).toBeVisible();
      await expect(page.getByRole("tab", { name: "Certificates" })).toHaveAttribute("aria-selected", "true");
      await page.getByRole("button", { name: "Upload certificate" }).click();
      const upload = await settledDialog(page, "Upload certificate");
      await upload.getByLabel("Certificate file").setInputFiles(path.join(directory, "cert.pem"));
      await expect(upload.getByLabel("Certificate (PEM)")).toHaveValue(/BEGIN CERTIFICATE/);
      await upload.getByLabel("Private key file").setInputFiles(path.join(directory, "key.pem"));
      await expect(upload.getByLabel("Private key (PEM)")).toHaveValue(/PRIVATE KEY/);
      await upload.getByRole("button", { name: "Upload", exact: true }).click();
      await expect(upload).toBeHidden();

      const row = page.getByRole("table", { name: "Certificates" }).getByRole("row").filter({ hasText: certificateName });
      await row.getByRole("link", { name: "attach it on a client’s Certificates tab" }).click();
      await expect(page.getByRole("tab", { name: "Clients" })).toHaveAttribute("aria-selected", "true");
      await page.getByRole("table", { name: "Clients of this installation" }).getByRole("link", { name: clientName }).click();

      await page.getByRole("tab", { name: "Certificates" }).click();
      await expect(attach).toBeEnabled();
      await attach.click();
      const dialog = await settledDialog(page, "Attach certificate");
      await dialog.getByRole("combobox", { name: "Certificate" }).click();
      await page.getByRole("option", { name: new RegExp(`^${certificateName.replace(/\./g, "\\.")} `) }).click();
      await dialog.getByRole("button", { name: "Attach", exact: true }).click();
      await expect(page.getByRole("table", { name: "Attached certificates" }).getByRole("row").filter({ hasText: certificateName })).toBeVisible();
      await expect(page.getByRole("button", { name: "Attach certificate" })).toHaveAccessibleDescription(
        /Every certificate of installation .* is attached to this client already/,
      );
    } finally {
      await admin.delete(`/clients/${encodeURIComponent(clientName)}`);
      const installations = (await (await admin.get("/installations")).json()) as { items: { id: string; name: string }[] };
      const leftover = installations.items.find((installation) => installation.name === installationName);
      if (leftover) {
        const certificates = (await (await admin.get(`/installations/${leftover.id}/certificates`)).json()) as { items: { id: string }[] };
        for (const certificate of certificates.items) await admin.delete(`/installations/${leftover.id}/certificates/${certificate.id}`);
        await admin.delete(`/installations/${leftover.id}`);
      }
      await admin.close();
    }
  });

  test("a taken client name shows at the name field", async ({ page, signInAs, installationPage }) => {
    await signInAs("owner");
    await page.goto("/installations");
    await page.getByRole("link", { name: "demo", exact: true }).click();
    const dialog = await installationPage.openNewClientDialog();
    await dialog.getByLabel("Client name").fill("demo-client");
    await dialog.getByRole("button", { name: "Create client" }).click();

    const name = dialog.getByLabel("Client name");
    await expect(name).toBeFocused();
    await expect(name).toHaveAccessibleDescription(/A client named 'demo-client' already exists/);
    await expect(name).toBeInViewport();
  });

  test("unknown, forbidden and malformed addresses say what happened and lead back", async ({ page, signInAs }) => {
    await signInAs("viewer");
    for (const [path, heading] of [
      ["/clients/no-such-client", "Client not found"],
      ["/clients/lab-client", "No access to this client"],
      ["/installations/not-an-id", "Installation not found"],
      ["/no-such-page", "Page not found"],
      ["/audit", "The audit log is not open to you"],
    ]) {
      await page.goto(path!);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
      await expect(page.getByText("must be an installation id")).toHaveCount(0);
    }
    await page.getByRole("link", { name: "Back to clients" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
  });

  test("the toolbar search finds a client by name and opens it from the keyboard", async ({ page, signInAs, clientPage }) => {
    await signInAs("owner");
    await page.keyboard.press("/");
    const search = page.getByRole("combobox", { name: "Search clients and installations" });
    await expect(search).toBeFocused();
    await search.pressSequentially("second");
    await expect(page.getByRole("option", { name: /second-client/ })).toBeVisible();
    await page.keyboard.press("Enter");
    await clientPage.expectShown("second-client");
  });

  test("Swagger UI's sign-in asks for no client_secret", async ({ page }) => {
    await page.goto("/api/docs");
    await page.getByRole("button", { name: "Authorize" }).first().click();
    await expect(page.getByText("client_id:").first()).toBeVisible();
    await expect(page.locator("#client_secret_authorizationCode")).toBeHidden();
  });
});

test.describe("in a browser east of UTC", () => {
  test.use({ timezoneId: "Europe/Berlin" });

  test("times follow one zone, named, with UTC on hover; the chart's dates appear once each", async ({
    page,
    signInAs,
    clientPage,
  }) => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    await signInAs("admin");
    await page.getByRole("link", { name: "Overview" }).click();
    const ticks = page.getByRole("img", { name: "Calls over time" }).locator("g.x.axis g.tick text");
    await expect(ticks.first()).toBeVisible();
    const labels = await ticks.allTextContents();
    expect(new Set(labels).size).toBe(labels.length);
    await expect(page.getByText("Day (UTC)")).toBeVisible();

    await clientPage.goto("demo-client");
    await clientPage.openTab("Log");
    const firstTime = page.getByRole("table", { name: "Log entries" }).locator("time").first();
    await expect(firstTime).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} GMT\+1$/);
    await expect(firstTime).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);

    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Show times in UTC" }).click();
    await expect(firstTime).toHaveText(/ UTC$/);
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Show times in your zone (Europe/Berlin)" }).click();
    await expect(firstTime).toHaveText(/ GMT\+1$/);
  });
});
