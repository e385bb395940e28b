import { expect, test } from "./fixtures.ts";
import { ManagementApi } from "./pages/management-api.ts";
import { UsageDashboard } from "./pages/usage-dashboard.ts";
import { baseURL } from "./playwright.config.ts";

// Dashboards over the demo data's 90 days of usage: an Owner switches ranges and
// downloads what is charted; a viewer sees usage but no log; support reads the log; the
// platform administrator sees the overview of all installations.

test.describe("usage dashboards and logs", () => {
  test("owner opens demo-client's dashboard, switches the range and downloads the charted figures as CSV", async ({ page, signInAs, clientList, clientPage }) => {
    await signInAs("owner");
    await clientList.expectLoaded();
    await clientPage.goto("demo-client");
    const dashboard = new UsageDashboard(page);
    await expect(clientPage.tab("Usage")).toHaveAttribute("aria-selected", "true");
    await expect(dashboard.callsChart).toBeVisible();

    const usage = await dashboard.chooseRange("Last 30 days");
    expect(usage.bucket).toBe("day");
    expect(usage.total).toBeGreaterThan(1000);
    await expect(dashboard.figure("Total calls")).toHaveText(usage.total.toLocaleString("en-US"));
    await expect(dashboard.callsChart.locator("svg path.area").first()).toBeVisible();
    const topError = usage.topErrors[0]!;
    await expect(dashboard.errorsChart.getByRole("img", { name: `${topError.code} ${topError.count}` })).toBeVisible();

    const csv = await dashboard.downloadCsv();
    expect(csv.fileName).toMatch(/^demo-client-usage-.*\.csv$/);
    const fromApi = new Map(usage.series.flatMap((s) => s.points.map((p) => [`${new Date(p.at).toISOString()}|${s.name}`, p.count] as const)));
    const fromCsv = new Map(csv.rows.map(([at, series, count]) => [`${new Date(at!).toISOString()}|${series}`, Number(count)] as const));
    for (const [key, count] of fromApi) expect(fromCsv.get(key), key).toBe(count);
    for (const [key, count] of fromCsv) expect(count, key).toBe(fromApi.get(key) ?? 0);
    expect([...fromCsv.values()].reduce((a, b) => a + b, 0)).toBe(usage.total);
    expect(new Set(csv.rows.map(([, series]) => series))).toEqual(new Set(usage.series.map((s) => s.name)));

    // The chart follows its container: after the window changes, it fills the new width.
    const widths = async () => ({
      chart: Math.round((await dashboard.callsChart.locator("svg").first().boundingBox())!.width),
      container: Math.round((await dashboard.callsChart.boundingBox())!.width),
    });
    const before = await widths();
    await page.setViewportSize({ width: 900, height: 900 });
    await expect.poll(async () => (await widths()).container).not.toBe(before.container);
    await expect.poll(async () => {
      const now = await widths();
      return Math.abs(now.chart - now.container) <= 2 && now.chart !== before.chart;
    }).toBe(true);

    const hourly = await dashboard.chooseRange("Last 24 hours");
    expect(hourly.bucket).toBe("hour");
    await expect(dashboard.figure("Total calls")).toHaveText(hourly.total.toLocaleString("en-US"));
  });

  test("viewer can open the dashboard but not the log", async ({ page, browser, signInAs, clientList, clientPage }) => {
    await signInAs("viewer");
    await clientList.expectLoaded();
    await clientPage.goto("demo-client");
    const dashboard = new UsageDashboard(page);
    await expect(dashboard.callsChart).toBeVisible();
    await expect(dashboard.figure("Total calls")).toHaveText(/^[\d,]+$/);
    await expect(clientPage.tab("Settings")).toBeVisible();
    await expect(clientPage.tab("Log")).toHaveCount(0);
    await expect(clientPage.tab("Samples")).toHaveCount(0);
    await page.goto("/overview");
    await expect(page).toHaveURL(/\/clients$/);

    const api = await ManagementApi.signIn(browser, baseURL, "viewer");
    try {
      const range = `from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;
      const refused = await api.get(`/clients/demo-client/bwslog?${range}`);
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { Message: string }).Message).toMatch(/log/);
      expect((await api.get(`/clients/demo-client/usage?${range}`)).status()).toBe(200);
    } finally {
      await api.close();
    }
  });

  test("support reads demo-client's log and opens an entry", async ({ page, signInAs, clientList, clientPage }) => {
    await signInAs("support");
    await clientList.expectLoaded();
    await clientPage.goto("demo-client");
    await clientPage.openTab("Log");
    await page.getByRole("combobox", { name: "Time range" }).click();
    await page.getByRole("option", { name: "Last 7 days" }).click();
    const rows = page.getByRole("table", { name: "Log entries" }).getByRole("row");
    await expect(rows.nth(1)).toBeVisible();
    // The newest entry may be a verify already: wait for the filtered answer, since a new
    // filter closes an open entry.
    const filtered = page.waitForResponse((response) => /\/bwslog\?/.test(response.url()) && new URL(response.url()).searchParams.get("operation") === "verify");
    await page.getByLabel("Operation").fill("verify");
    await filtered;
    await expect(rows.nth(1).getByRole("cell").nth(1)).toHaveText("verify");
    await rows.nth(1).click();
    await expect(page.getByRole("heading", { name: "Log entry" })).toBeVisible();
    await expect(page.getByLabel("Details as JSON")).toContainText("jobId");
  });

  test("the platform administrator sees every installation in the overview", async ({ page, signInAs, clientList }) => {
    await signInAs("admin");
    await clientList.expectLoaded();
    await page.getByRole("link", { name: "Overview" }).click();
    const installations = page.getByRole("table", { name: "Calls per installation" });
    await expect(installations.getByRole("row", { name: /demo/ }).first()).toBeVisible();
    await expect(page.getByRole("table", { name: "Top clients" }).getByRole("row", { name: /demo-client/ })).toBeVisible();
    await expect(page.getByRole("img", { name: "Calls over time" })).toBeVisible();
  });
});
