import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, type Response } from "@playwright/test";

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
    // longer). The dashboard may ask twice and cancel the first request, whose body the
    // browser then drops: the newest answer with a body is the one it shows.
    const answers: Response[] = [];
    const collect = (response: Response) => {
      const url = new URL(response.url());
      if (!/\/api\/(clients|installations)\/[^/]+\/usage$/.test(url.pathname) || !response.ok()) return;
      const span = (Date.parse(url.searchParams.get("to")!) - Date.parse(url.searchParams.get("from")!)) / 86_400_000;
      if (span >= days - 0.01 && span <= days + 1.01) answers.push(response);
    };
    this.page.on("response", collect);
    try {
      await this.page.getByRole("combobox", { name: "Time range" }).click();
      await this.page.getByRole("option", { name: label }).click();
      let usage: UsageAnswer | undefined;
      await expect
        .poll(async () => {
          for (const response of [...answers].reverse()) {
            usage = (await response.json().catch(() => undefined)) as UsageAnswer | undefined;
            if (usage) return true;
          }
          return false;
        })
        .toBe(true);
      return usage!;
    } finally {
      this.page.off("response", collect);
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
