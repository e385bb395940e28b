import { expect, test } from "./fixtures.ts";
import { ManagementApi } from "./pages/management-api.ts";
import { baseURL } from "./playwright.config.ts";
import { selfSignedCertificate } from "./self-signed-certificate.ts";

// The owner of the demo installation browses demo-client's enrolled classes (demo data);
// deleting needs a client certificate, so the actions wait for one; with a certificate
// attached the owner deletes a pattern and a class, and the class count follows.
// The certificate is detached and deleted at the end.
test.describe("classes of a client", () => {
  test("owner deletes a pattern and a class once a certificate is attached", async ({ page, browser, signInAs, clientList, clientPage }) => {
    const admin = await ManagementApi.signIn(browser, baseURL, "admin");
    let certificateId: string | undefined;
    let installationId: string | undefined;
    try {
      await signInAs("owner");
      await clientList.expectLoaded();
      await clientPage.goto("demo-client");
      await clientPage.openTab("Classes");
      const count = (await (await admin.get("/clients/demo-client/Face/classcount")).json()) as number;
      await expect(page.getByText(`${count.toLocaleString("en-US")} classes with Face templates`)).toBeVisible();
      const table = page.getByRole("table", { name: "Enrolled classes" });
      await expect(table.getByRole("row")).toHaveCount(51); // header + 50 per page
      await expect(page.getByText("Deleting needs a certificate attached to this client.")).toBeVisible();

      const client = (await (await admin.get("/clients/demo-client")).json()) as { installation: { id: string } };
      installationId = client.installation.id;
      const uploaded = await admin.post(`/installations/${installationId}/certificates`, selfSignedCertificate(`e2e-classes-${Date.now()}`));
      expect(uploaded.status()).toBe(201);
      certificateId = ((await uploaded.json()) as { id: string }).id;
      expect((await admin.put(`/clients/demo-client/certificates/${certificateId}`)).ok()).toBe(true);

      const classes = (await (await admin.get("/clients/demo-client/classes?maxclasses=1000")).json()) as { bcid: string; classId: number; traits: { trait: string }[] }[];
      const withPeriocular = classes.find((c) => c.traits.some((t) => t.trait === "Periocular"))!;
      const faceOnly = classes.find((c) => c.traits.length === 1 && c.traits[0]!.trait === "Face")!;

      await page.reload();
      await clientPage.openTab("Classes");
      await expect(page.getByText("Deleting needs a certificate attached to this client.")).toHaveCount(0);
      await page.getByRole("searchbox", { name: "Filter by class ID" }).fill(String(withPeriocular.classId));
      await page.getByRole("button", { name: `Delete from class ${withPeriocular.bcid}`, exact: true }).click();
      await page.getByRole("menuitem", { name: "Delete Periocular templates" }).click();
      const patternDialog = page.getByRole("dialog", { name: "Delete Periocular templates?" });
      await patternDialog.getByRole("button", { name: "Delete Periocular templates" }).click();
      await expect(page.getByText(/Periocular templates of .* queued for deletion on the installation/)).toBeVisible();
      const afterPattern = (await (await admin.get("/clients/demo-client/classes?maxclasses=1000")).json()) as typeof classes;
      expect(afterPattern.find((c) => c.classId === withPeriocular.classId)!.traits.map((t) => t.trait)).toEqual(["Face"]);

      await page.getByRole("searchbox", { name: "Filter by class ID" }).fill(String(faceOnly.classId));
      await page.getByRole("button", { name: `Delete from class ${faceOnly.bcid}`, exact: true }).click();
      await page.getByRole("menuitem", { name: "Delete class" }).click();
      await page.getByRole("dialog", { name: `Delete class ${faceOnly.bcid}?` }).getByRole("button", { name: "Delete class" }).click();
      await expect(page.getByText(`${(count - 1).toLocaleString("en-US")} classes with Face templates`)).toBeVisible();
      expect(await (await admin.get("/clients/demo-client/Face/classcount")).json()).toBe(count - 1);
    } finally {
      if (certificateId && installationId) {
        await admin.delete(`/clients/demo-client/certificates/${certificateId}`);
        await admin.delete(`/installations/${installationId}/certificates/${certificateId}`);
      }
      await admin.close();
    }
  });
});
