import { expect, type Page } from "@playwright/test";

/**
 * Every page and tab of the portal, and which demo users see each, as SPEC's access table
 * and the demo data give them (installation roles on `demo` reach all of its clients; the
 * platform administrator sees everything). Specs that must look at every screen (CSP,
 * accessibility) walk this list: a new page or tab belongs here.
 */
export type DemoUser = "admin" | "owner" | "editor" | "support" | "viewer";

export const demoUsers: readonly DemoUser[] = ["admin", "owner", "editor", "support", "viewer"];
const readersOfLogs: readonly DemoUser[] = ["admin", "owner", "editor", "support"];
const owners: readonly DemoUser[] = ["admin", "owner"];

export interface PortalTab {
  readonly name: string;
  readonly users: readonly DemoUser[];
}

export interface PortalPage {
  /** For test titles. */
  readonly name: string;
  readonly path: string;
  /** A link to follow from `path`, for pages whose URL holds a generated id. */
  readonly link?: string;
  /** The page's level-1 heading once it has loaded. */
  readonly heading: string;
  readonly users: readonly DemoUser[];
  readonly tabs: readonly PortalTab[];
}

export const portalPages: readonly PortalPage[] = [
  { name: "client list", path: "/clients", heading: "Clients", users: demoUsers, tabs: [] },
  {
    name: "client detail",
    path: "/clients/demo-client",
    heading: "demo-client",
    users: demoUsers,
    tabs: [
      { name: "Usage", users: demoUsers },
      { name: "Settings", users: demoUsers },
      { name: "Web API keys", users: demoUsers },
      { name: "Certificates", users: demoUsers },
      { name: "Log", users: readersOfLogs },
      { name: "Samples", users: readersOfLogs },
      { name: "Classes", users: readersOfLogs },
      { name: "Permissions", users: owners },
      { name: "Audit", users: owners },
    ],
  },
  { name: "installation list", path: "/installations", heading: "Installations", users: demoUsers, tabs: [] },
  {
    name: "installation detail",
    path: "/installations",
    link: "demo",
    heading: "demo",
    users: demoUsers,
    tabs: [
      { name: "Overview", users: demoUsers },
      { name: "Usage", users: demoUsers },
      { name: "Clients", users: demoUsers },
      { name: "Certificates", users: demoUsers },
      { name: "Log", users: readersOfLogs },
      { name: "Diagnostics", users: readersOfLogs },
      { name: "Permissions", users: owners },
      { name: "Audit", users: owners },
    ],
  },
  { name: "platform overview", path: "/overview", heading: "Overview", users: ["admin"], tabs: [] },
  { name: "audit log", path: "/audit", heading: "Audit log", users: owners, tabs: [] },
  { name: "playground", path: "/playground", heading: "Playground", users: demoUsers, tabs: [] },
];

/** Shown without signing in, after a sign-out in another tab or a failed sign-in. */
export const signedOutPage = { path: "/signed-out", heading: "You are signed out" } as const;

export function pagesFor(user: DemoUser): PortalPage[] {
  return portalPages.filter((page) => page.users.includes(user));
}

export function tabsFor(page: PortalPage, user: DemoUser): PortalTab[] {
  return page.tabs.filter((tab) => tab.users.includes(user));
}

/** Opens `portalPage` in the signed-in portal and waits for its heading. */
export async function openPortalPage(page: Page, portalPage: PortalPage): Promise<void> {
  await page.goto(portalPage.path);
  if (portalPage.link) await page.getByRole("link", { name: portalPage.link, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: portalPage.heading, exact: true })).toBeVisible();
}

/** Selects a tab of the open page and waits until it shows. */
export async function openPortalTab(page: Page, tab: PortalTab): Promise<void> {
  const control = page.getByRole("tab", { name: tab.name, exact: true });
  await control.click();
  await expect(control).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toBeVisible();
}
