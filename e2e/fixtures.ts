import { expect, test as base } from "@playwright/test";
import { ClientListPage } from "./pages/client-list-page.ts";
import { ClientPage } from "./pages/client-page.ts";
import { InstallationListPage } from "./pages/installation-list-page.ts";
import { InstallationPage } from "./pages/installation-page.ts";
import { LoginPage } from "./pages/login-page.ts";
import { Shell } from "./pages/shell.ts";
import { watchCspViolations } from "./csp-violations.ts";

interface Fixtures {
  /** Every Content-Security-Policy violation in the test's browser context; the test fails on any. */
  cspViolations: readonly string[];
  loginPage: LoginPage;
  clientList: ClientListPage;
  shell: Shell;
  installationList: InstallationListPage;
  installationPage: InstallationPage;
  clientPage: ClientPage;
  /** Opens the portal and signs in through the real IdP page. */
  signInAs: (username: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  cspViolations: [
    async ({ context }, use) => {
      const violations = await watchCspViolations(context);
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  clientList: async ({ page }, use) => use(new ClientListPage(page)),
  shell: async ({ page }, use) => use(new Shell(page)),
  installationList: async ({ page }, use) => use(new InstallationListPage(page)),
  installationPage: async ({ page }, use) => use(new InstallationPage(page)),
  clientPage: async ({ page }, use) => use(new ClientPage(page)),
  signInAs: async ({ page, loginPage }, use) => {
    await use(async (username) => {
      await page.goto("/");
      await loginPage.signIn(username);
      // Back from the IdP, the portal exchanges the code and then opens the start page; a
      // test that navigates before that would be overtaken by this last redirect.
      await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
      await expect(page).toHaveURL(/\/clients$/);
    });
  },
});

export { expect } from "@playwright/test";
