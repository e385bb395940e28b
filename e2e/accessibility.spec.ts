import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

/**
 * Every portal page and tab, as the administrator sees it, plus the refusal pages, checked
 * with axe: no WCAG 2.x A/AA violation, and everything inside a landmark (the best-practice
 * `region` rule, so the toolbar's title too). axe-core runs from its npm package in the page.
 */
interface PortalView {
  readonly name: string;
  readonly user: string;
  /** A path, or a function of the demo installation's id. */
  readonly path: string | ((demoId: string) => string);
  readonly heading: string | RegExp;
  readonly tab?: string;
}

const clientTabs = ["Usage", "Settings", "Web API keys", "Certificates", "Log", "Samples", "Classes", "Permissions", "Audit"];
const installationTabs = ["Overview", "Usage", "Clients", "Certificates", "Log", "Diagnostics", "Permissions", "Audit"];

const views: readonly PortalView[] = [
  { name: "overview", user: "admin", path: "/overview", heading: "Overview" },
  { name: "client list", user: "admin", path: "/clients", heading: "Clients" },
  ...clientTabs.map((tab) => ({ name: `client, ${tab} tab`, user: "admin", path: "/clients/demo-client", heading: "demo-client", tab })),
  { name: "installation list", user: "admin", path: "/installations", heading: "Installations" },
  ...installationTabs.map((tab) => ({
    name: `installation, ${tab} tab`,
    user: "admin",
    path: (demoId: string) => `/installations/${demoId}`,
    heading: "demo",
    tab,
  })),
  { name: "audit log", user: "admin", path: "/audit", heading: "Audit log" },
  { name: "playground", user: "admin", path: "/playground", heading: /playground/i },
  { name: "unknown page", user: "admin", path: "/no-such-page", heading: "Page not found" },
  { name: "unknown client", user: "admin", path: "/clients/no-such-client", heading: "Client not found" },
  { name: "malformed installation id", user: "admin", path: "/installations/not-an-id", heading: "Installation not found" },
  { name: "forbidden client", user: "viewer", path: "/clients/lab-client", heading: "No access to this client" },
  { name: "audit log for a viewer", user: "viewer", path: "/audit", heading: "The audit log is not open to you" },
];

async function settled(page: Page): Promise<void> {
  await expect(page.locator("mat-progress-bar")).toHaveCount(0);
  await expect(page.locator("mat-spinner")).toHaveCount(0);
}

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .options({ rules: { region: { enabled: true } } })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
  );
}

/**
 * One test per user and page: signing in and loading the portal cost more than the check,
 * so the views of one page (its tabs) are checked in turn, each a step of its own, and the
 * test fails with every view's violations side by side.
 */
const groups = [
  { name: "the administrator's pages", views: views.filter((v) => v.user === "admin" && !v.tab) },
  { name: "a client's tabs", views: views.filter((v) => v.tab && v.name.startsWith("client,")) },
  { name: "an installation's tabs", views: views.filter((v) => v.tab && v.name.startsWith("installation,")) },
  { name: "the viewer's refusals", views: views.filter((v) => v.user === "viewer") },
];

test.describe("accessibility of every portal page", () => {
  test("every view is in exactly one group", () => {
    expect(groups.flatMap((g) => g.views.map((v) => v.name)).sort()).toEqual(views.map((v) => v.name).sort());
  });

  for (const group of groups) {
    const [{ user }] = group.views;
    test(`${group.name} (${user}): no WCAG A/AA violation, everything in a landmark`, async ({ page, signInAs }) => {
      await signInAs(user);
      let demoId = "";
      if (group.views.some((v) => typeof v.path !== "string")) {
        await page.goto("/installations");
        await page.getByRole("link", { name: "demo", exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: "demo" })).toBeVisible();
        demoId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      }
      const found: Record<string, string[]> = {};
      let opened = "";
      for (const view of group.views) {
        await test.step(view.name, async () => {
          const path = typeof view.path === "string" ? view.path : view.path(demoId);
          // The tabs of one page are switched in place, as a user does; other views load anew.
          if (path !== opened || !view.tab) await page.goto(path);
          opened = path;
          await expect(page.getByRole("heading", { level: 1, name: view.heading })).toBeVisible();
          if (view.tab) {
            const tab = page.getByRole("tab", { name: view.tab, exact: true });
            await tab.click();
            await expect(tab).toHaveAttribute("aria-selected", "true");
          }
          await settled(page);
          found[view.name] = await violations(page);
        });
      }
      expect(found).toEqual(Object.fromEntries(group.views.map((v) => [v.name, []])));
    });
  }
});
