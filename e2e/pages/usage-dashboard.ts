import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, type Route } from "@playwright/test";

export interface UsageAnswer {
  from: string;
  to: string;
  bucket: "hour" | "day";
  total: number;
  series: { name: string; points: { at: string; count: number }[] }[];
  topErrors: { code: string; count: number }[];
}

/** A usage dashboard (client or installation tab): range, key figures, charts, CSV. */
export class UsageDashboard {
  readonly region: Locator;
  readonly callsChart: Locator;
  readonly errorsChart: Locator;
  readonly downloadButton: Locator;

  constructor(private readonly page: Page) {
    this.region = page.getByRole("region", { name: "Usage" });
    this.callsChart = page.getByRole("img", { name: "Calls over time" });
    this.errorsChart = page.getByRole("img", { name: "Top error codes" });
    this.downloadButton = page.getByRole("button", { name: "Download CSV" });
  }

  /** A key figure's text ("Total calls" → "12,345"). */
  figure(term: string): Locator {
    return this.page.getByRole("definition").filter({ has: this.page.locator(`xpath=preceding-sibling::dt[1][normalize-space()="${term}"]`) });
  }

  /** Picks a preset range and returns the usage answer the dashboard then shows. */
  async chooseRange(label: "Last 24 hours" | "Last 7 days" | "Last 30 days" | "Last 90 days"): Promise<UsageAnswer> {
    const days = { "Last 24 hours": 1, "Last 7 days": 7, "Last 30 days": 30, "Last 90 days": 90 }[label];
    // The answers for this range (ranges snap to whole hours or days, so they may be a bit
    // longer), read as they pass through a route. A body read back from the browser can be
    // missing: once in `npm test` the dashboard showed the 30-day answer while Playwright,
    // and its trace, had no body for it. The dashboard may also ask twice and cancel the
    // first request: the newest answer is the one it shows.
    const pattern = /\/api\/(clients|installations)\/[^/]+\/usage(\?|$)/;
    const answers: UsageAnswer[] = [];
    const pass = async (route: Route) => {
      const response = await route.fetch();
      const url = new URL(route.request().url());
      const span = (Date.parse(url.searchParams.get("to")!) - Date.parse(url.searchParams.get("from")!)) / 86_400_000;
      if (response.ok() && span >= days - 0.01 && span <= days + 1.01) answers.push((await response.json()) as UsageAnswer);
      // A request the dashboard cancelled meanwhile can no longer be answered.
      await route.fulfill({ response }).catch(() => undefined);
    };
    await this.page.route(pattern, pass);
    try {
      await this.page.getByRole("combobox", { name: "Time range" }).click();
      await this.page.getByRole("option", { name: label }).click();
      await expect.poll(() => answers.length).toBeGreaterThan(0);
      return answers[answers.length - 1]!;
    } finally {
      await this.page.unroute(pattern, pass);
    }
  }

  /** Downloads the CSV and returns its rows without the header (BOM and CRLF removed). */
  async downloadCsv(): Promise<{ fileName: string; rows: string[][] }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.downloadButton.click()]);
    const text = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
    const [header, ...lines] = text.split(/\r?\n/).filter((line) => line !== "");
    expect(header).toBe("bucket,series,count");
    return { fileName: download.suggestedFilename(), rows: lines.map((line) => line.split(",")) };
  }
}
