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

  test("signing out returns to the sign-in page without asking again, and the old access token stops working", async ({ page, signInAs, shell, clientList, loginPage }) => {
    await signInAs("viewer");
    await clientList.expectLoaded();
    const accessToken = await page.evaluate(() => sessionStorage.getItem("access_token"));
    const me = () => page.request.get("/api/me", { headers: { authorization: `Bearer ${accessToken}` } });
    // Checked once, so the BFF has the token's introspection answer cached.
    expect((await me()).status()).toBe(200);
    const endSession = page.waitForRequest((request) => new URL(request.url()).pathname === "/oidc/session/end");
    await shell.signOut();
    // The portal sends its ID token, so the IdP ends its session without a confirmation
    // page and sends the browser back to the portal, which asks for a sign-in.
    expect(new URL((await endSession).url()).searchParams.get("id_token_hint")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await loginPage.expectShown();
    // Signing out revoked the session's grant: the cached answer is gone at once.
    expect((await me()).status()).toBe(401);
    await page.goto("/");
    await loginPage.expectShown();
  });

  test("keeps tokens per tab in sessionStorage; a new tab signs in through the IdP session without a password", async ({
    page,
    context,
    signInAs,
    clientList,
  }) => {
    await signInAs("viewer");
    await clientList.expectLoaded();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes("token")))).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.getItem("refresh_token"))).toBeTruthy();

    const second = await context.newPage();
    await second.goto("/clients");
    await expect(second.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
    const refreshTokens = async () => Promise.all([page, second].map((tab) => tab.evaluate(() => sessionStorage.getItem("refresh_token"))));
    const [first, other] = await refreshTokens();
    expect(other).toBeTruthy();
    expect(other).not.toBe(first);
  });

  test("a tab opened with a copy of the portal's sessionStorage gets tokens of its own", async ({ page, signInAs, clientList }) => {
    await signInAs("viewer");
    await clientList.expectLoaded();
    const opened = page.waitForEvent("popup");
    // With an opener, the browser copies sessionStorage into the new tab, as "Duplicate tab" does.
    await page.evaluate(() => void window.open("/clients", "_blank"));
    const copy = await opened;
    await expect(copy.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
    const chainOf = (tab: typeof page) => tab.evaluate(() => [sessionStorage.getItem("bws_token_chain"), sessionStorage.getItem("refresh_token")]);
    await expect.poll(async () => (await chainOf(copy))[0]).not.toBe((await chainOf(page))[0]);
    const [[originalChain, originalToken], [copyChain, copyToken]] = await Promise.all([chainOf(page), chainOf(copy)]);
    expect(copyChain).toBeTruthy();
    expect(copyChain).not.toBe(originalChain);
    expect(copyToken).not.toBe(originalToken);
  });

  test("signing out in one tab signs the other tabs out", async ({ page, context, signInAs, shell, clientList, loginPage }) => {
    await signInAs("viewer");
    await clientList.expectLoaded();
    const second = await context.newPage();
    await second.goto("/clients");
    await expect(second.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();

    await shell.signOut();
    await loginPage.expectShown();

    await expect(second.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    expect(await second.evaluate(() => sessionStorage.getItem("refresh_token"))).toBeNull();
  });
});
