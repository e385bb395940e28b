import { expect, test } from "./fixtures.ts";
import { LoginPage } from "./pages/login-page.ts";
import { demoUsers, openPortalPage, openPortalTab, pagesFor, signedOutPage, tabsFor } from "./portal-pages.ts";

// Every screen under the BFF's Content-Security-Policy. The shared fixture fails each test
// on any violation (fixtures.ts); these tests make sure every page, tab and IdP page is
// actually shown once, for each role that sees it.

test.describe("no Content-Security-Policy violation anywhere", () => {
  for (const user of demoUsers) {
    test(`on every portal page and tab ${user} sees`, async ({ page, signInAs }) => {
      test.setTimeout(180_000);
      await signInAs(user);
      // The walk runs in the dark scheme; the other tests see the light one.
      await page.getByRole("button", { name: "Switch to dark theme" }).click();
      for (const portalPage of pagesFor(user)) {
        await openPortalPage(page, portalPage);
        const tabs = tabsFor(portalPage, user);
        if (tabs.length > 0) {
          await expect(page.getByRole("tab")).toHaveText(tabs.map((tab) => tab.name));
        }
        for (const tab of tabs) await openPortalTab(page, tab);
      }
    });
  }

  test("on the portal's signed-out page", async ({ page }) => {
    await page.goto(signedOutPage.path);
    await expect(page.getByRole("heading", { name: signedOutPage.heading })).toBeVisible();
  });

  test("in Swagger UI, through its sign-in popup and redirect page", async ({ page }) => {
    await page.goto("/api/docs");
    await expect(page.getByRole("heading", { level: 1, name: /^BWS Portal Management API/ })).toBeVisible();
    await page.getByRole("button", { name: "Authorize", exact: true }).click();
    const popupOpened = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Apply given OAuth2 credentials" }).click();
    const popup = await popupOpened;
    const popupClosed = popup.waitForEvent("close");
    await new LoginPage(popup).signIn("viewer");
    // oauth2-redirect.html hands the code to Swagger UI and closes the popup.
    await popupClosed;
    await expect(page.getByRole("button", { name: "Remove authorization" })).toBeVisible();
    await page.getByRole("button", { name: "Close" }).first().click();

    // Calls from Swagger UI stay within connect-src.
    await page.getByRole("button", { name: "GET /api/me The caller and their roles" }).click();
    await page.getByRole("button", { name: "Try it out" }).click();
    await page.getByRole("button", { name: "Execute" }).click();
    await expect(page.locator(".live-responses-table tbody .response-col_status")).toHaveText("200");
  });

  test("on the IdP's sign-in page, its error message, and the sign-out pages", async ({ page, loginPage, clientList }) => {
    await page.goto("/");
    await loginPage.signIn("viewer", "wrong");
    await expect(page.getByRole("alert")).toHaveText("The username or password is not correct.");
    await loginPage.signIn("viewer");
    await clientList.expectLoaded();

    // A sign-out that the portal did not ask for (a link from anywhere) waits for a click.
    await page.goto("/oidc/session/end");
    await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
    await page.getByRole("link", { name: "Cancel" }).click();
    await clientList.expectLoaded();

    await page.goto("/oidc/session/end");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();

    // Without a session, oidc-provider's own page submits the sign-out (its script is allowed by hash).
    await page.goto("/oidc/session/end");
    await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  });
});
