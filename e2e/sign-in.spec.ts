import { expect, test } from "./fixtures.ts";

const demoReaders = ["demo-client", "second-client"];

test.describe("signing in through the embedded identity provider", () => {
  for (const [username, displayName, clients, role] of [
    ["owner", "Olivia Owner", demoReaders, "Owner"],
    ["viewer", "Vera Viewer", demoReaders, "View"],
    ["editor", "Eddie Editor", demoReaders, "Edit"],
    ["support", "Sam Support", demoReaders, "Support"],
    ["admin", "Ada Admin", ["demo-client", "lab-client", "second-client"], "Owner"],
  ] as const) {
    test(`${username} sees exactly the clients they may read`, async ({ signInAs, clientList, shell }) => {
      await signInAs(username);
      await shell.expectSignedInAs(displayName);
      expect(await clientList.clientNames()).toEqual(clients);
      await expect(clientList.row("demo-client")).toContainText(role);
    });
  }

  test("a wrong password keeps the user on the sign-in page with a message", async ({ page, loginPage }) => {
    await page.goto("/");
    await loginPage.signIn("owner", "wrong");
    await expect(page.getByRole("alert")).toHaveText("The username or password is not correct.");
    await expect(page.getByLabel("Username")).toHaveValue("owner");
  });

  test("signing out returns to the sign-in page", async ({ page, signInAs, shell, clientList, loginPage }) => {
    await signInAs("viewer");
    await clientList.expectLoaded();
    await shell.signOut();
    // The IdP ends its session and sends the browser back to the portal, which asks for a sign-in.
    await loginPage.expectShown();
    await page.goto("/");
    await loginPage.expectShown();
  });
});
